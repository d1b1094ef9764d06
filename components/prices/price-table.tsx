import { Badge } from '@/components/ui/badge';
import { formatDate, formatPriceNumber, formatTimeRange } from '@/lib/prices/format';
import { dayStats, intervalsOfDay } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';
import { wordingFor, type SubscriptionKind } from './wording';

export type PriceTableProps = {
  intervals: PriceInterval[];
  /** Berlin dates to list, one table each; days without intervals are skipped. */
  days: string[];
  /** Marks the row of the current interval; null for a past day. */
  now: number | null;
  kind: SubscriptionKind;
};

const MISSING = 'no price yet';

/**
 * Every interval as an accessible table, one per day, collapsed by default:
 * the text equivalent of the chart. Best and worst prices carry a text badge,
 * not just a colour.
 */
export function PriceTable({ intervals, days, now, kind }: PriceTableProps) {
  const wording = wordingFor(kind);
  const tables = days
    .map((date) => ({ date, rows: intervalsOfDay(intervals, date), stats: dayStats(intervals, date) }))
    .filter((t) => t.rows.length > 0);
  if (tables.length === 0) return null;
  const [bestOf, worstOf] = wording.direction === 'cheapest' ? (['min', 'max'] as const) : (['max', 'min'] as const);

  return (
    <details className="group rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer rounded-xl px-4 py-3 font-medium select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800">
        Show all prices as a table
      </summary>
      <div className="space-y-6 px-2 pb-4 sm:px-6">
        {tables.map(({ date, rows, stats }) => (
          <div key={date} className="overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-sm tabular-nums">
              <caption className="py-2 text-left font-semibold">Prices on {formatDate(date)}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                  <th scope="col" className="py-2 pr-3 font-medium">Time</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Price (ct/kWh)</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Electricity</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Grid fees</th>
                  <th scope="col" className="py-2 text-right font-medium">Levies</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const isCurrent = now !== null && row.start <= now && now < row.end;
                  const isBest = stats[bestOf] === row;
                  const isWorst = stats[worstOf] === row && !isBest;
                  return (
                    <tr
                      key={row.start}
                      data-testid="price-row"
                      data-day={date}
                      aria-current={isCurrent ? 'time' : undefined}
                      className={`border-b border-slate-100 dark:border-slate-800 ${isCurrent ? 'bg-rose-50 dark:bg-rose-950/40' : ''}`}
                    >
                      <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap">
                        {formatTimeRange(row.start, row.end)}
                        {isCurrent ? (
                          <>
                            {' '}
                            <Badge tone="info">now</Badge>
                          </>
                        ) : null}
                      </th>
                      <td className="py-1.5 pr-3 text-right whitespace-nowrap">
                        {row.amount === null ? (
                          <span className="text-slate-500 italic dark:text-slate-400">{MISSING}</span>
                        ) : (
                          <>
                            {isBest ? <Badge tone="good">{wording.best}</Badge> : null}
                            {isWorst ? <Badge tone="bad">{wording.worst}</Badge> : null} <span className="font-medium">{formatPriceNumber(row.amount)}</span>
                          </>
                        )}
                      </td>
                      <td className="py-1.5 pr-3 text-right"><Part value={row.components?.electricity} /></td>
                      <td className="py-1.5 pr-3 text-right"><Part value={row.components?.grid} /></td>
                      <td className="py-1.5 text-right"><Part value={row.components?.levies} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </details>
  );
}

function Part({ value }: { value: number | undefined }) {
  if (value === undefined) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">not available</span>
      </>
    );
  }
  return <>{formatPriceNumber(value)}</>;
}
