/**
 * Scales for the hand-drawn price chart: kept pure so the geometry can be
 * tested without rendering.
 */

export type LinearScale = { min: number; max: number; step: number; ticks: number[] };

/**
 * A y scale with "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ) that always includes
 * zero, so negative prices sit visibly below the zero line and positive
 * prices are never drawn from a baseline other than zero.
 */
export function niceScale(values: number[], targetTicks = 5): LinearScale {
  let low = Math.min(0, ...values);
  let high = Math.max(0, ...values);
  if (high - low < 1e-9) high = low + 10;
  const rough = (high - low) / Math.max(1, targetTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  // `+ 0` turns -0 into 0, which would otherwise print as "−0".
  low = Math.floor(low / step + 1e-9) * step + 0;
  high = Math.ceil(high / step - 1e-9) * step + 0;
  const ticks: number[] = [];
  for (let i = 0; low + i * step <= high + step / 1e6; i += 1) {
    // Round away binary noise such as 0.30000000000000004.
    ticks.push(Number((low + i * step).toPrecision(12)) + 0);
  }
  return { min: low, max: high, step, ticks };
}

/**
 * Rounded to hundredths: finer than a pixel in a 1000-unit viewBox, and no
 * float noise such as 5.210000000000036 in the HTML.
 */
export const hundredths = (n: number) => Math.round(n * 100) / 100;

/** Maps `[domainMin, domainMax]` linearly onto `[rangeMin, rangeMax]`. */
export function linear(
  domainMin: number,
  domainMax: number,
  rangeMin: number,
  rangeMax: number,
): (value: number) => number {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}
