'use client';

import { LazyDetails } from '@/components/ui/lazy-details';

/** A quarter-hour as the table shows it, formatted on the server: time, kWh, price, money; null where missing. */
export type UsageRow = [range: string, kwh: string | null, price: string | null, money: string | null];

export type UsageTableWords = {
  show: string;
  caption: string;
  time: string;
  energy: string;
  price: string;
  money: string;
  noReading: string;
  noPrice: string;
};

// `figures` (app/globals.css) styles the cells, so 100 rows carry no class lists.
const tableClasses = 'figures min-w-[28rem]';

function Missing({ text }: { text: string }) {
  return <span className="text-slate-500 italic dark:text-slate-400">{text}</span>;
}

/**
 * Every quarter-hour of the day as a table, collapsed by default: the text
 * equivalent of the chart. Its rows are built when it is first opened, or
 * sent in the HTML for a browser without JavaScript (`rowsInHtml`).
 */
export function UsageTableDetails({
  rows,
  words,
  rowsInHtml,
}: {
  rows: UsageRow[];
  words: UsageTableWords;
  rowsInHtml: boolean;
}) {
  return (
    <LazyDetails
      summary={words.show}
      contentInHtml={rowsInHtml}
      className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      summaryClassName="cursor-pointer rounded-xl px-4 py-3 font-semibold select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800"
    >
      {() => (
        <div className="overflow-x-auto px-2 pb-4 sm:px-6">
          <table className={tableClasses}>
            <caption className="py-2 text-left font-semibold">{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.time}</th>
                <th scope="col">{words.energy}</th>
                <th scope="col">{words.price}</th>
                <th scope="col">{words.money}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([range, kwh, price, money], index) => (
                <tr key={index} data-testid="usage-row">
                  <th scope="row">{range}</th>
                  <td>{kwh ?? <Missing text={words.noReading} />}</td>
                  <td>{price ?? <Missing text={words.noPrice} />}</td>
                  <td>{money ?? <Missing text="–" />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </LazyDetails>
  );
}
