import { describe, expect, it } from 'vitest';

import { startOfBerlinDay } from '@/lib/prices/berlin-time';

import { formatFor, MINUS } from './format';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The no-break space between a number and its unit: "12,34 ct/kWh" never wraps. */
const NB = '\u00a0';

const de = formatFor('de');
const en = formatFor('en');

describe('formatFor', () => {
  it('builds one formatter per language and names it', () => {
    expect(formatFor('de')).toBe(de);
    expect(de.locale).toBe('de');
    expect(en.locale).toBe('en');
  });
});

describe('price', () => {
  it('uses a decimal comma in German and a decimal point in English, with two decimals', () => {
    expect(de.price(12.345)).toBe(`12,35${NB}ct/kWh`);
    expect(en.price(12.345)).toBe(`12.35${NB}ct/kWh`);
    expect(de.price(0)).toBe(`0,00${NB}ct/kWh`);
    expect(en.price(0)).toBe(`0.00${NB}ct/kWh`);
  });
  it('groups thousands the local way in table cells', () => {
    expect(de.priceNumber(1234.5)).toBe('1.234,50');
    expect(en.priceNumber(1234.5)).toBe('1,234.50');
  });
  it('uses a real minus sign for negative prices', () => {
    expect(de.price(-3.1)).toBe(`${MINUS}3,10${NB}ct/kWh`);
    expect(en.price(-3.1)).toBe(`${MINUS}3.10${NB}ct/kWh`);
    expect(de.priceNumber(-0.5)).toBe(`${MINUS}0,50`);
    expect(en.priceNumber(-0.5)).toBe(`${MINUS}0.50`);
    expect(de.price(-3.1)).not.toContain('-');
  });
  it('does not print "−0,00" for a tiny negative price', () => {
    expect(de.price(-0.001)).toBe(`0,00${NB}ct/kWh`);
    expect(en.price(-0.001)).toBe(`0.00${NB}ct/kWh`);
    expect(de.priceNumber(-0.004)).toBe('0,00');
  });
});

describe('time', () => {
  const autumn = startOfBerlinDay('2026-10-25');
  it('names the zone in the repeated autumn hour so both 02:15 read differently, in each language', () => {
    expect(en.time(autumn + 2 * HOUR + 15 * MIN)).toBe('02:15 (CEST)');
    expect(en.time(autumn + 3 * HOUR + 15 * MIN)).toBe('02:15 (CET)');
    expect(de.time(autumn + 2 * HOUR + 15 * MIN)).toBe('02:15 (MESZ)');
    expect(de.time(autumn + 3 * HOUR + 15 * MIN)).toBe('02:15 (MEZ)');
  });
  it('is a plain 24-hour Berlin time otherwise, in both languages', () => {
    for (const format of [de, en]) {
      expect(format.time(Date.UTC(2026, 10, 23, 13, 15))).toBe('14:15');
      expect(format.time(Date.UTC(2026, 6, 1, 12, 0))).toBe('14:00');
      expect(format.time(startOfBerlinDay('2026-11-23'))).toBe('00:00');
      expect(format.time(autumn + HOUR + 45 * MIN)).toBe('01:45');
      expect(format.clock(autumn + 3 * HOUR)).toBe('02:00');
      expect(format.clock(autumn + 2 * HOUR + 15 * MIN)).toBe('02:15');
    }
  });
  it('jumps from 02:00 to 03:00 on the spring day', () => {
    const spring = startOfBerlinDay('2026-03-29');
    for (const format of [de, en]) {
      expect(format.time(spring + 2 * HOUR - 15 * MIN)).toBe('01:45');
      expect(format.time(spring + 2 * HOUR)).toBe('03:00');
    }
  });
});

describe('timeRange', () => {
  const autumn = startOfBerlinDay('2026-10-25');
  it('names the zone once when both ends are in the same repeated hour', () => {
    expect(en.timeRange(autumn + 2 * HOUR + 15 * MIN, autumn + 2 * HOUR + 30 * MIN)).toBe('02:15–02:30 (CEST)');
    expect(en.timeRange(autumn + 3 * HOUR + 15 * MIN, autumn + 3 * HOUR + 30 * MIN)).toBe('02:15–02:30 (CET)');
    expect(de.timeRange(autumn + 2 * HOUR + 15 * MIN, autumn + 2 * HOUR + 30 * MIN)).toBe('02:15–02:30 (MESZ)');
    expect(de.timeRange(autumn + 3 * HOUR + 15 * MIN, autumn + 3 * HOUR + 30 * MIN)).toBe('02:15–02:30 (MEZ)');
  });
  it('names each zone when the range crosses the change', () => {
    expect(en.timeRange(autumn + 2 * HOUR + 45 * MIN, autumn + 3 * HOUR)).toBe('02:45 (CEST)–02:00 (CET)');
    expect(en.timeRange(autumn + 2 * HOUR, autumn + 3 * HOUR)).toBe('02:00 (CEST)–02:00 (CET)');
    expect(de.timeRange(autumn + 2 * HOUR + 45 * MIN, autumn + 3 * HOUR)).toBe('02:45 (MESZ)–02:00 (MEZ)');
    expect(de.timeRange(autumn + 2 * HOUR, autumn + 3 * HOUR)).toBe('02:00 (MESZ)–02:00 (MEZ)');
  });
  it('is "14:15–14:30" on ordinary times, with an en dash', () => {
    for (const format of [de, en]) {
      expect(format.timeRange(Date.UTC(2026, 10, 23, 13, 15), Date.UTC(2026, 10, 23, 13, 30))).toBe('14:15–14:30');
      expect(format.timeRange(Date.UTC(2026, 10, 23, 22, 45), Date.UTC(2026, 10, 23, 23, 0))).toBe('23:45–00:00');
    }
  });
});

