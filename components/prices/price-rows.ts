/**
 * The intervals as the table and the chart's tooltip show them: formatted
 * once on the server, sent to the browser once (the two client leaves share
 * the same array, which React's payload writes once), compact as tuples.
 * A plain module: server and client components import it alike.
 */
import type { Format } from '@/lib/i18n/format';
import type { PriceInterval } from '@/lib/prices/types';

export type PriceRow = [
  /** Minutes from the chart's first midnight to the interval's start, and to its end. */
  start: number,
  end: number,
  /** "12,34" without its unit, or null for a missing price; the same for the components. */
  price: string | null,
  electricity: string | null,
  grid: string | null,
  levies: string | null,
];

const MINUTE = 60_000;

/** One row per interval, times counted from `from` (epoch ms); the browser formats the times itself. */
export function priceRows(intervals: PriceInterval[], from: number, format: Format): PriceRow[] {
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? null : format.priceNumber(value);
  return intervals.map((interval) => [
    Math.round((interval.start - from) / MINUTE),
    Math.round((interval.end - from) / MINUTE),
    number(interval.amount),
    number(interval.components?.electricity),
    number(interval.components?.grid),
    number(interval.components?.levies),
  ]);
}

/**
 * The tooltip texts, as patterns translated on the server with `{range}`,
 * `{price}`, `{electricity}`, `{grid}`, `{levies}` and `{label}` left in
 * place for the browser to fill: the client leaf needs no messages.
 */
export type TipPatterns = { tip: string; missing: string; components: string; current: string };

/** The `Chart` messages a tooltip is made of. */
type TipTranslator = (
  key: 'tip' | 'tipMissing' | 'tipComponents' | 'currentTip',
  values: Record<string, string>,
) => string;

/** The tooltip patterns in the language of `t` (the `Chart` namespace). */
export function tipPatterns(t: TipTranslator): TipPatterns {
  const keep = (...names: string[]) => Object.fromEntries(names.map((name) => [name, `{${name}}`]));
  return {
    tip: t('tip', keep('range', 'price')),
    missing: t('tipMissing', keep('range')),
    components: t('tipComponents', keep('range', 'price', 'electricity', 'grid', 'levies')),
    current: t('currentTip', keep('label')),
  };
}

/** "14:15–14:30" for a row (with the zone in the repeated autumn hour), from the chart's first midnight `from`. */
export function rowRange(row: PriceRow, from: number, format: Format): string {
  return format.timeRange(from + row[0] * MINUTE, from + row[1] * MINUTE);
}

export function tipText(
  row: PriceRow,
  range: string,
  patterns: TipPatterns,
  view: 'total' | 'components',
  current: boolean,
) {
  const [, , price, electricity, grid, levies] = row;
  const fill = (pattern: string, values: Record<string, string>) =>
    pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const label =
    price === null
      ? fill(patterns.missing, { range })
      : fill(view === 'components' && electricity !== null ? patterns.components : patterns.tip, {
          range,
          price: `${price}\u00a0ct/kWh`,
          electricity: electricity ?? '',
          grid: grid ?? '',
          levies: levies ?? '',
        });
  return current ? fill(patterns.current, { label }) : label;
}
