'use client';

import { useEffect, useRef, useState } from 'react';

type Tip = { text: string; x: number; y: number; alignRight: boolean };

/**
 * Tooltip and keyboard navigation for the server-rendered chart. Each
 * interval is a focusable rect carrying `data-tip`; without JavaScript all
 * are in the tab order. With it, the chart becomes one tab stop (roving
 * tabindex) and the arrow keys move between intervals, so a keyboard user
 * does not have to tab through 192 quarter hours to reach the form below.
 * `keyboardHint` says so to screen readers; it is translated by the server
 * chart, so no messages need to be shipped for this leaf.
 */
export function PriceChartInteractions({
  keyboardHint,
  children,
}: {
  keyboardHint: string;
  children: React.ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  useEffect(() => {
    const targets = targetsOf(host.current);
    const active = targets.find((t) => t.dataset.current === 'true') ?? targets[0];
    for (const target of targets) target.setAttribute('tabindex', target === active ? '0' : '-1');
  }, []);

  function show(target: EventTarget | null) {
    if (!(target instanceof Element) || !host.current) return;
    const text = target.getAttribute('data-tip');
    if (!text) return;
    const box = target.getBoundingClientRect();
    const frame = host.current.getBoundingClientRect();
    const x = box.left + box.width / 2 - frame.left;
    setTip({ text, x, y: box.top - frame.top, alignRight: x > frame.width / 2 });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      setTip(null);
      return;
    }
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined || !(event.target instanceof SVGElement)) return;
    const targets = targetsOf(host.current);
    const index = targets.indexOf(event.target as SVGElement & HTMLOrSVGElement);
    if (index < 0) return;
    const nextIndex = Math.min(targets.length - 1, Math.max(0, index + move));
    const next = targets[nextIndex];
    if (!next) return;
    event.preventDefault();
    for (const target of targets) target.setAttribute('tabindex', target === next ? '0' : '-1');
    next.focus();
  }

  return (
    <div
      ref={host}
      className="relative"
      onPointerOver={(event) => show(event.target)}
      onPointerLeave={() => setTip(null)}
      onFocus={(event) => show(event.target)}
      onBlur={() => setTip(null)}
      onKeyDown={onKeyDown}
    >
      <p className="sr-only">{keyboardHint}</p>
      {children}
      {tip ? (
        // Hidden from assistive technology: the focused interval's aria-label already says the same.
        <div
          aria-hidden="true"
          className="pointer-events-none absolute z-10 -translate-y-full rounded-md bg-slate-900 px-2 py-1 text-xs font-medium whitespace-nowrap text-white shadow-lg tabular-nums dark:bg-slate-100 dark:text-slate-900"
          style={tip.alignRight ? { right: `calc(100% - ${tip.x}px)`, top: tip.y } : { left: tip.x, top: tip.y }}
        >
          {tip.text}
        </div>
      ) : null}
    </div>
  );
}

function targetsOf(root: HTMLElement | null): (SVGElement & HTMLOrSVGElement)[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll<SVGElement & HTMLOrSVGElement>('[data-tip]'));
}
