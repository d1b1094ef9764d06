'use client';

import { hundredths } from '@/lib/prices/chart-scale';

import { useHighlightedWindow, type HighlightedWindow } from './window-store';

type Props = {
  chartKey: string;
  initial: HighlightedWindow;
  /** Visible time domain of the chart, epoch ms. */
  domain: { from: number; to: number };
  /** Width and height of the chart's viewBox. */
  width: number;
  height: number;
};

function clip(window: HighlightedWindow, domain: Props['domain']) {
  if (!window) return null;
  const start = Math.max(window.start, domain.from);
  const end = Math.min(window.end, domain.to);
  return end > start ? { start, end, label: window.label } : null;
}

/** The band behind the cheapest window, inside the chart's SVG. */
export function WindowBand({ chartKey, initial, domain, width, height }: Props) {
  const window = clip(useHighlightedWindow(chartKey, initial), domain);
  if (!window) return null;
  const span = domain.to - domain.from;
  const x = hundredths(((window.start - domain.from) / span) * width);
  const w = hundredths(((window.end - window.start) / span) * width);
  return (
    <g aria-hidden="true">
      <rect x={x} y={0} width={w} height={height} className="fill-emerald-500/15 dark:fill-emerald-400/20" />
      <line
        x1={x}
        x2={x}
        y1={0}
        y2={height}
        vectorEffect="non-scaling-stroke"
        className="stroke-emerald-600 dark:stroke-emerald-400"
        strokeDasharray="4 3"
      />
      <line
        x1={x + w}
        x2={x + w}
        y1={0}
        y2={height}
        vectorEffect="non-scaling-stroke"
        className="stroke-emerald-600 dark:stroke-emerald-400"
        strokeDasharray="4 3"
      />
    </g>
  );
}

/** The text label of the band, an HTML overlay so it is not stretched with the SVG. */
export function WindowLabel({ chartKey, initial, domain }: Omit<Props, 'width' | 'height'>) {
  const window = clip(useHighlightedWindow(chartKey, initial), domain);
  if (!window) return null;
  const span = domain.to - domain.from;
  const left = hundredths(((window.start - domain.from) / span) * 100);
  // Kept inside the plot from 360 px up: the further right the window, the
  // more of the label lies left of its start.
  return (
    <span
      className="pointer-events-none absolute bottom-1 rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white dark:bg-emerald-300 dark:text-emerald-950"
      style={{ left: `${left}%`, transform: `translateX(-${left}%)` }}
    >
      {window.label}
    </span>
  );
}
