'use client';

import { useEffect, useId, useRef, useState } from 'react';

import { useScriptsRun } from '@/components/ui/script-marker';
import { useFormat } from '@/lib/i18n/use-format';
import { intervalIndexAt, type Span } from '@/lib/prices/interval-search';

import { rowRange, tipText, unpackRows, type PackedRows, type PriceRow, type TipPatterns } from './price-rows';

type Cursor = { index: number; by: 'pointer' | 'keyboard' };

const spans = new WeakMap<PriceRow[], Span[]>();

/** The rows' time spans, for the interval search under the pointer; worked out once per set of rows. */
function spansOf(rows: PriceRow[]): Span[] {
  let known = spans.get(rows);
  if (!known) {
    known = rows.map(([start, end]) => ({ start, end }));
    spans.set(rows, known);
  }
  return known;
}

/**
 * Tooltip and keyboard exploration for the server-drawn chart, which is a
 * few paths rather than an element per interval. The pointer's position
 * picks the interval (the shared interval search over `rows`); with the
 * keyboard the plot is one tab stop, and the arrow keys, Home and End move
 * between intervals, each announced in a live region. Without JavaScript
 * the plot is a picture, and the table below lists every interval.
 * Everything it says comes formatted from the server (`rows`, `patterns`).
 */
export function PriceChartInteractions({
  rows: packed,
  from,
  patterns,
  view,
  current,
  span,
  keyboardHint,
  labelledBy,
  scripts = false,
  children,
}: {
  rows: PackedRows;
  /** The chart's first midnight, epoch ms: the rows' times count from it. */
  from: number;
  patterns: TipPatterns;
  view: 'total' | 'components';
  /** Index of the current interval in `rows`, -1 without one. */
  current: number;
  /** Minutes from the first day's midnight to the last day's end: the plot's width. */
  span: number;
  keyboardHint: string;
  /** Id of the chart's heading, which names the plot. */
  labelledBy: string;
  /**
   * The browser has shown that it runs JavaScript (`hems_js`): the server
   * draws the tab stop and its hint right away, so nothing changes, and
   * nothing re-renders, once the page has hydrated.
   */
  scripts?: boolean;
  children: React.ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);
  const hintId = useId();
  // Only a browser that runs this makes the plot a tab stop: without it the arrow keys would do nothing.
  const interactive = useScriptsRun(scripts);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  // Says that the plot answers to the pointer and the keys now: an attribute
  // set once, not a state change, so hydrating re-renders nothing.
  useEffect(() => {
    host.current?.setAttribute('data-hydrated', '');
  }, []);
  // Unpacked at the first pointer move, key or focus, not while the page renders on the server or hydrates.
  const row = cursor ? unpackRows(packed)[cursor.index] : undefined;
  const format = useFormat();
  const text =
    row && cursor ? tipText(row, rowRange(row, from, format), patterns, view, cursor.index === current) : null;
  const left = row ? (row[0] / span) * 100 : 0;
  const width = row ? ((row[1] - row[0]) / span) * 100 : 0;
  const centre = left + width / 2;

  function pointAt(clientX: number) {
    const box = host.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    const index = intervalIndexAt(spansOf(unpackRows(packed)), ((clientX - box.left) / box.width) * span);
    setCursor(index < 0 ? null : { index, by: 'pointer' });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      setCursor(null);
      return;
    }
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    const count = unpackRows(packed).length;
    if (move === undefined || count === 0) return;
    event.preventDefault();
    const from = cursor?.index ?? (current >= 0 ? current : 0);
    setCursor({ index: Math.min(count - 1, Math.max(0, from + move)), by: 'keyboard' });
  }

  return (
    <div
      ref={host}
      data-testid="price-chart-plot"
      className="relative rounded outline-none focus-visible:ring-2 focus-visible:ring-sky-600 dark:focus-visible:ring-sky-300"
      role={interactive ? 'group' : undefined}
      aria-labelledby={interactive ? labelledBy : undefined}
      aria-describedby={interactive ? hintId : undefined}
      tabIndex={interactive ? 0 : undefined}
      onPointerMove={(event) => pointAt(event.clientX)}
      onPointerLeave={() => setCursor(null)}
      onFocus={() => {
        if (unpackRows(packed).length > 0) setCursor({ index: current >= 0 ? current : 0, by: 'keyboard' });
      }}
      onBlur={() => setCursor(null)}
      onKeyDown={onKeyDown}
    >
      {interactive ? (
        <p id={hintId} className="sr-only">
          {keyboardHint}
        </p>
      ) : null}
      {children}
      {row ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 bg-slate-500/15 dark:bg-slate-300/20"
          style={{ left: `${left}%`, width: `${width}%` }}
        />
      ) : null}
      {text ? (
        // The live region below says the same to a screen reader.
        <div
          aria-hidden="true"
          className="pointer-events-none absolute top-0 z-10 max-w-full rounded-md bg-slate-900 px-2 py-1 text-xs font-semibold text-white shadow-lg tabular-nums dark:bg-slate-100 dark:text-slate-900"
          // Kept inside the plot: the further right, the more of it lies left of the interval.
          style={{ left: `${centre}%`, transform: `translate(-${centre}%, -100%)` }}
        >
          {text}
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {cursor?.by === 'keyboard' ? text : null}
      </p>
    </div>
  );
}
