import { formatDate, formatPriceNumber, formatTimeRange } from '@/lib/prices/format';
import type { CostRow } from '@/lib/usage/cost';
import { kwhNumber } from '@/lib/usage/format';

function Missing({ text }: { text: string }) {
  return <span className="text-slate-500 italic dark:text-slate-400">{text}</span>;
}

/** Every quarter-hour of the day as a table, collapsed by default: the text equivalent of the chart. */
export function UsageTable({ rows, date, moneyColumn }: { rows: CostRow[]; date: string; moneyColumn: string }) {
  return (
    <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer rounded-xl px-4 py-3 font-medium select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800">
        Show every quarter-hour as a table
      </summary>
      <div className="overflow-x-auto px-2 pb-4 sm:px-6">
        <table className="w-full min-w-[28rem] border-collapse text-sm tabular-nums">
          <caption className="py-2 text-left font-semibold">Usage and cost on {formatDate(date)}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-3 font-medium">Time</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Energy (kWh)</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Price (ct/kWh)</th>
              <th scope="col" className="py-2 text-right font-medium">{moneyColumn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.start} data-testid="usage-row" className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap">
                  {formatTimeRange(row.start, row.end)}
                </th>
                <td className="py-1.5 pr-3 text-right">{row.kwh === null ? <Missing text="no reading" /> : kwhNumber(row.kwh)}</td>
                <td className="py-1.5 pr-3 text-right">{row.price === null ? <Missing text="no price" /> : formatPriceNumber(row.price)}</td>
                <td className="py-1.5 text-right">{row.costCt === null ? <Missing text="–" /> : formatPriceNumber(row.costCt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
