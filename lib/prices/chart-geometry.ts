/**
 * The price chart's geometry, without rendering: scales, the step line and
 * its area, the stacked component bands, the gaps, the hour ticks, the day
 * boundaries and where now and the current interval are. Every shape is a
 * few SVG paths, whatever the number of intervals, so the chart's size does
 * not grow with the resolution. Pure: `components/prices/price-chart.tsx`
 * only draws what this returns.
 *
 * Coordinates are viewBox units (`CHART_WIDTH` × `CHART_HEIGHT`; the SVG is
 * stretched to its box) for the drawing, and percent of the plot for the
 * HTML labels laid over it.
 */
import { berlinParts, endOfBerlinDay, hourStarts, startOfBerlinDay } from './berlin-time';
import { hundredths as round, linear, niceScale, type LinearScale } from './chart-scale';
import { intervalAt } from './interval-search';
import type { PriceInterval } from './types';

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 300;
/** Height of the short tick at each full hour; every sixth hour gets a full-height line. */
const HOUR_TICK = 6;

export type PriceChartView = 'total' | 'components';
export type PricePart = 'electricity' | 'grid' | 'levies';
export const PRICE_PARTS: readonly PricePart[] = ['electricity', 'grid', 'levies'];

export type TimeSpan = { start: number; end: number };

export type PriceChartGeometry = {
  /** The time domain drawn: the first day's midnight to the last day's end, epoch ms. */
  from: number;
  to: number;
  /** The intervals inside the domain. */
  shown: PriceInterval[];
  scale: LinearScale;
  /** Each tick of the price axis: its value, its y, and its y in % of the plot's height. */
  ticks: { value: number; y: number; top: number }[];
  /** y of the zero line. */
  zero: number;
  /** The step line, broken at every missing price and time gap. */
  line: string;
  /** The area between the line and zero, one closed shape per unbroken run. */
  area: string;
  /** Per component, its band of the stacked bars (positive parts up from zero, negative ones down); empty in the total view. */
  parts: Record<PricePart, string>;
  /** Time no priced interval covers (missing prices, unpublished hours) as one path of rectangles. */
  gaps: string;
  /** The gaps as spans, with their place in % for a label. */
  gapSpans: (TimeSpan & { left: number; width: number })[];
  /** Each day drawn, with where it starts in % of the plot's width. */
  days: { date: string; start: number; end: number; left: number; width: number; empty: boolean }[];
  /** A short tick at every full hour, a full-height line every six hours. */
  hourTicks: string;
  /** Lines between two days. */
  dayLines: string;
  /** The full hours of the time axis, every three hours, with their Berlin hour and place in %. */
  hourLabels: { at: number; hour: number; left: number }[];
  /** Now, when it lies inside the domain. */
  now: { at: number; x: number; left: number } | null;
  /** The interval containing now (by the shared search), null without one. */
  current: PriceInterval | null;
  /** Cheapest and most expensive interval shown (the earliest on a tie). */
  low: (PriceInterval & { amount: number }) | null;
  high: (PriceInterval & { amount: number }) | null;
};