describe('date', () => {
  it('rejects invalid dates instead of rolling over', () => {
    for (const format of [de, en]) {
      expect(() => format.date('2026-02-30')).toThrow(RangeError);
      expect(() => format.shortDate('2026-13-01')).toThrow(RangeError);
      expect(() => format.weekday('23.11.2026')).toThrow(RangeError);
    }
  });
  it('writes German names in German order', () => {
    expect(de.date('2026-11-23')).toBe('Montag, 23. November 2026');
    expect(de.date('2027-01-01')).toBe('Freitag, 1. Januar 2027');
    expect(de.shortDate('2026-11-23')).toBe('Mo. 23. Nov.');
    expect(de.weekday('2026-10-25')).toBe('Sonntag');
  });
  it('writes English names in en-GB order', () => {
    expect(en.date('2026-11-23')).toBe('Monday, 23 November 2026');
    expect(en.date('2027-01-01')).toBe('Friday, 1 January 2027');
    expect(en.shortDate('2026-11-23')).toBe('Mon 23 Nov');
    expect(en.weekday('2026-10-25')).toBe('Sunday');
  });
  it('keeps the calendar day on the DST days', () => {
    expect(de.date('2026-03-29')).toBe('Sonntag, 29. März 2026');
    expect(en.date('2026-10-25')).toBe('Sunday, 25 October 2026');
  });
});

describe('duration', () => {
  it('writes hours and minutes in German', () => {
    expect(de.duration(0)).toBe('0 Min.');
    expect(de.duration(15)).toBe('15 Min.');
    expect(de.duration(60)).toBe('1 Std.');
    expect(de.duration(90)).toBe('1 Std. 30 Min.');
    expect(de.duration(195)).toBe('3 Std. 15 Min.');
    expect(de.duration(-30)).toBe(`${MINUS}30 Min.`);
  });
  it('writes hours and minutes in English', () => {
    expect(en.duration(0)).toBe('0 mins');
    expect(en.duration(15)).toBe('15 mins');
    expect(en.duration(60)).toBe('1 hr');
    expect(en.duration(90)).toBe('1 hr 30 mins');
    expect(en.duration(195)).toBe('3 hrs 15 mins');
    expect(en.duration(-30)).toBe(`${MINUS}30 mins`);
  });
  it('rounds to whole minutes', () => {
    expect(de.duration(44.6)).toBe('45 Min.');
    expect(en.duration(119.7)).toBe('2 hrs');
  });
});

describe('percent', () => {
  it('rounds to whole percent with a minus sign, "12 %" in German and "12%" in English', () => {
    expect(de.percent(0)).toBe(`0${NB}%`);
    expect(de.percent(12.4)).toBe(`12${NB}%`);
    expect(de.percent(-5.2)).toBe(`${MINUS}5${NB}%`);
    expect(de.percent(-0.2)).toBe(`0${NB}%`);
    expect(en.percent(0)).toBe('0%');
    expect(en.percent(12.4)).toBe('12%');
    expect(en.percent(-5.2)).toBe(`${MINUS}5%`);
    expect(en.percent(-0.2)).toBe('0%');
  });
});

describe('euro', () => {
  it('puts the euro sign after the amount in German and before it in English', () => {
    expect(de.euro(123)).toBe(`1,23${NB}€`);
    expect(en.euro(123)).toBe('€1.23');
    expect(de.euro(123_456)).toBe(`1.234,56${NB}€`);
    expect(en.euro(123_456)).toBe('€1,234.56');
  });
  it('uses a real minus sign and no "−0,00 €"', () => {
    expect(de.euro(-123)).toBe(`${MINUS}1,23${NB}€`);
    expect(en.euro(-123)).toBe(`${MINUS}€1.23`);
    expect(de.euro(-0.1)).toBe(`0,00${NB}€`);
    expect(en.euro(-0.1)).toBe('€0.00');
  });
  it('writes bare amounts for cells under a "€" header', () => {
    expect(de.euroNumber(-50)).toBe(`${MINUS}0,50`);
    expect(en.euroNumber(123_456)).toBe('1,234.56');
  });
});

describe('kwh', () => {
  it('writes energy with two decimals and the meter reading with three', () => {
    expect(de.kwh(12.345)).toBe(`12,35${NB}kWh`);
    expect(en.kwh(12.345)).toBe(`12.35${NB}kWh`);
    expect(de.kwhNumber(0.1234)).toBe('0,123');
    expect(en.kwhNumber(0.1234)).toBe('0.123');
  });
  it('uses the real minus sign and never reads "−0,000"', () => {
    expect(de.kwh(-1.5)).toBe(`${MINUS}1,50${NB}kWh`);
    expect(en.kwhNumber(-0.25)).toBe(`${MINUS}0.250`);
    expect(de.kwhNumber(-0.0001)).toBe('0,000');
  });
});
