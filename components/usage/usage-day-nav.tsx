import Link from 'next/link';

import { addDays } from '@/lib/prices/berlin-time';
import { formatDate } from '@/lib/prices/format';

const linkClass =
  'rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

/** Previous/next day links for the usage view. Nothing lies beyond the latest published day. */
export function UsageDayNav({ date, latest, hrefFor }: { date: string; latest: string; hrefFor: (date: string | null) => string }) {
  const previous = addDays(date, -1);
  const next = addDays(date, 1);
  return (
    <nav aria-label="Choose a day" className="flex flex-wrap items-center gap-2">
      <Link className={linkClass} href={hrefFor(previous)} aria-label="Previous day" prefetch={false}>
        ← <span aria-hidden>{formatDate(previous)}</span>
      </Link>
      {date !== latest && (
        <Link className={linkClass} href={hrefFor(null)} prefetch={false}>
          Latest day
        </Link>
      )}
      {next <= latest && (
        <Link className={linkClass} href={hrefFor(next)} aria-label="Next day" prefetch={false}>
          <span aria-hidden>{formatDate(next)}</span> →
        </Link>
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">Showing {formatDate(date)}</span>
    </nav>
  );
}
