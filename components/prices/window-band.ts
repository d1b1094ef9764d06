import type { HighlightedWindow } from './window-store';
import type { WindowOption } from './window-text';

/**
 * The chart's band for a duration of the cheapest-window form: its window
 * under its label, or none. For the server's first render and the form's
 * changes alike (a plain module: the store's hook may not reach a server
 * component).
 */
export function highlightOf(option: WindowOption | undefined): HighlightedWindow {
  if (option?.answer.kind !== 'found') return null;
  return { start: option.answer.start, end: option.answer.end, label: option.band };
}
