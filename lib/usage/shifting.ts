/**
 * "What shifting could have saved": the day's cost if a share of its energy
 * (dishwasher, washing machine, car, heat-pump buffer) had run in the day's
 * cheapest quarter-hours instead.
 */
import type { CostRow } from './cost';

export const DEFAULT_SHIFTABLE_PERCENT = 30;
export const SHIFTABLE_PERCENT_OPTIONS = [10, 20, 30, 40, 50] as const;

export type ShiftingResult = {
  sharePercent: number;
  /** kWh moved: the share of the day's priced energy. */
  shiftedKwh: number;
  actualCostCt: number;
  shiftedCostCt: number;
  /** actual − shifted; ≤ 0 when the household already ran that share at least as cheaply. */
  savingsCt: number;
  /** Quarter-hours the shifted energy is spread over: the same share of the day's priced quarter-hours. */
  cheapestSlots: number;
  /** Mean price of those quarter-hours, ct/kWh. */
  cheapestAverage: number;
};

/**
 * Moves `sharePercent` of every priced quarter-hour's energy into the
 * day's cheapest priced quarter-hours, spread evenly over the same share of
 * them (30 % of the energy into the cheapest 30 % of the time), so that the
 * answer does not assume the whole load could run in one quarter-hour.
 * Quarter-hours without usage or price take no part: a gap is not a price.
 * Null when the day has no priced energy.
 */
export function shiftingSavings(rows: CostRow[], sharePercent: number): ShiftingResult | null {
  const share = Math.min(Math.max(sharePercent, 0), 100) / 100;
  let pricedKwh = 0;
  let actualCostCt = 0;
  for (const row of rows) {
    if (row.kwh === null || row.price === null) continue;
    pricedKwh += row.kwh;
    actualCostCt += row.kwh * row.price;
  }
  const prices = rows.flatMap((row) => (row.price === null ? [] : [row.price])).sort((a, b) => a - b);
  if (pricedKwh === 0 || prices.length === 0) return null;
  const cheapestSlots = Math.max(1, Math.round(share * prices.length));
  const cheapestAverage = prices.slice(0, cheapestSlots).reduce((sum, price) => sum + price, 0) / cheapestSlots;
  const shiftedKwh = share * pricedKwh;
  // Every quarter-hour keeps (1 − share) of its energy at its own price.
  const shiftedCostCt = (1 - share) * actualCostCt + shiftedKwh * cheapestAverage;
  return {
    sharePercent,
    shiftedKwh,
    actualCostCt,
    shiftedCostCt,
    savingsCt: actualCostCt - shiftedCostCt,
    cheapestSlots,
    cheapestAverage,
  };
}

/** The `?shift=` setting: one of the offered percentages, else the default. */
export function normalizeShiftablePercent(value: string | undefined): number {
  const parsed = Number(value);
  return (SHIFTABLE_PERCENT_OPTIONS as readonly number[]).includes(parsed) ? parsed : DEFAULT_SHIFTABLE_PERCENT;
}
