/**
 * Lets the cheapest-window form move the chart's highlight without a
 * refetch: both are client leaves on the same page, keyed by a chart id.
 */
import { useSyncExternalStore } from 'react';

export type HighlightedWindow = { start: number; end: number; label: string } | null;

const windows = new Map<string, HighlightedWindow>();
const listeners = new Set<() => void>();

export function publishWindow(key: string, window: HighlightedWindow): void {
  windows.set(key, window);
  for (const listener of listeners) listener();
}

/** Forgets `key`, so the chart falls back to the server's answer. */
export function clearWindow(key: string): void {
  windows.delete(key);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The window last published under `key`, or `initial` (the server's answer) until then. */
export function useHighlightedWindow(key: string, initial: HighlightedWindow): HighlightedWindow {
  return useSyncExternalStore(
    subscribe,
    () => (windows.has(key) ? (windows.get(key) ?? null) : initial),
    () => initial,
  );
}
