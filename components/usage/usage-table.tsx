import { useTranslations } from 'next-intl';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { useFormat } from '@/lib/i18n/use-format';
import type { CostRow } from '@/lib/usage/cost';

function Missing({ text }: { text: string }) {
  return <span className="text-slate-500 italic dark:text-slate-400">{text}</span>;
}

/** Every quarter-hour of the day as a table, collapsed by default: the text equivalent of the chart. */
export function UsageTable({ rows, date, kind }: { rows: CostRow[]; date: string; kind: SubscriptionKind }) {
  const t = useTranslations('Usage.table');
  const format = useFormat();
  return (
    <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer rounded-xl px-4 py-3 font-medium select-none hover:bg-slate-50 sm:px-6 dark:hover:bg-slate-800">
        {t('show')}
      </summary>
      <div className="overflow-x-auto px-2 pb-4 sm:px-6">
        <table className="w-full min-w-[28rem] border-collapse text-sm tabular-nums">
          <caption className="py-2 text-left font-semibold">{t('caption', { kind, date: format.date(date) })}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('time')}
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                {t('energy', { kind })}
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                {t('price', { kind })}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t('money', { kind })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.start} data-testid="usage-row" className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap">
                  {format.timeRange(row.start, row.end)}
                </th>
                <td className="py-1.5 pr-3 text-right">
                  {row.kwh === null ? <Missing text={t('noReading')} /> : format.kwhNumber(row.kwh)}
                </td>
                <td className="py-1.5 pr-3 text-right">
                  {row.price === null ? <Missing text={t('noPrice')} /> : format.priceNumber(row.price)}
                </td>
                <td className="py-1.5 text-right">
                  {row.costCt === null ? <Missing text="–" /> : format.priceNumber(row.costCt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
