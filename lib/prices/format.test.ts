import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from './berlin-time';
import {
  MINUS,
  formatClock,
  formatDate,
  formatDuration,
  formatPercent,
  formatPrice,
  formatPriceNumber,
  formatPriceOrMissing,
  formatShortDate,
  formatTime,
  formatTimeRange,
  formatWeekday,
} from './format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatPrice', () => {
  it('never renders a missing price as zero', () => {
    expect(formatPriceOrMissing(null)).toBe('no price yet');
    expect(formatPriceOrMissing(null, '—')).toBe('—');
    expect(formatPriceOrMissing(0)).toBe('0,00 ct/kWh');
  });
  it('uses a real minus sign for negative prices', () => {
    expect(formatPrice(-3.1)).toBe(`${MINUS}3,10 ct/kWh`);
    expect(formatPriceNumber(-0.5)).toBe(`${MINUS}0,50`);
  });
  it('does not print "−0,00" for a tiny negative price', () => {
    expect(formatPrice(-0.001)).toBe('0,00 ct/kWh');
  });
  it('uses a decimal comma and two decimals', () => {
    expect(formatPrice(12.345)).toBe('12,35 ct/kWh');
    expect(formatPrice(0)).toBe('0,00 ct/kWh');
    expect(formatPriceNumber(1234.5)).toBe('1.234,50');
  });
});

describe('formatTime', () => {
  const autumn = startOfBerlinDay('2026-10-25');
  it('names the zone in the repeated autumn hour so both 02:15 read differently', () => {
    expect(formatTime(autumn + 2 * HOUR + 15 * MIN)).toBe('02:15 (CEST)');
    expect(formatTime(autumn + 3 * HOUR + 15 * MIN)).toBe('02:15 (CET)');
  });
  it('is a plain 24-hour Berlin time otherwise', () => {
    expect(formatTime(Date.UTC(2026, 10, 23, 13, 15))).toBe('14:15');
    expect(formatTime(Date.UTC(2026, 6, 1, 12, 0))).toBe('14:00');
    expect(formatTime(startOfBerlinDay('2026-11-23'))).toBe('00:00');
    expect(formatTime(autumn + HOUR + 45 * MIN)).toBe('01:45');
    expect(formatClock(autumn + 3 * HOUR)).toBe('02:00');
  });
  it('jumps from 02:00 to 03:00 on the spring day', () => {
    const spring = startOfBerlinDay('2026-03-29');
    expect(formatTime(spring + 2 * HOUR - 15 * MIN)).toBe('01:45');
    expect(formatTime(spring + 2 * HOUR)).toBe('03:00');
  });
});

describe('formatTimeRange', () => {
  const autumn = startOfBerlinDay('2026-10-25');
  it('names the zone once when both ends are in the same repeated hour', () => {
    expect(formatTimeRange(autumn + 2 * HOUR + 15 * MIN, autumn + 2 * HOUR + 30 * MIN)).toBe('02:15–02:30 (CEST)');
    expect(formatTimeRange(autumn + 3 * HOUR + 15 * MIN, autumn + 3 * HOUR + 30 * MIN)).toBe('02:15–02:30 (CET)');
  });
  it('names each zone when the range crosses the change', () => {
    expect(formatTimeRange(autumn + 2 * HOUR + 45 * MIN, autumn + 3 * HOUR)).toBe('02:45 (CEST)–02:00 (CET)');
    expect(formatTimeRange(autumn + 2 * HOUR, autumn + 3 * HOUR)).toBe('02:00 (CEST)–02:00 (CET)');
  });
  it('is "14:15–14:30" on ordinary times, with an en dash', () => {
    expect(formatTimeRange(Date.UTC(2026, 10, 23, 13, 15), Date.UTC(2026, 10, 23, 13, 30))).toBe('14:15–14:30');
    expect(formatTimeRange(Date.UTC(2026, 10, 23, 22, 45), Date.UTC(2026, 10, 23, 23, 0))).toBe('23:45–00:00');
  });
});

describe('formatDate', () => {
  it('rejects invalid dates instead of rolling over', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
  });
  it('writes English names in en-GB order', () => {
    expect(formatDate('2026-11-23')).toBe('Monday, 23 November 2026');
    expect(formatDate('2027-01-01')).toBe('Friday, 1 January 2027');
    expect(formatShortDate('2026-11-23')).toBe('Mon 23 Nov');
    expect(formatWeekday('2026-10-25')).toBe('Sunday');
  });
});

describe('formatDuration', () => {
  it('writes hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(15)).toBe('15 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(90)).toBe('1 h 30 min');
    expect(formatDuration(195)).toBe('3 h 15 min');
    expect(formatDuration(-30)).toBe(`${MINUS}30 min`);
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent with a minus sign', () => {
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(12.4)).toBe('12 %');
    expect(formatPercent(-5.2)).toBe(`${MINUS}5 %`);
    expect(formatPercent(-0.2)).toBe('0 %');
  });
});
