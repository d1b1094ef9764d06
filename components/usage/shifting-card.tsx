import { useTranslations } from 'next-intl';

import { useFormat } from '@/lib/i18n/use-format';
import { SHIFTABLE_PERCENT_OPTIONS, type ShiftingResult } from '@/lib/usage/shifting';

/** Savings below half a cent read as "0,00 €": say "nothing to gain" instead. */
const NOTHING = 0.5;

/**
 * "What shifting could have saved", with the shiftable share as a GET form
 * (`?shift=`), so it works without JavaScript.
 */
export function ShiftingCard({
  result,
  sharePercent,
  hiddenParams,
}: {
  result: ShiftingResult | null;
  sharePercent: number;
  hiddenParams: [string, string][];
}) {
  const t = useTranslations('Usage.shifting');
  const format = useFormat();
  return (
    <div className="space-y-3" data-testid="shifting">
      <h2 className="text-lg font-semibold">{t('title')}</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {t('assumption', { percent: format.percent(sharePercent) })}
      </p>
      {result === null ? (
        <p>{t('noUsage')}</p>
      ) : result.savingsCt < NOTHING ? (
        <p>
          {t.rich('nothingToGain', {
            kwh: format.kwh(result.shiftedKwh),
            price: format.price(result.cheapestAverage),
            actual: format.euro(result.actualCostCt),
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : (
        <p>
          {t.rich('saving', {
            kwh: format.kwh(result.shiftedKwh),
            slots: result.cheapestSlots,
            price: format.price(result.cheapestAverage),
            shifted: format.euro(result.shiftedCostCt),
            actual: format.euro(result.actualCostCt),
            savings: format.euro(result.savingsCt),
            amount: (chunks) => <strong className="tabular-nums">{chunks}</strong>,
            saved: (chunks) => (
              <strong className="tabular-nums text-emerald-700 dark:text-emerald-300" data-testid="shifting-savings">
                {chunks}
              </strong>
            ),
          })}
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-3">
        {hiddenParams.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('share')}
          <select
            name="shift"
            defaultValue={sharePercent}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-800"
          >
            {SHIFTABLE_PERCENT_OPTIONS.map((percent) => (
              <option key={percent} value={percent}>
                {format.percent(percent)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t('recalculate')}
        </button>
      </form>
    </div>
  );
}
