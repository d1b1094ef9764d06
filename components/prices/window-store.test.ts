import { afterEach, describe, expect, it } from 'vitest';

import { clearWindow, hasWindow, publishWindow, subscribeWindows } from './window-store';

const KEY = 'window-2026-11-23';
const WINDOW = { start: 1, end: 2, label: 'Cheapest 2 hrs' };

afterEach(() => clearWindow(KEY));

describe('window store', () => {
  it('tells the chart only about changes: the same window again, or clearing nothing, re-renders nothing', () => {
    let calls = 0;
    const unsubscribe = subscribeWindows(() => (calls += 1));
    clearWindow(KEY);
    expect(calls).toBe(0);
    publishWindow(KEY, WINDOW);
    publishWindow(KEY, { ...WINDOW });
    expect(calls).toBe(1);
    publishWindow(KEY, { ...WINDOW, end: 3 });
    publishWindow(KEY, null);
    expect(calls).toBe(3);
    expect(hasWindow(KEY)).toBe(true);
    clearWindow(KEY);
    expect(hasWindow(KEY)).toBe(false);
    expect(calls).toBe(4);
    unsubscribe();
  });
});
