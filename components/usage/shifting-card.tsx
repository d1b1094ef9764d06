import { formatPercent, formatPrice } from '@/lib/prices/format';
import { formatEuro, formatKwh } from '@/lib/usage/format';
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
  return (
    <div className="space-y-3" data-testid="shifting">
      <h2 className="text-lg font-semibold">What shifting could have saved</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Assumes that {formatPercent(sharePercent)} of the day’s energy (dishwasher, washing machine, car, heat-pump buffer) could
        have run at any time, spread over the day’s cheapest {formatPercent(sharePercent)} of quarter-hours, and the rest
        stayed when it was.
      </p>
      {result === null ? (
        <p>There is no priced usage on this day to compare.</p>
      ) : result.savingsCt < NOTHING ? (
        <p>
          <strong>Nothing to gain:</strong> moving {formatKwh(result.shiftedKwh)} to the cheapest quarter-hours (average{' '}
          {formatPrice(result.cheapestAverage)}) would not have been cheaper than what you paid, {formatEuro(result.actualCostCt)}.
        </p>
      ) : (
        <p>
          Moving {formatKwh(result.shiftedKwh)} to the cheapest {result.cheapestSlots} quarter-hours (average{' '}
          {formatPrice(result.cheapestAverage)}) would have cost <strong className="tabular-nums">{formatEuro(result.shiftedCostCt)}</strong>{' '}
          instead of {formatEuro(result.actualCostCt)}: a saving of{' '}
          <strong className="tabular-nums text-emerald-700 dark:text-emerald-300" data-testid="shifting-savings">
            {formatEuro(result.savingsCt)}
          </strong>
          .
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-3">
        {hiddenParams.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Shiftable share of the energy
          <select
            name="shift"
            defaultValue={sharePercent}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-800"
          >
            {SHIFTABLE_PERCENT_OPTIONS.map((percent) => (
              <option key={percent} value={percent}>
                {formatPercent(percent)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
          Recalculate
        </button>
      </form>
    </div>
  );
}
