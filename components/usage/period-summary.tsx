import { formatPrice, formatShortDate } from '@/lib/prices/format';
import type { SubscriptionKind } from '@/components/prices/wording';
import type { PeriodSummary } from '@/lib/usage/cost';
import { euroNumber, formatEuro, formatKwh } from '@/lib/usage/format';

import { usageWordingFor } from './usage-wording';

/** A week or month, one row per day: energy, money and the average price paid that day. */
export function PeriodSummaryTable({ title, summary, kind }: { title: string; summary: PeriodSummary; kind: SubscriptionKind }) {
  const words = usageWordingFor(kind);
  return (
    <div className="overflow-x-auto" data-testid={`period-${summary.from}`}>
      <table className="w-full min-w-[26rem] border-collapse text-sm tabular-nums">
        <caption className="py-2 text-left">
          <span className="font-semibold">{title}</span>{' '}
          <span className="text-slate-600 dark:text-slate-400">
            ({formatShortDate(summary.from)} – {formatShortDate(summary.to)})
          </span>
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left dark:border-slate-700">
            <th scope="col" className="py-2 pr-3 font-medium">Day</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">Energy (kWh)</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">{words.money} (€)</th>
            <th scope="col" className="py-2 text-right font-medium">{words.paid} (ct/kWh)</th>
          </tr>
        </thead>
        <tbody>
          {summary.days.map((day) => (
            <tr key={day.date} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap">{formatShortDate(day.date)}</th>
              {day.metered === 0 ? (
                <td colSpan={3} className="py-1.5 text-right text-slate-500 italic dark:text-slate-400">no meter readings</td>
              ) : (
                <>
                  <td className="py-1.5 pr-3 text-right">
                    {day.energyKwh.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
                    {day.metered < day.slots ? <span className="text-slate-500"> (partial)</span> : null}
                  </td>
                  <td className="py-1.5 pr-3 text-right">{euroNumber(day.costCt)}</td>
                  <td className="py-1.5 text-right">{day.paidAverage === null ? '–' : formatPrice(day.paidAverage).replace(' ct/kWh', '')}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" className="py-2 pr-3 text-left">Total, {summary.daysWithUsage} days</th>
            <td className="py-2 pr-3 text-right">{formatKwh(summary.energyKwh)}</td>
            <td className="py-2 pr-3 text-right">{formatEuro(summary.costCt)}</td>
            <td className="py-2 text-right">{summary.paidAverage === null ? '–' : formatPrice(summary.paidAverage)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
