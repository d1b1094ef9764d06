import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';

import { QueryLink } from '@/components/ui/query-link';
import type { Format } from '@/lib/i18n/format';
import { useFormat } from '@/lib/i18n/use-format';
import { berlinParts, endOfBerlinDay, hourStarts, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { linear, niceScale } from '@/lib/prices/chart-scale';
import type { PriceInterval } from '@/lib/prices/types';
import { PriceChartInteractions } from './price-chart-interactions';
import { WindowBand, WindowLabel } from './window-highlight';
import type { HighlightedWindow } from './window-store';

export type PriceChartView = 'total' | 'components';

export type PriceChartProps = {
  /** The series' intervals; only those on `days` are drawn. */
  intervals: PriceInterval[];
  /** Berlin dates to show, in order (today and, when wanted, tomorrow). */
  days: string[];
  /** The current instant, marked on the chart; null for a past day. */
  now: number | null;
  /** The window to highlight as a band; `chartKey` lets the form move it. */
  highlight?: { chartKey: string; window: HighlightedWindow } | null;
  view: PriceChartView;
  /** Links for the all-in/components toggle; without them no toggle is shown. */
  viewHrefs?: { total: string; components: string };
  /** Shown over a day that has no interval at all; "No prices yet" without it. */
  unpublishedNote?: string;
  /** Days to name, e.g. `{ '2026-11-23': 'today' }`; the short date is always shown. */
  relativeDays?: Record<string, 'today' | 'tomorrow'>;
  /** The heading; "Price per kWh" without it. */
  title?: string;
};

type ChartTranslator = ReturnType<typeof useTranslations<'Chart'>>;

// viewBox units; the SVG is stretched to its box (preserveAspectRatio="none")
// and every text is an HTML overlay, so labels stay readable at 360 px.
const WIDTH = 1000;
const HEIGHT = 300;
const STROKE = { vectorEffect: 'non-scaling-stroke' } as const;

type Segment = { start: number; end: number };

/** Runs of consecutive intervals, split at nulls and time gaps. */
function pricedRuns(intervals: PriceInterval[]): PriceInterval[][] {
  const runs: PriceInterval[][] = [];
  let run: PriceInterval[] = [];
  for (const interval of intervals) {
    const last = run.at(-1);
    if (interval.amount === null || (last && last.end !== interval.start)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (interval.amount !== null) run.push(interval);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Parts of `[from, to)` that no priced interval covers: nulls and unpublished time. */
function missingSegments(intervals: PriceInterval[], from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let cursor = from;
  for (const interval of intervals) {
    if (interval.amount === null) continue;
    if (interval.start > cursor) segments.push({ start: cursor, end: Math.min(interval.start, to) });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < to) segments.push({ start: cursor, end: to });
  return segments.filter((s) => s.end > s.start);
}

function componentParts(interval: PriceInterval): { key: 'electricity' | 'grid' | 'levies'; value: number }[] {
  const c = interval.components;
  if (!c) return [];
  return [
    { key: 'electricity', value: c.electricity },
    { key: 'grid', value: c.grid },
    { key: 'levies', value: c.levies },
  ];
}

const PART_CLASS = {
  electricity: 'fill-sky-600 dark:fill-sky-500',
  grid: 'fill-amber-500 dark:fill-amber-400',
  levies: 'fill-violet-500 dark:fill-violet-400',
} as const;

function tipFor(interval: PriceInterval, view: PriceChartView, t: ChartTranslator, format: Format): string {
  const range = format.timeRange(interval.start, interval.end);
  if (interval.amount === null) return t('tipMissing', { range });
  const c = interval.components;
  const price = format.price(interval.amount);
  if (view === 'components' && c) {
    return t('tipComponents', {
      range,
      price,
      electricity: format.priceNumber(c.electricity),
      grid: format.priceNumber(c.grid),
      levies: format.priceNumber(c.levies),
    });
  }
  return t('tip', { range, price });
}

/**
 * A step chart of the prices of one or two Berlin days, drawn as SVG on the
 * server so it is readable before JavaScript loads. A price holds for its
 * whole interval; missing prices are hatched gaps, never zero. Works for any
 * number of intervals and for 15-minute and hourly series.
 */
export function PriceChart({
  intervals,
  days,
  now,
  highlight = null,
  view,
  viewHrefs,
  unpublishedNote,
  relativeDays = {},
  title,
}: PriceChartProps) {
  const t = useTranslations('Chart');
  const format = useFormat();
  const formatter = useFormatter();
  const id = useId();
  const note = unpublishedNote ?? t('noPrices');
  const hatchId = `${id}-hatch`;
  const gridHatchId = `${id}-grid-hatch`;
  const captionId = `${id}-caption`;
  const summaryId = `${id}-summary`;
  const firstDay = days[0];
  const lastDay = days.at(-1);
  if (!firstDay || !lastDay) return null;

  const from = startOfBerlinDay(firstDay);
  const to = endOfBerlinDay(lastDay);
  const shown = intervals.filter((i) => i.start < to && i.end > from);
  // Two decimals of a 1000-unit viewBox are finer than any screen, and keep the HTML small.
  const round = (n: number) => Math.round(n * 100) / 100;
  const xScale = linear(from, to, 0, WIDTH);
  const x = (ms: number) => round(xScale(ms));
  const pct = (ms: number) => ((ms - from) / (to - from)) * 100;

  const values: number[] = [];
  for (const interval of shown) {
    if (interval.amount === null) continue;
    values.push(interval.amount);
    if (view === 'components') {
      let up = 0;
      let down = 0;
      for (const part of componentParts(interval)) {
        if (part.value >= 0) up += part.value;
        else down += part.value;
      }
      values.push(up, down);
    }
  }
  const scale = niceScale(values);
  const yScale = linear(scale.min, scale.max, HEIGHT, 0);
  const y = (value: number) => round(yScale(value));
  const yPct = (value: number) => (y(value) / HEIGHT) * 100;
  const zero = y(0);

  const runs = pricedRuns(shown);
  const linePath = runs
    .map((run) => {
      const first = run[0];
      if (!first) return '';
      let d = `M${x(first.start)},${y(first.amount ?? 0)}`;
      for (const interval of run) d += `H${x(interval.start)}V${y(interval.amount ?? 0)}H${x(interval.end)}`;
      return d;
    })
    .join('');
  const areaPath = runs
    .map((run) => {
      const first = run[0];
      const last = run.at(-1);
      if (!first || !last) return '';
      let d = `M${x(first.start)},${zero}`;
      for (const interval of run) d += `V${y(interval.amount ?? 0)}H${x(interval.end)}`;
      return `${d}V${zero}Z`;
    })
    .join('');

  const missing = missingSegments(shown, from, to);
  const dayRanges = days.map((date) => ({ date, start: startOfBerlinDay(date), end: endOfBerlinDay(date) }));
  const emptyDays = dayRanges.filter((d) => !shown.some((i) => i.start >= d.start && i.start < d.end));
  const hours = hourStarts(from, to);
  const current = now === null ? null : (shown.find((i) => i.start <= now && now < i.end) ?? null);
  const nowInside = now !== null && now >= from && now < to;

  const stats = shown.filter((i): i is PriceInterval & { amount: number } => i.amount !== null);
  const low = stats.reduce<(typeof stats)[number] | null>((a, b) => (!a || b.amount < a.amount ? b : a), null);
  const high = stats.reduce<(typeof stats)[number] | null>((a, b) => (!a || b.amount > a.amount ? b : a), null);
  /** "Mon 23 Nov and Tue 24 Nov" / "Mo. 23. Nov. und Di. 24. Nov.". */
  const list = (dates: string[]) =>
    formatter.list(
      dates.map((d) => format.shortDate(d)),
      { type: 'conjunction' },
    );
  const shownDays = list(days);

  return (
    <div data-testid="price-chart" className="min-w-0">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={captionId} className="text-lg font-semibold">
          {title ?? t('title', { kind: 'consumption' })}
        </h2>
        {viewHrefs ? (
          <nav
            aria-label={t('viewLabel')}
            className="inline-flex rounded-lg border border-slate-300 p-0.5 text-sm dark:border-slate-700"
          >
            {(['total', 'components'] as const).map((v) => (
              <QueryLink
                key={v}
                href={viewHrefs[v]}
                set={{ view: v === 'total' ? null : 'components' }}
                scroll={false}
                aria-current={view === v ? 'page' : undefined}
                className={`rounded-md px-3 py-1.5 font-medium ${
                  view === v
                    ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                }`}
              >
                {t(v)}
              </QueryLink>
            ))}
          </nav>
        ) : null}
      </div>
      <p id={summaryId} className="sr-only">
        {[
          low && high
            ? t('summary', {
                days: shownDays,
                low: format.price(low.amount),
                lowTime: format.time(low.start),
                high: format.price(high.amount),
                highTime: format.time(high.start),
              })
            : t('summaryEmpty', { days: shownDays }),
          emptyDays.length ? t('summaryUnpublished', { days: list(emptyDays.map((d) => d.date)), note }) : null,
          t('summaryTable'),
        ]
          .filter(Boolean)
          .join(' ')}
      </p>

      {view === 'components' ? (
        <ul
          className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300"
          aria-label={t('legend')}
        >
          {(['electricity', 'grid', 'levies'] as const).map((key) => (
            <li key={key} className="inline-flex items-center gap-1.5">
              <svg aria-hidden="true" width="12" height="12" className="shrink-0">
                <rect width="12" height="12" className={PART_CLASS[key]} />
                {key === 'grid' ? <rect width="12" height="12" fill={`url(#${gridHatchId})`} /> : null}
              </svg>
              {t(key)}
            </li>
          ))}
          <li className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-0.5 w-3 bg-slate-900 dark:bg-slate-100" />
            {t('total')}
          </li>
        </ul>
      ) : null}

      <div className="flex gap-1">
        <div
          className="relative w-11 shrink-0 text-right text-xs text-slate-600 tabular-nums dark:text-slate-400"
          aria-hidden="true"
        >
          {scale.ticks.map((tick) => (
            <span key={tick} className="absolute right-1 -translate-y-1/2" style={{ top: `${yPct(tick)}%` }}>
              {format.priceNumber(tick)}
            </span>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <PriceChartInteractions keyboardHint={t('keyboardHint')}>
            <div className="relative h-56 sm:h-72">
              <svg
                viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                preserveAspectRatio="none"
                className="absolute inset-0 h-full w-full overflow-visible"
                role="group"
                aria-labelledby={captionId}
                aria-describedby={summaryId}
              >
                <defs>
                  <pattern
                    id={hatchId}
                    width="8"
                    height="8"
                    patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)"
                  >
                    <rect width="8" height="8" className="fill-slate-100 dark:fill-slate-800" />
                    <line
                      x1="0"
                      y1="0"
                      x2="0"
                      y2="8"
                      strokeWidth="3"
                      className="stroke-slate-300 dark:stroke-slate-600"
                    />
                  </pattern>
                  <pattern
                    id={gridHatchId}
                    width="6"
                    height="6"
                    patternUnits="userSpaceOnUse"
                    patternTransform="rotate(-45)"
                  >
                    <line
                      x1="0"
                      y1="0"
                      x2="0"
                      y2="6"
                      strokeWidth="2"
                      className="stroke-white/60 dark:stroke-slate-900/60"
                    />
                  </pattern>
                </defs>

                <g aria-hidden="true">
                  {missing.map((s) => (
                    <rect
                      key={s.start}
                      x={x(s.start)}
                      y={0}
                      width={x(s.end) - x(s.start)}
                      height={HEIGHT}
                      fill={`url(#${hatchId})`}
                    />
                  ))}
                  {scale.ticks.map((tick) => (
                    <line
                      key={tick}
                      x1={0}
                      x2={WIDTH}
                      y1={y(tick)}
                      y2={y(tick)}
                      {...STROKE}
                      className={
                        tick === 0 ? 'stroke-slate-500 dark:stroke-slate-400' : 'stroke-slate-200 dark:stroke-slate-800'
                      }
                      strokeWidth={tick === 0 ? 1.5 : 1}
                    />
                  ))}
                  {hours.map((h) => (
                    <line
                      key={h}
                      x1={x(h)}
                      x2={x(h)}
                      y1={berlinParts(h).hour % 6 === 0 ? 0 : HEIGHT - 6}
                      y2={HEIGHT}
                      {...STROKE}
                      className="stroke-slate-200 dark:stroke-slate-800"
                    />
                  ))}
                </g>

                {highlight ? (
                  <WindowBand
                    chartKey={highlight.chartKey}
                    initial={highlight.window}
                    domain={{ from, to }}
                    width={WIDTH}
                    height={HEIGHT}
                  />
                ) : null}

                <g aria-hidden="true">
                  {view === 'components'
                    ? shown.map((interval) => {
                        let up = 0;
                        let down = 0;
                        return componentParts(interval).map((part) => {
                          const base = part.value >= 0 ? up : down;
                          const top = base + part.value;
                          if (part.value >= 0) up = top;
                          else down = top;
                          const y1 = Math.min(y(base), y(top));
                          const h = Math.abs(y(base) - y(top));
                          return (
                            <g key={`${interval.start}-${part.key}`}>
                              <rect
                                x={x(interval.start)}
                                y={y1}
                                width={x(interval.end) - x(interval.start)}
                                height={h}
                                className={PART_CLASS[part.key]}
                              />
                              {part.key === 'grid' ? (
                                <rect
                                  x={x(interval.start)}
                                  y={y1}
                                  width={x(interval.end) - x(interval.start)}
                                  height={h}
                                  fill={`url(#${gridHatchId})`}
                                />
                              ) : null}
                            </g>
                          );
                        });
                      })
                    : null}
                  {view === 'total' ? (
                    <>
                      <clipPath id={`${id}-above`}>
                        <rect x={0} y={0} width={WIDTH} height={zero} />
                      </clipPath>
                      <clipPath id={`${id}-below`}>
                        <rect x={0} y={zero} width={WIDTH} height={HEIGHT - zero} />
                      </clipPath>
                      <path
                        d={areaPath}
                        clipPath={`url(#${id}-above)`}
                        className="fill-sky-500/20 dark:fill-sky-400/20"
                      />
                      <path
                        d={areaPath}
                        clipPath={`url(#${id}-below)`}
                        className="fill-emerald-500/35 dark:fill-emerald-400/35"
                      />
                    </>
                  ) : null}
                  <path
                    d={linePath}
                    fill="none"
                    {...STROKE}
                    strokeWidth={2}
                    strokeLinejoin="round"
                    className={
                      view === 'total' ? 'stroke-sky-700 dark:stroke-sky-300' : 'stroke-slate-900 dark:stroke-slate-100'
                    }
                  />
                  {dayRanges.slice(1).map((d) => (
                    <line
                      key={d.date}
                      x1={x(d.start)}
                      x2={x(d.start)}
                      y1={0}
                      y2={HEIGHT}
                      {...STROKE}
                      strokeWidth={2}
                      className="stroke-slate-500 dark:stroke-slate-400"
                    />
                  ))}
                  {nowInside && now !== null ? (
                    <line
                      x1={x(now)}
                      x2={x(now)}
                      y1={0}
                      y2={HEIGHT}
                      {...STROKE}
                      strokeWidth={2}
                      strokeDasharray="5 3"
                      className="stroke-rose-600 dark:stroke-rose-400"
                    />
                  ) : null}
                </g>

                <g>
                  {shown.map((interval) => {
                    const label = tipFor(interval, view, t, format);
                    const isCurrent = interval === current;
                    return (
                      <rect
                        key={interval.start}
                        x={x(interval.start)}
                        y={0}
                        width={x(interval.end) - x(interval.start)}
                        height={HEIGHT}
                        tabIndex={0}
                        role="img"
                        aria-label={isCurrent ? t('currentLabel', { label }) : label}
                        data-tip={isCurrent ? t('currentTip', { label }) : label}
                        data-current={isCurrent ? 'true' : undefined}
                        {...STROKE}
                        className={`cursor-crosshair outline-none hover:fill-slate-500/10 focus-visible:fill-sky-500/20 focus-visible:stroke-sky-600 focus-visible:stroke-2 dark:focus-visible:stroke-sky-300 ${
                          isCurrent ? 'fill-rose-500/15' : 'fill-transparent'
                        }`}
                      />
                    );
                  })}
                </g>
              </svg>

              {dayRanges.map((d) => (
                <span
                  key={d.date}
                  className="pointer-events-none absolute top-1 ml-1 rounded bg-white/85 px-1 text-xs font-semibold text-slate-800 dark:bg-slate-900/85 dark:text-slate-100"
                  style={{ left: `${pct(d.start)}%` }}
                >
                  {t('day', { day: relativeDays[d.date] ?? 'other', date: format.shortDate(d.date) })}
                </span>
              ))}
              {emptyDays.map((d) => (
                <p
                  key={d.date}
                  className="pointer-events-none absolute top-1/2 -translate-y-1/2 px-2 text-center text-sm font-medium text-slate-700 dark:text-slate-200"
                  style={{ left: `${pct(d.start)}%`, width: `${pct(d.end) - pct(d.start)}%` }}
                >
                  <span className="rounded bg-white/90 px-1.5 py-0.5 dark:bg-slate-900/90">{note}</span>
                </p>
              ))}
              {missing
                .filter(
                  (s) => !emptyDays.some((d) => d.start <= s.start && s.end <= d.end) && pct(s.end) - pct(s.start) >= 6,
                )
                .map((s) => (
                  <span
                    key={s.start}
                    className="pointer-events-none absolute top-8 px-1 text-center text-xs text-slate-600 dark:text-slate-300"
                    style={{ left: `${pct(s.start)}%`, width: `${pct(s.end) - pct(s.start)}%` }}
                  >
                    {t('gap')}
                  </span>
                ))}
              {nowInside && now !== null ? (
                <span
                  className="pointer-events-none absolute top-7 ml-1 rounded bg-rose-700 px-1 text-xs font-semibold text-white dark:bg-rose-300 dark:text-rose-950"
                  style={
                    pct(now) > 85 ? { right: `${100 - pct(now)}%`, marginRight: '0.25rem' } : { left: `${pct(now)}%` }
                  }
                >
                  {t('now', { time: format.clock(now) })}
                </span>
              ) : null}
              {highlight ? (
                <WindowLabel chartKey={highlight.chartKey} initial={highlight.window} domain={{ from, to }} />
              ) : null}
            </div>
          </PriceChartInteractions>

          <div className="relative h-5 text-xs text-slate-600 tabular-nums dark:text-slate-400" aria-hidden="true">
            {hours
              .filter((h) => berlinParts(h).minute === 0 && berlinParts(h).hour % 3 === 0)
              .map((h) => {
                const hour = berlinParts(h).hour;
                const left = pct(h);
                if (left > 97) return null;
                return (
                  <span
                    key={h}
                    className={`absolute top-1 ${left < 1 ? '' : '-translate-x-1/2'} ${hour % 6 === 0 ? '' : 'hidden sm:inline'} ${
                      days.length > 1 && hour % 12 !== 0 ? 'max-sm:hidden' : ''
                    }`}
                    style={{ left: `${left}%` }}
                  >
                    {format.clock(h)}
                  </span>
                );
              })}
          </div>
        </div>
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {[t('unit', { view }), t('hatched'), nowInside ? t('nowLine') : null].filter(Boolean).join(' ')}
      </p>
    </div>
  );
}