/** Runs of consecutive priced intervals, split at nulls and time gaps. */
export function pricedRuns(intervals: PriceInterval[]): (PriceInterval & { amount: number })[][] {
  const runs: (PriceInterval & { amount: number })[][] = [];
  let run: (PriceInterval & { amount: number })[] = [];
  for (const interval of intervals) {
    const last = run.at(-1);
    if (interval.amount === null || (last && last.end !== interval.start)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (interval.amount !== null) run.push({ ...interval, amount: interval.amount });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Parts of `[from, to)` that no priced interval covers: nulls and unpublished time. */
export function missingSpans(intervals: PriceInterval[], from: number, to: number): TimeSpan[] {
  const spans: TimeSpan[] = [];
  let cursor = from;
  for (const interval of intervals) {
    if (interval.amount === null) continue;
    if (interval.start > cursor) spans.push({ start: cursor, end: Math.min(interval.start, to) });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < to) spans.push({ start: cursor, end: to });
  return spans.filter((s) => s.end > s.start);
}

/**
 * Each component's band per interval, stacked: positive parts from zero
 * up, negative ones from zero down, in the order of `PRICE_PARTS`.
 */
export function stackedParts(interval: PriceInterval): Record<PricePart, { low: number; high: number }> | null {
  const c = interval.components;
  if (!c) return null;
  let up = 0;
  let down = 0;
  const bands = {} as Record<PricePart, { low: number; high: number }>;
  for (const part of PRICE_PARTS) {
    const value = c[part];
    const base = value >= 0 ? up : down;
    const top = base + value;
    if (value >= 0) up = top;
    else down = top;
    bands[part] = { low: Math.min(base, top), high: Math.max(base, top) };
  }
  return bands;
}

/**
 * A step function through `steps` (each holding `y` over `[x0, x1)`, the
 * next starting where the previous ends) as path commands after a moveto:
 * a vertical move only where the value changes, so a flat stretch is one
 * command however many intervals it spans. `reverse` walks it right to left.
 */
function steps(items: { x0: number; x1: number; y: number }[], reverse = false): string {
  const ordered = reverse ? [...items].reverse() : items;
  const first = ordered[0];
  if (!first) return '';
  // Relative moves between rounded absolute positions: short, and without drift.
  let at = reverse ? first.x1 : first.x0;
  let d = '';
  const to = (x: number) => {
    if (x !== at) d += `h${round(x - at)}`;
    at = x;
  };
  let y: number | null = null;
  for (const item of ordered) {
    if (item.y !== y) {
      to(reverse ? item.x1 : item.x0);
      d += `V${item.y}`;
      y = item.y;
    }
  }
  const last = ordered.at(-1) ?? first;
  to(reverse ? last.x0 : last.x1);
  return d;
}

/**
 * One closed shape per run of adjacent intervals for a band between two
 * step functions: along the top edge left to right, back along the bottom.
 * Where two neighbours' bands do not overlap, the shape narrows to a
 * vertical edge of no width, so the filled area is exactly the bars'.
 */
function bandPath(
  items: { start: number; end: number; low: number; high: number }[],
  x: (ms: number) => number,
  y: (value: number) => number,
): string {
  let d = '';
  let run: typeof items = [];
  const flush = () => {
    const first = run[0];
    if (!first) return;
    const spans = run.map((item) => ({ x0: x(item.start), x1: x(item.end), high: y(item.high), low: y(item.low) }));
    d += `M${x(first.start)},${y(first.high)}`;
    d += steps(spans.map((s) => ({ ...s, y: s.high })));
    d += steps(
      spans.map((s) => ({ ...s, y: s.low })),
      true,
    );
    d += 'Z';
    run = [];
  };
  for (const item of items) {
    const last = run.at(-1);
    if (last && last.end !== item.start) flush();
    run.push(item);
  }
  flush();
  return d;
}

/**
 * Bars from zero to each value, as one path for any number of them (the
 * usage chart's quarter-hours); `items` without a value are left out.
 */
export function barsPath(
  items: { start: number; end: number; value: number | null }[],
  x: (ms: number) => number,
  y: (value: number) => number,
): string {
  return bandPath(
    items.flatMap(({ start, end, value }) =>
      value === null ? [] : [{ start, end, low: Math.min(0, value), high: Math.max(0, value) }],
    ),
    x,
    y,
  );
}

/** Full-height rectangles over `spans`, as one path (hatched gaps). */
export function spansPath(spans: TimeSpan[], x: (ms: number) => number, height: number): string {
  const merged: TimeSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && last.end === span.start) last.end = span.end;
    else merged.push({ start: span.start, end: span.end });
  }
  return merged.map((s) => `M${x(s.start)},0H${x(s.end)}V${height}H${x(s.start)}Z`).join('');
}

/** Everything the chart draws for `intervals` on `days` (Berlin dates, in order), seen at `now` (null: no now). */
export function priceChartGeometry({
  intervals,
  days,
  now,
  view,
}: {
  intervals: PriceInterval[];
  days: string[];
  now: number | null;
  view: PriceChartView;
}): PriceChartGeometry | null {
  const firstDay = days[0];
  const lastDay = days.at(-1);
  if (!firstDay || !lastDay) return null;
  const from = startOfBerlinDay(firstDay);
  const to = endOfBerlinDay(lastDay);
  const shown = intervals.filter((i) => i.start < to && i.end > from);
  const xScale = linear(from, to, 0, CHART_WIDTH);
  const x = (ms: number) => round(xScale(ms));
  const pct = (ms: number) => round(((ms - from) / (to - from)) * 100);

  const stacks = view === 'components' ? shown.map((interval) => ({ interval, bands: stackedParts(interval) })) : [];
  const values: number[] = [];
  for (const interval of shown) if (interval.amount !== null) values.push(interval.amount);
  for (const { bands } of stacks)
    if (bands) for (const part of PRICE_PARTS) values.push(bands[part].low, bands[part].high);
  const scale = niceScale(values);
  const yScale = linear(scale.min, scale.max, CHART_HEIGHT, 0);
  // Whole units: one of the 300-unit height is at most a pixel of the plot
  // (224 to 288 pixels tall), and the line and area are a fifth shorter
  // than with tenths, in the HTML and again in React's payload.
  const y = (value: number) => Math.round(yScale(value));
  const zero = y(0);

  const runs = pricedRuns(shown);
  let line = '';
  let area = '';
  for (const run of runs) {
    const first = run[0];
    if (!first) continue;
    const spans = run.map((interval) => ({ x0: x(interval.start), x1: x(interval.end), y: y(interval.amount) }));
    line += `M${x(first.start)},${y(first.amount)}${steps(spans)}`;
    area += `M${x(first.start)},${zero}${steps(spans)}V${zero}Z`;
  }

  const parts = { electricity: '', grid: '', levies: '' } satisfies Record<PricePart, string>;
  for (const part of PRICE_PARTS) {
    const items = stacks.flatMap(({ interval, bands }) =>
      bands ? [{ start: interval.start, end: interval.end, ...bands[part] }] : [],
    );
    parts[part] = bandPath(items, x, y);
  }

  const missing = missingSpans(shown, from, to);
  const gaps = spansPath(missing, x, CHART_HEIGHT);
  const dayRanges = days.map((date) => {
    const start = startOfBerlinDay(date);
    const end = endOfBerlinDay(date);
    return {
      date,
      start,
      end,
      left: pct(start),
      width: round(pct(end) - pct(start)),
      empty: !shown.some((i) => i.start >= start && i.start < end),
    };
  });
  const hours = hourStarts(from, to);
  const hourTicks = hours
    .map((h) => `M${x(h)},${berlinParts(h).hour % 6 === 0 ? 0 : CHART_HEIGHT - HOUR_TICK}V${CHART_HEIGHT}`)
    .join('');
  const dayLines = dayRanges
    .slice(1)
    .map((d) => `M${x(d.start)},0V${CHART_HEIGHT}`)
    .join('');
  const hourLabels = hours
    .filter((h) => berlinParts(h).minute === 0 && berlinParts(h).hour % 3 === 0)
    .map((at) => ({ at, hour: berlinParts(at).hour, left: pct(at) }))
    .filter((label) => label.left <= 97);

  const priced = shown.filter((i): i is PriceInterval & { amount: number } => i.amount !== null);
  const low = priced.reduce<(typeof priced)[number] | null>((a, b) => (!a || b.amount < a.amount ? b : a), null);
  const high = priced.reduce<(typeof priced)[number] | null>((a, b) => (!a || b.amount > a.amount ? b : a), null);

  return {
    from,
    to,
    shown,
    scale,
    ticks: scale.ticks.map((value) => ({ value, y: y(value), top: round((y(value) / CHART_HEIGHT) * 100) })),
    zero,
    line,
    area,
    parts,
    gaps,
    gapSpans: missing.map((s) => ({ ...s, left: pct(s.start), width: round(pct(s.end) - pct(s.start)) })),
    days: dayRanges,
    hourTicks,
    dayLines,
    hourLabels,
    now: now !== null && now >= from && now < to ? { at: now, x: x(now), left: pct(now) } : null,
    current: now === null ? null : intervalAt(shown, now),
    low,
    high,
  };
}
