import { useTranslations } from 'next-intl';

import { Badge } from '@/components/ui/badge';
import { useFormat } from '@/lib/i18n/use-format';
import { dayStats, intervalsOfDay } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';
import { directionFor, type SubscriptionKind } from '@/lib/prices/cheapest-window';

export type PriceTableProps = {
  intervals: PriceInterval[];
  /** Berlin dates to list, one table each; days without intervals are skipped. */
  days: string[];
  /** Marks the row of the current interval; null for a past day. */
  now: number | null;
  kind: SubscriptionKind;
};

/**
 * Every interval as an accessible table, one per day, collapsed by default:
 * the text equivalent of the chart. Best and worst prices carry a text badge,
 * not just a colour.
 */
export function PriceTable({ intervals, days, now, kind }: PriceTableProps) {
  const t = useTranslations('Prices');
  const format = useFormat();
  // Translated once, not once per row: a day has up to 100 rows.
  const words = {
    missing: t('missing'),
    now: t('table.now'),
    best: t('table.best', { kind }),
    worst: t('table.worst', { kind }),
  };
  const notAvailable = t('table.notAvailable');
  const part = (value: number | undefined) => (value === undefined ? null : format.priceNumber(value));
  const tables = days
    .map((date) => ({ date, rows: intervalsOfDay(intervals, date), stats: dayStats(intervals, date) }))
    .filter((table) => table.rows.length > 0);
  if (tables.length === 0) return null;
  const [bestOf, worstOf] = directionFor(kind) === 'cheapest' ? (['min', 'max'] as const) : (['max', 'min'] as const);

  return (
    <details className="group rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer rounded-xl px-4 py-3 font-medium select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800">
        {t('table.toggle')}
      </summary>
      <div className="space-y-6 px-2 pb-4 sm:px-6">
        {tables.map(({ date, rows, stats }) => (
          <div key={date} className="overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-sm tabular-nums">
              <caption className="py-2 text-left font-semibold">
                {t('table.caption', { date: format.date(date) })}
              </caption>
              <thead>
                <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('table.time')}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {t('table.price')}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {t('table.electricity')}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {t('table.grid')}
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    {t('table.levies')}
                  </th>
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
                        {format.timeRange(row.start, row.end)}
                        {isCurrent ? (
                          <>
                            {' '}
                            <Badge tone="info">{words.now}</Badge>
                          </>
                        ) : null}
                      </th>
                      <td className="py-1.5 pr-3 text-right whitespace-nowrap">
                        {row.amount === null ? (
                          <span className="text-slate-500 italic dark:text-slate-400">{words.missing}</span>
                        ) : (
                          <>
                            {isBest ? <Badge tone="good">{words.best}</Badge> : null}
                            {isWorst ? <Badge tone="bad">{words.worst}</Badge> : null}{' '}
                            <span className="font-medium">{format.priceNumber(row.amount)}</span>
                          </>
                        )}
                      </td>
                      <td className="py-1.5 pr-3 text-right">
                        <Part text={part(row.components?.electricity)} missing={notAvailable} />
                      </td>
                      <td className="py-1.5 pr-3 text-right">
                        <Part text={part(row.components?.grid)} missing={notAvailable} />
                      </td>
                      <td className="py-1.5 text-right">
                        <Part text={part(row.components?.levies)} missing={notAvailable} />
                      </td>
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

/** A component of the price, or a dash that reads "not available". */
function Part({ text, missing }: { text: string | null; missing: string }) {
  if (text === null) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">{missing}</span>
      </>
    );
  }
  return <>{text}</>;
}
