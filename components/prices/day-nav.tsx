import { QueryLink } from '@/components/ui/query-link';
import { addDays } from '@/lib/prices/berlin-time';
import { formatDate } from '@/lib/prices/format';

const linkClass =
  'rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * Previous/next day links for the history view (`?date=`). Nothing lies
 * beyond tomorrow: Nomos publishes one day ahead.
 */
export function DayNav({ date, today, hrefFor }: { date: string; today: string; hrefFor: (date: string | null) => string }) {
  const previous = addDays(date, -1);
  const next = addDays(date, 1);
  return (
    <nav aria-label="Choose a day" className="flex flex-wrap items-center gap-2">
      <QueryLink className={linkClass} href={hrefFor(previous)} set={{ date: previous }} aria-label="Previous day" prefetch={false}>
        ← <span aria-hidden>{formatDate(previous)}</span>
      </QueryLink>
      {date !== today && (
        <QueryLink className={linkClass} href={hrefFor(null)} set={{ date: null }} prefetch={false}>
          Today
        </QueryLink>
      )}
      {next <= addDays(today, 1) && (
        <QueryLink className={linkClass} href={hrefFor(next)} set={{ date: next }} aria-label="Next day" prefetch={false}>
          <span aria-hidden>{formatDate(next)}</span> →
        </QueryLink>
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">
        Showing {formatDate(date)}
      </span>
    </nav>
  );
}
