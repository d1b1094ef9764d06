import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import { dayStats } from '@/lib/prices/stats';
import { answerWindow, CheapestWindowAnswer, type WindowQuery } from './cheapest-window-answer';

const HOUR = 3_600_000;
const DAY = '2026-11-23';
const T0 = startOfBerlinDay(DAY);

function query(overrides: Partial<WindowQuery> = {}): WindowQuery {
  // 20 ct all day, 10 ct from 02:00 to 04:00 tomorrow.
  const intervals = makeIntervals(DAY, { days: 2, amount: (i) => (i >= 104 && i < 112 ? 10 : 20) });
  return {
    intervals,
    from: T0 + 12 * HOUR,
    live: true,
    date: DAY,
    durationMinutes: 120,
    kind: 'consumption',
    dayAverages: { [DAY]: dayStats(intervals, DAY).average, '2026-11-24': dayStats(intervals, '2026-11-24').average },
    nextDayPublished: true,
    ...overrides,
  };
}

describe('answerWindow', () => {
  it('names tomorrow and compares with running now and with tomorrow’s average', () => {
    const answer = answerWindow(query());
    expect(answer.dayLabel).toBe('Tomorrow, Tue 24 Nov');
    expect(answer.vsNow).toEqual({ ct: 10, percent: 50 });
    expect(answer.vsDay?.ct).toBeCloseTo((10 * 8 + 20 * 88) / 96 - 10);
    const html = renderToStaticMarkup(<CheapestWindowAnswer answer={answer} kind="consumption" live nextDayPublished />);
    expect(html).toContain('02:00–04:00');
    expect(html).toContain('10,00 ct/kWh (50 %)</strong> cheaper than running now');
  });

  it('has no "now" comparison for a past day', () => {
    const answer = answerWindow(query({ live: false, from: T0 }));
    expect(answer.vsNow).toBeNull();
    expect(answer.dayLabel).toBe('Tue 24 Nov');
  });

  it('says "start now" instead of comparing now with itself', () => {
    const answer = answerWindow(query({ from: T0 + 26 * HOUR + 5 * 60_000, date: '2026-11-24' }));
    expect(answer.result).toMatchObject({ kind: 'found', startsNow: true });
    const html = renderToStaticMarkup(<CheapestWindowAnswer answer={answer} kind="consumption" live nextDayPublished />);
    expect(html).toContain('Now is the cheapest time to start.');
  });

  it('finds the best-paid window for feed-in', () => {
    const answer = answerWindow(query({ kind: 'feed_in' }));
    expect(answer.result).toMatchObject({ kind: 'found', start: T0 + 12 * HOUR, startsNow: true });
  });
});
