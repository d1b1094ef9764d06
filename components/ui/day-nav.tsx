import { useTranslations } from 'next-intl';

import { QueryLink } from '@/components/ui/query-link';
import { useFormat } from '@/lib/i18n/use-format';
import { addDays } from '@/lib/prices/berlin-time';

const linkClass =
  'rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * Previous/next day links (`?date=`), for the prices and the usage view
 * alike, with a link back to the day a view starts on ("Today", "Latest
 * day") and nothing beyond `last`.
 *
 * Each link is named by its own visible text, the date, followed by a
 * hidden ", previous day" for screen readers; the arrow is hidden. So the
 * accessible name starts with what is on screen, and voice control
 * ("click Sunday, 22 November") finds the link.
 */
export function DayNav({
  date,
  home,
  last,
  hrefFor,
}: {
  date: string;
  /** The day the view starts on, and what its link says. */
  home: { date: string; label: 'today' | 'latest' };
  /** The last day there can be anything to show: tomorrow for prices, the latest published day for usage. */
  last: string;
  hrefFor: (date: string | null) => string;
}) {
  const t = useTranslations('DayNav');
  const format = useFormat();
  const previous = addDays(date, -1);
  const next = addDays(date, 1);
  const parts = {
    arrow: (chunks: React.ReactNode) => <span aria-hidden="true">{chunks}</span>,
    hint: (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>,
  };
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center gap-2">
      <QueryLink className={linkClass} href={hrefFor(previous)} set={{ date: previous }} prefetch={false}>
        {t.rich('previous', { ...parts, date: format.date(previous) })}
      </QueryLink>
      {date !== home.date && (
        <QueryLink className={linkClass} href={hrefFor(null)} set={{ date: null }} prefetch={false}>
          {t(home.label)}
        </QueryLink>
      )}
      {next <= last && (
        <QueryLink className={linkClass} href={hrefFor(next)} set={{ date: next }} prefetch={false}>
          {t.rich('next', { ...parts, date: format.date(next) })}
        </QueryLink>
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">{t('showing', { date: format.date(date) })}</span>
    </nav>
  );
}
