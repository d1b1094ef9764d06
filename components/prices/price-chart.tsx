import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';

import { QueryLink } from '@/components/ui/query-link';
import { useFormat } from '@/lib/i18n/use-format';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  PRICE_PARTS,
  priceChartGeometry,
  type PriceChartView,
} from '@/lib/prices/chart-geometry';
import { hundredths } from '@/lib/prices/chart-scale';
import type { PriceInterval } from '@/lib/prices/types';
import { PriceChartInteractions } from './price-chart-interactions';
import { packRows, priceRows, tipPatterns, type PackedRows } from './price-rows';
import { WindowBand, WindowLabel } from './window-highlight';
import type { HighlightedWindow } from './window-store';

export type { PriceChartView } from '@/lib/prices/chart-geometry';

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
  /** The drawn intervals formatted and packed (`priceRows`, `packRows`), when the page has them already. */
  rows?: PackedRows;
  /** The browser has shown that it runs JavaScript: the plot is drawn as a tab stop from the start. */
  scripts?: boolean;
};

const STROKE = { vectorEffect: 'non-scaling-stroke' } as const;

const PART_CLASS = {
  electricity: 'fill-sky-600 dark:fill-sky-500',
  grid: 'fill-amber-500 dark:fill-amber-400',
  levies: 'fill-violet-500 dark:fill-violet-400',
} as const;

const ABOVE_ZERO = 'fill-sky-500/20 dark:fill-sky-400/20';
const BELOW_ZERO = 'fill-emerald-500/35 dark:fill-emerald-400/35';

/**
 * The area between the price line and zero: blue above zero, green below.
 * Only a chart with prices on both sides needs the area twice, each copy
 * clipped to its side; most days have no negative price and get one path.
 */
function PriceArea({ id, area, zero }: { id: string; area: string; zero: number }) {
  if (zero >= CHART_HEIGHT) return <path d={area} className={ABOVE_ZERO} />;
  if (zero <= 0) return <path d={area} className={BELOW_ZERO} />;
  const areaId = `${id}-area`;
  return (
    <>
      <defs>
        <path id={areaId} d={area} />
        <clipPath id={`${id}-above`}>
          <rect width={CHART_WIDTH} height={zero} />
        </clipPath>
        <clipPath id={`${id}-below`}>
          <rect y={zero} width={CHART_WIDTH} height={CHART_HEIGHT - zero} />
        </clipPath>
      </defs>
      <use href={`#${areaId}`} clipPath={`url(#${id}-above)`} className={ABOVE_ZERO} />
      <use href={`#${areaId}`} clipPath={`url(#${id}-below)`} className={BELOW_ZERO} />
    </>
  );
}

/** An HTML label over the plot at `left` %, kept inside it: the further right, the more of it lies to the left. */
const inside = (left: number): React.CSSProperties => ({ left: `${left}%`, transform: `translateX(-${left}%)` });

