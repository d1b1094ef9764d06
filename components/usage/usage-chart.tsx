import { useTranslations } from 'next-intl';
import { useId } from 'react';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { derived } from '@/lib/derived';
import { useFormat } from '@/lib/i18n/use-format';
import { berlinParts, endOfBerlinDay, hourStarts, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { barsPath, spansPath } from '@/lib/prices/chart-geometry';
import { hundredths as round, linear, niceScale } from '@/lib/prices/chart-scale';
import type { CostRow } from '@/lib/usage/cost';

const WIDTH = 1000;
const PANEL = 120;
const STROKE = { vectorEffect: 'non-scaling-stroke' } as const;

type Panel = {
  /** Names the panel and its pattern: "kwh" or "ct". */
  key: string;
  title: string;
  value: (row: CostRow) => number | null;
  barClass: string;
  format: (n: number) => string;
};

/**
 * Two aligned bar panels of one Berlin day, drawn on the server: energy per
 * quarter-hour, and what it cost (earned), each a few paths however many
 * quarter-hours the day has. A quarter-hour without a value is hatched,
 * never a zero bar. The table below is the text equivalent.
 */
export function UsageChart({ rows, date, kind }: { rows: CostRow[]; date: string; kind: SubscriptionKind }) {
  const t = useTranslations('Usage.chart');
  const format = useFormat();
  const id = useId();
  const hatchId = `${id}-hatch`;
  const from = startOfBerlinDay(date);
  const to = endOfBerlinDay(date);
  const x = (ms: number) => round(linear(from, to, 0, WIDTH)(ms));
  const pct = (ms: number) => ((ms - from) / (to - from)) * 100;
  const panels: Panel[] = [
    {
      key: 'kwh',
      title: t('energyTitle', { kind }),
      value: (row) => row.kwh,
      barClass: 'fill-sky-600 dark:fill-sky-500',
      format: format.kwhNumber,
    },
    {
      key: 'ct',
      title: t('moneyTitle', { kind }),
      value: (row) => row.costCt,
      barClass: 'fill-amber-500 dark:fill-amber-400',
      format: format.priceNumber,
    },
  ];
  // Every six hours; on the autumn DST day the repeated 02:00 is not one of them.
  const ticks = hourStarts(from, to).filter((start) => berlinParts(start).hour % 6 === 0);

  return (
    <figure data-testid="usage-chart" className="space-y-4">
      {panels.map((panel) => {
        // The rows come from the usage view's kept figures (lib/usage/usage-page.ts): so do the paths.
        const { top, grid, gaps, bars, zero } = derived([rows], `${date}:${panel.key}`, () => {
          const values = rows.flatMap((row) => {
            const value = panel.value(row);
            return value === null ? [] : [value];
          });
          const scale = niceScale(values, 3);
          const y = (value: number) => round(linear(scale.min, scale.max, PANEL, 0)(value));
          return {
            top: scale.ticks.at(-1) ?? scale.max,
            grid: scale.ticks.map((tick) => `M0,${y(tick)}H${WIDTH}`).join(''),
            gaps: spansPath(
              rows.filter((row) => panel.value(row) === null),
              x,
              PANEL,
            ),
            bars: barsPath(
              rows.map((row) => ({ start: row.start, end: row.end, value: panel.value(row) })),
              x,
              y,
            ),
            zero: `M0,${y(0)}H${WIDTH}`,
          };
        });
        return (
          <div key={panel.key}>
            <p className="mb-1 text-sm font-medium">
              {panel.title}{' '}
              <span className="text-slate-500 dark:text-slate-400">
                <span aria-hidden>· </span>
                {t('scale', { value: panel.format(top) })}
              </span>
            </p>
            <svg
              viewBox={`0 0 ${WIDTH} ${PANEL}`}
              preserveAspectRatio="none"
              className="h-28 w-full overflow-visible rounded bg-slate-50 dark:bg-slate-800/50"
              aria-hidden="true"
            >
              <defs>
                <pattern
                  id={`${hatchId}-${panel.key}`}
                  width="8"
                  height="8"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <line
                    x1="0"
                    y1="0"
                    x2="0"
                    y2="8"
                    className="stroke-slate-300 dark:stroke-slate-600"
                    strokeWidth="3"
                  />
                </pattern>
              </defs>
              <path d={grid} className="stroke-slate-200 dark:stroke-slate-700" {...STROKE} />
              <path d={gaps} fill={`url(#${hatchId}-${panel.key})`} />
              <path d={bars} className={panel.barClass} />
              <path d={zero} className="stroke-slate-500" {...STROKE} />
            </svg>
          </div>
        );
      })}
      <div className="relative h-5 text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
        {ticks.map((tick) => (
          <span key={tick} className="absolute -translate-x-1/2" style={{ left: `${pct(tick)}%` }}>
            {format.clock(tick)}
          </span>
        ))}
      </div>
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">{t('caption')}</figcaption>
    </figure>
  );
}
