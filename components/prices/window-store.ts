/**
 * Lets the cheapest-window form move the chart's highlight without a
 * refetch: both are client leaves on the same page, keyed by a chart id.
 */
import { useSyncExternalStore } from 'react';

export type HighlightedWindow = { start: number; end: number; label: string } | null;

const windows = new Map<string, HighlightedWindow>();
const listeners = new Set<() => void>();

const same = (a: HighlightedWindow | undefined, b: HighlightedWindow) =>
  a === b || (!!a && !!b && a.start === b.start && a.end === b.end && a.label === b.label);

/** Moves the highlight under `key`; the chart re-renders only when it changed. */
export function publishWindow(key: string, window: HighlightedWindow): void {
  if (windows.has(key) && same(windows.get(key), window)) return;
  windows.set(key, window);
  for (const listener of listeners) listener();
}

/** Whether a highlight was published under `key` (by this page, or by another before a client navigation). */
export function hasWindow(key: string): boolean {
  return windows.has(key);
}

/** Forgets `key`, so the chart falls back to the server's answer. */
export function clearWindow(key: string): void {
  if (!windows.delete(key)) return;
  for (const listener of listeners) listener();
}

/** Calls `listener` on every change of any key; returns the unsubscribe. */
export function subscribeWindows(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The window last published under `key`, or `initial` (the server's answer) until then. */
export function useHighlightedWindow(key: string, initial: HighlightedWindow): HighlightedWindow {
  return useSyncExternalStore(
    subscribeWindows,
    () => (windows.has(key) ? (windows.get(key) ?? null) : initial),
    () => initial,
  );
}