/**
 * A step chart of the prices of one or two Berlin days, drawn as SVG on the
 * server so it is readable before JavaScript loads: a handful of paths
 * (line, area, component bands, gaps, ticks) whatever the number of
 * intervals, with the geometry from `lib/prices/chart-geometry.ts`. A price
 * holds for its whole interval; missing prices are hatched gaps, never zero.
 * The summary says the day's range to a screen reader, the table below
 * lists every interval; the tooltip and the keyboard are the client leaf's.
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
  rows,
  scripts = false,
}: PriceChartProps) {
  const t = useTranslations('Chart');
  const format = useFormat();
  const formatter = useFormatter();
  const id = useId();
  const geometry = priceChartGeometry({ intervals, days, now, view });
  if (!geometry) return null;
  const note = unpublishedNote ?? t('noPrices');
  const hatchId = `${id}-hatch`;
  const gridHatchId = `${id}-grid-hatch`;
  const captionId = `${id}-caption`;
  const summaryId = `${id}-summary`;
  const { from, to, shown, low, high, current } = geometry;
  const emptyDays = geometry.days.filter((d) => d.empty);
  /** "Mon 23 Nov and Tue 24 Nov" / "Mo. 23. Nov. und Di. 24. Nov.". */
  const list = (dates: string[]) =>
    formatter.list(
      dates.map((d) => format.shortDate(d)),
      { type: 'conjunction' },
    );
  const shownDays = list(days);
  const first = shown[0];
  const tipRows = rows ?? packRows(priceRows(shown, from, format), first ? (first.end - first.start) / 60_000 : 15);
  const patterns = tipPatterns(t);
  const x = (ms: number) => hundredths(((ms - from) / (to - from)) * CHART_WIDTH);

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
                // The other view is this page again with its prices: a prefetch would render it on every view.
                prefetch={false}
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
          {PRICE_PARTS.map((key) => (
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

      {/* The days over the plot (indented by the price axis), each over its own part; a long name wraps. */}
      <div
        data-testid="price-chart-days"
        className="mb-1 flex pl-12 text-xs font-semibold text-slate-800 dark:text-slate-100"
      >
        {geometry.days.map((d) => (
          <span key={d.date} className="min-w-0 basis-0 px-1" style={{ flexGrow: d.width }}>
            {t('day', { day: relativeDays[d.date] ?? 'other', date: format.shortDate(d.date) })}
          </span>
        ))}
      </div>
      <div className="flex gap-1">
        <div
          className="relative mb-5 w-11 shrink-0 text-right text-xs text-slate-600 tabular-nums dark:text-slate-400 [&>span]:absolute [&>span]:right-1 [&>span]:-translate-y-1/2"
          aria-hidden="true"
        >
          {geometry.ticks.map((tick) => (
            <span key={tick.value} style={{ top: `${tick.top}%` }}>
              {format.priceNumber(tick.value)}
            </span>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <PriceChartInteractions
            rows={tipRows}
            from={from}
            patterns={patterns}
            view={view}
            current={current ? shown.indexOf(current) : -1}
            span={Math.round((to - from) / 60_000)}
            keyboardHint={t('keyboardHint')}
            labelledBy={captionId}
            scripts={scripts}
          >
            <div className="relative h-56 sm:h-72">
              <svg
                viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
                preserveAspectRatio="none"
                className="absolute inset-0 h-full w-full overflow-visible"
                role="img"
                aria-labelledby={captionId}
                aria-describedby={summaryId}
              >
                {/* Only what this chart draws: each pattern and clip path is an element the phone styles. */}
                {geometry.gaps || view === 'components' ? (
                  <defs>
                    {geometry.gaps ? (
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
                    ) : null}
                    {view === 'components' ? (
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
                    ) : null}
                  </defs>
                ) : null}

                {geometry.gaps ? <path d={geometry.gaps} fill={`url(#${hatchId})`} /> : null}
                <path
                  d={geometry.ticks.map((tick) => `M0,${tick.y}H${CHART_WIDTH}`).join('') + geometry.hourTicks}
                  {...STROKE}
                  className="stroke-slate-200 dark:stroke-slate-800"
                />
                <path
                  d={`M0,${geometry.zero}H${CHART_WIDTH}`}
                  {...STROKE}
                  strokeWidth={1.5}
                  className="stroke-slate-500 dark:stroke-slate-400"
                />
                {current ? (
                  <rect
                    x={x(current.start)}
                    width={hundredths(x(current.end) - x(current.start))}
                    height={CHART_HEIGHT}
                    className="fill-rose-500/15"
                  />
                ) : null}

                {highlight ? (
                  <WindowBand
                    chartKey={highlight.chartKey}
                    initial={highlight.window}
                    domain={{ from, to }}
                    width={CHART_WIDTH}
                    height={CHART_HEIGHT}
                  />
                ) : null}

                {view === 'components' ? (
                  <>
                    {PRICE_PARTS.map((part) => (
                      <path key={part} d={geometry.parts[part]} className={PART_CLASS[part]} />
                    ))}
                    <path d={geometry.parts.grid} fill={`url(#${gridHatchId})`} />
                  </>
                ) : (
                  <PriceArea id={id} area={geometry.area} zero={geometry.zero} />
                )}
                <path
                  d={geometry.line}
                  fill="none"
                  {...STROKE}
                  strokeWidth={2}
                  strokeLinejoin="round"
                  className={
                    view === 'total' ? 'stroke-sky-700 dark:stroke-sky-300' : 'stroke-slate-900 dark:stroke-slate-100'
                  }
                />
                {geometry.dayLines ? (
                  <path
                    d={geometry.dayLines}
                    {...STROKE}
                    strokeWidth={2}
                    className="stroke-slate-500 dark:stroke-slate-400"
                  />
                ) : null}
                {geometry.now ? (
                  <path
                    d={`M${geometry.now.x},0V${CHART_HEIGHT}`}
                    {...STROKE}
                    strokeWidth={2}
                    strokeDasharray="5 3"
                    className="stroke-rose-600 dark:stroke-rose-400"
                  />
                ) : null}
              </svg>

              {emptyDays.map((d) => (
                <p
                  key={d.date}
                  className="pointer-events-none absolute top-1/2 -translate-y-1/2 px-2 text-center text-sm font-medium text-slate-700 dark:text-slate-200"
                  style={{ left: `${d.left}%`, width: `${d.width}%` }}
                >
                  <span className="rounded bg-white/90 px-1.5 py-0.5 dark:bg-slate-900/90">{note}</span>
                </p>
              ))}
              {geometry.gapSpans
                .filter((s) => !emptyDays.some((d) => d.start <= s.start && s.end <= d.end) && s.width >= 6)
                .map((s) => (
                  <span
                    key={s.start}
                    className="pointer-events-none absolute top-2 px-1 text-center text-xs text-slate-600 dark:text-slate-300"
                    style={{ left: `${s.left}%`, width: `${s.width}%` }}
                  >
                    {t('gap')}
                  </span>
                ))}
              {geometry.now ? (
                <span
                  className="pointer-events-none absolute top-1 rounded bg-rose-700 px-1 text-xs font-semibold whitespace-nowrap text-white dark:bg-rose-300 dark:text-rose-950"
                  style={inside(geometry.now.left)}
                >
                  {t('now', { time: format.clock(geometry.now.at) })}
                </span>
              ) : null}
              {highlight ? (
                <WindowLabel chartKey={highlight.chartKey} initial={highlight.window} domain={{ from, to }} />
              ) : null}
            </div>
          </PriceChartInteractions>

          <div
            className="relative h-5 text-xs text-slate-600 tabular-nums dark:text-slate-400 [&>span]:absolute [&>span]:top-1 [&>span]:-translate-x-1/2"
            aria-hidden="true"
          >
            {geometry.hourLabels.map(({ at, hour, left }) => (
              <span
                // Its position: unique, and shorter in React's payload than the instant.
                key={left}
                // On a phone: every six hours for one day, every twelve for two.
                className={hour % (days.length > 1 ? 12 : 6) === 0 ? undefined : 'max-sm:hidden'}
                style={left < 1 ? { left: `${left}%`, translate: 'none' } : { left: `${left}%` }}
              >
                {format.clock(at)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {[t('unit', { view }), t('hatched'), geometry.now ? t('nowLine') : null].filter(Boolean).join(' ')}
      </p>
    </div>
  );
}
