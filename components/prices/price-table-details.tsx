'use client';

import { Badge } from '@/components/ui/badge';
import { LazyDetails } from '@/components/ui/lazy-details';
import { useFormat } from '@/lib/i18n/use-format';

import { rowRange, unpackRows, type PackedRows, type PriceRow } from './price-rows';

export type PriceTableDay = {
  date: string;
  caption: string;
  /** The day's rows: `rows.slice(first, first + count)`. */
  first: number;
  count: number;
  /** Indices in `rows` of the day's best and worst price (for feed-in the highest payout is best), -1 without. */
  best: number;
  worst: number;
};

export type PriceTableWords = {
  toggle: string;
  time: string;
  price: string;
  electricity: string;
  grid: string;
  levies: string;
  now: string;
  best: string;
  worst: string;
  missing: string;
  notAvailable: string;
};

// `figures` (app/globals.css) styles the cells, so 200 rows carry no class lists; the price column is bold.
const cellClasses =
  'figures min-w-[32rem] [&_tbody_td:first-of-type]:font-medium [&_tbody_td:first-of-type]:whitespace-nowrap';

/**
 * Every interval as an accessible table, one per day, collapsed by default:
 * the text equivalent of the chart. With JavaScript the rows are built when
 * the table is first opened, from the rows the chart's tooltip uses too, so
 * the page does not carry some 1,300 hidden elements; without it
 * (`rowsInHtml`) the server sends them in the HTML. Best and worst prices
 * carry a text badge, not just a colour.
 */
export function PriceTableDetails({
  rows,
  from,
  days,
  current,
  words,
  rowsInHtml,
}: {
  rows: PackedRows;
  /** The first day's midnight, epoch ms: the rows' times count from it. */
  from: number;
  days: PriceTableDay[];
  /** Index in `rows` of the current interval, -1 without one. */
  current: number;
  words: PriceTableWords;
  rowsInHtml: boolean;
}) {
  return (
    <LazyDetails
      summary={words.toggle}
      contentInHtml={rowsInHtml}
      className="group rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      summaryClassName="cursor-pointer rounded-xl px-4 py-3 font-semibold select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800"
    >
      {() => <Tables rows={unpackRows(rows)} from={from} days={days} current={current} words={words} />}
    </LazyDetails>
  );
}

function Tables({
  rows,
  from,
  days,
  current,
  words,
}: {
  rows: PriceRow[];
  from: number;
  days: PriceTableDay[];
  current: number;
  words: PriceTableWords;
}) {
  const format = useFormat();
  return (
    <div className="space-y-6 px-2 pb-4 sm:px-6">
      {days.map((day) => (
        <div key={day.date} className="overflow-x-auto">
          <table className={cellClasses}>
            <caption className="py-2 text-left font-semibold">{day.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.time}</th>
                <th scope="col">{words.price}</th>
                <th scope="col">{words.electricity}</th>
                <th scope="col">{words.grid}</th>
                <th scope="col">{words.levies}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(day.first, day.first + day.count).map((row, offset) => {
                const index = day.first + offset;
                const [start, , price, ...parts] = row;
                const isCurrent = index === current;
                return (
                  <tr
                    key={start}
                    data-testid="price-row"
                    data-day={day.date}
                    aria-current={isCurrent ? 'time' : undefined}
                    className={isCurrent ? 'bg-rose-50 dark:bg-rose-950/40' : undefined}
                  >
                    <th scope="row">
                      {rowRange(row, from, format)}
                      {isCurrent ? (
                        <>
                          {' '}
                          <Badge tone="info">{words.now}</Badge>
                        </>
                      ) : null}
                    </th>
                    <td>
                      {price === null ? (
                        <span className="font-normal text-slate-500 italic dark:text-slate-400">{words.missing}</span>
                      ) : (
                        <>
                          {index === day.best ? <Badge tone="good">{words.best}</Badge> : null}
                          {index === day.worst ? <Badge tone="bad">{words.worst}</Badge> : null} {price}
                        </>
                      )}
                    </td>
                    {parts.map((part, i) => (
                      <td key={i}>
                        {part === null ? (
                          <>
                            <span aria-hidden="true">–</span>
                            <span className="sr-only">{words.notAvailable}</span>
                          </>
                        ) : (
                          part
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
