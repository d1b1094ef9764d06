import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';

import { useFormat } from '@/lib/i18n/use-format';
import { addDays } from '@/lib/prices/berlin-time';

const linkClass =
  'rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/**
 * Previous/next day links for the usage view. Nothing lies beyond the latest
 * published day. A link's name is its visible date with "Previous day:"
 * before it for screen readers only, so the spoken name contains what is
 * shown (no `aria-label` that differs from the visible text).
 */
export function UsageDayNav({
  date,
  latest,
  hrefFor,
}: {
  date: string;
  latest: string;
  hrefFor: (date: string | null) => string;
}) {
  const t = useTranslations('Usage.nav');
  const format = useFormat();
  const previous = addDays(date, -1);
  const next = addDays(date, 1);
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center gap-2">
      <Link className={linkClass} href={hrefFor(previous)} prefetch={false}>
        <span aria-hidden>← </span>
        {t.rich('previous', { date: format.date(previous), hidden })}
      </Link>
      {date !== latest && (
        <Link className={linkClass} href={hrefFor(null)} prefetch={false}>
          {t('latest')}
        </Link>
      )}
      {next <= latest && (
        <Link className={linkClass} href={hrefFor(next)} prefetch={false}>
          {t.rich('next', { date: format.date(next), hidden })}
          <span aria-hidden> →</span>
        </Link>
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">{t('showing', { date: format.date(date) })}</span>
    </nav>
  );
}
