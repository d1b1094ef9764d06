/**
 * The intervals as the table and the chart's tooltip show them: formatted
 * once on the server and sent to the browser once, packed into one string
 * (`packRows`) inside one object that both client leaves get, which React's
 * payload writes once. A plain module: server and client components import
 * it alike.
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
 * Rows as the browser gets them: one string, a row per `;`, fields split by
 * spaces: start, price, electricity, grid, levies, `-` for none. A field
 * left empty repeats the row above (grid fees and levies rarely change), a
 * start left empty follows on from the row above; a start is `start/end`
 * where an interval is not `step` minutes long. A fifth of the size of the
 * same rows as JSON arrays of quoted strings, whose quotes the payload
 * escapes once more.
 */
export type PackedRows = { step: number; text: string };

const NONE = '-';

export function packRows(rows: PriceRow[], step: number): PackedRows {
  let end = 0;
  let above: (string | null)[] = [];
  const lines = rows.map(([start, stop, ...values]) => {
    const span = stop === start + step ? (start === end ? '' : `${start}`) : `${start}/${stop}`;
    const fields = values.map((value, i) => (i < above.length && above[i] === value ? '' : (value ?? NONE)));
    end = stop;
    above = values;
    return [span, ...fields].join(' ');
  });
  return { step, text: lines.join(';') };
}

// The chart's tooltip and the table get the same packed object: unpacked once, when the first of them needs it.
const unpacked = new WeakMap<PackedRows, PriceRow[]>();

export function unpackRows(packed: PackedRows): PriceRow[] {
  let rows = unpacked.get(packed);
  if (!rows) {
    rows = unpack(packed);
    unpacked.set(packed, rows);
  }
  return rows;
}

function unpack({ step, text }: PackedRows): PriceRow[] {
  if (text === '') return [];
  let end = 0;
  let above: (string | null)[] = [null, null, null, null];
  return text.split(';').map((line) => {
    const [span = '', ...fields] = line.split(' ');
    const [start = end, stop = start + step] = span === '' ? [end] : span.split('/').map(Number);
    const values = [0, 1, 2, 3].map((i) => {
      const field = fields[i] ?? '';
      return field === '' ? (above[i] ?? null) : field === NONE ? null : field;
    });
    end = stop;
    above = values;
    return [start, stop, values[0] ?? null, values[1] ?? null, values[2] ?? null, values[3] ?? null];
  });
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
