import { describe, expect, it } from 'vitest';
import {
  addDays,
  berlinDate,
  berlinTimeOn,
  berlinOffsetMs,
  berlinZoneName,
  datesBetween,
  berlinParts,
  dayLengthMs,
  endOfBerlinDay,
  expectedIntervals,
  hourStarts,
  isAmbiguousBerlinTime,
  isRequestableDate,
  isValidDate,
  startOfBerlinDay,
} from './berlin-time';

const HOUR = 3_600_000;

describe('isRequestableDate', () => {
  it.each(['0000-01-01', '0001-01-01', '1999-12-31', '2018-09-30', '2100-01-01', '9999-12-31', '2026-02-30'])(
    'refuses %s from the network',
    (date) => expect(isRequestableDate(date)).toBe(false),
  );
  it.each(['2018-10-01', '2026-11-24', '2099-12-31'])('accepts %s', (date) =>
    expect(isRequestableDate(date)).toBe(true),
  );
});

describe('isValidDate', () => {
  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-1',
    '26-01-01',
    '',
    'today',
    '2026-01-01T00:00',
  ])('rejects %j', (date) => expect(isValidDate(date)).toBe(false));
  it.each(['2026-01-01', '2028-02-29', '2026-12-31', '2026-03-29', '2026-10-25'])('accepts %s', (date) =>
    expect(isValidDate(date)).toBe(true),
  );
});

describe('startOfBerlinDay', () => {
  it('throws on a date that does not exist rather than rolling over', () => {
    expect(() => startOfBerlinDay('2026-02-30')).toThrow(RangeError);
  });
  it('is 23:00 UTC the day before in winter', () => {
    expect(startOfBerlinDay('2026-11-23')).toBe(Date.UTC(2026, 10, 22, 23));
  });
  it('is 22:00 UTC the day before in summer', () => {
    expect(startOfBerlinDay('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 22));
  });
  it('uses the offset of midnight itself on both DST days', () => {
    expect(startOfBerlinDay('2026-03-29')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfBerlinDay('2026-03-30')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(startOfBerlinDay('2026-10-25')).toBe(Date.UTC(2026, 9, 24, 22));
    expect(startOfBerlinDay('2026-10-26')).toBe(Date.UTC(2026, 9, 25, 23));
  });
  it('crosses the year boundary in UTC', () => {
    expect(startOfBerlinDay('2027-01-01')).toBe(Date.UTC(2026, 11, 31, 23));
  });
});

describe('berlinDate', () => {
  it('puts 23:30 UTC on New Year’s Eve into the new Berlin year', () => {
    expect(berlinDate(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027-01-01');
  });
  it('puts the last millisecond before Berlin midnight on the old day', () => {
    expect(berlinDate(startOfBerlinDay('2026-10-26') - 1)).toBe('2026-10-25');
    expect(berlinDate(startOfBerlinDay('2026-10-26'))).toBe('2026-10-26');
  });
  it('round-trips with startOfBerlinDay for every day of two years', () => {
    for (let date = '2026-01-01'; date !== '2028-01-01'; date = addDays(date, 1)) {
      expect(berlinDate(startOfBerlinDay(date))).toBe(date);
      expect(berlinDate(endOfBerlinDay(date) - 1)).toBe(date);
    }
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });
});

describe('dayLengthMs and expectedIntervals', () => {
  it('the spring DST day has 23 hours: 92 quarter hours, 23 hours', () => {
    expect(dayLengthMs('2026-03-29')).toBe(23 * HOUR);
    expect(expectedIntervals('2026-03-29', '15min')).toBe(92);
    expect(expectedIntervals('2026-03-29', 'hourly')).toBe(23);
  });
  it('the autumn DST day has 25 hours: 100 quarter hours, 25 hours', () => {
    expect(dayLengthMs('2026-10-25')).toBe(25 * HOUR);
    expect(expectedIntervals('2026-10-25', '15min')).toBe(100);
    expect(expectedIntervals('2026-10-25', 'hourly')).toBe(25);
  });
  it('a normal day has 24 hours: 96 quarter hours', () => {
    for (const date of ['2026-03-28', '2026-03-30', '2026-10-24', '2026-10-26', '2026-12-31', '2027-01-01']) {
      expect(dayLengthMs(date)).toBe(24 * HOUR);
      expect(expectedIntervals(date, '15min')).toBe(96);
      expect(expectedIntervals(date, 'hourly')).toBe(24);
    }
  });
});

describe('zones and the repeated hour', () => {
  const autumn = startOfBerlinDay('2026-10-25');
  it('names the zone by offset', () => {
    expect(berlinOffsetMs(Date.UTC(2026, 0, 15))).toBe(HOUR);
    expect(berlinZoneName(Date.UTC(2026, 0, 15))).toBe('CET');
    expect(berlinZoneName(Date.UTC(2026, 6, 15))).toBe('CEST');
  });
  it('marks both 02:15 of the autumn day as ambiguous, and nothing else', () => {
    const first = autumn + 2 * HOUR + 15 * 60_000; // 02:15 CEST
    const second = first + HOUR; // 02:15 CET
    expect(isAmbiguousBerlinTime(first)).toBe(true);
    expect(isAmbiguousBerlinTime(second)).toBe(true);
    expect(berlinZoneName(first)).toBe('CEST');
    expect(berlinZoneName(second)).toBe('CET');
    expect(isAmbiguousBerlinTime(autumn + HOUR)).toBe(false); // 01:00
    expect(isAmbiguousBerlinTime(autumn + 4 * HOUR)).toBe(false); // 03:00 CET
    expect(isAmbiguousBerlinTime(startOfBerlinDay('2026-03-29') + 2 * HOUR)).toBe(false); // 03:00 CEST
    expect(isAmbiguousBerlinTime(Date.UTC(2026, 5, 1, 12))).toBe(false);
  });
});

describe('datesBetween and hourStarts', () => {
  it('lists the dates of a half-open range', () => {
    expect(datesBetween(startOfBerlinDay('2026-12-31'), endOfBerlinDay('2027-01-01'))).toEqual([
      '2026-12-31',
      '2027-01-01',
    ]);
    expect(datesBetween(startOfBerlinDay('2026-12-31'), startOfBerlinDay('2026-12-31'))).toEqual([]);
  });
  it('has 23 and 25 full hours on the DST days', () => {
    expect(hourStarts(startOfBerlinDay('2026-03-29'), endOfBerlinDay('2026-03-29'))).toHaveLength(23);
    expect(hourStarts(startOfBerlinDay('2026-10-25'), endOfBerlinDay('2026-10-25'))).toHaveLength(25);
  });
});

describe('berlinParts, read once per UTC hour', () => {
  it('agrees with Intl on every minute around both DST changes and a leap day', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    for (const from of ['2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z', '2028-02-28T20:00:00Z']) {
      for (let ms = Date.parse(from); ms < Date.parse(from) + 8 * 3_600_000; ms += 60_000 + 7_000) {
        const expected = Object.fromEntries(
          intl
            .formatToParts(ms)
            .filter((part) => part.type !== 'literal')
            .map((part) => [part.type, Number(part.value)]),
        );
        expect(berlinParts(ms)).toEqual(expected);
      }
    }
  });
});

describe('berlinTimeOn', () => {
  it('refuses a time that is not HH:MM and a date that does not exist', () => {
    expect(() => berlinTimeOn('2026-11-24', '7:00')).toThrow(RangeError);
    expect(() => berlinTimeOn('2026-11-24', '24:00')).toThrow(RangeError);
    expect(() => berlinTimeOn('2026-02-30', '07:00')).toThrow(RangeError);
  });

  it('reads the wall-clock time in winter and summer', () => {
    expect(berlinTimeOn('2026-11-24', '07:00')).toBe(Date.parse('2026-11-24T06:00:00Z'));
    expect(berlinTimeOn('2026-07-01', '14:20')).toBe(Date.parse('2026-07-01T12:20:00Z'));
    expect(berlinTimeOn('2026-07-01', '00:00')).toBe(startOfBerlinDay('2026-07-01'));
    expect(berlinTimeOn('2026-07-01', '00:30')).toBe(Date.parse('2026-06-30T22:30:00Z'));
  });

  it('takes the first of a repeated time, and the jump for a skipped one: never later than meant', () => {
    expect(berlinTimeOn('2026-03-29', '07:00')).toBe(Date.parse('2026-03-29T05:00:00Z'));
    expect(berlinTimeOn('2026-03-29', '01:30')).toBe(Date.parse('2026-03-29T00:30:00Z'));
    expect(berlinTimeOn('2026-03-29', '02:30')).toBe(Date.parse('2026-03-29T01:00:00Z')); // 03:00 CEST
    expect(berlinTimeOn('2026-10-25', '07:00')).toBe(Date.parse('2026-10-25T06:00:00Z'));
    expect(berlinTimeOn('2026-10-25', '02:30')).toBe(Date.parse('2026-10-25T00:30:00Z')); // 02:30 CEST
    expect(berlinTimeOn('2026-10-25', '01:59')).toBe(Date.parse('2026-10-24T23:59:00Z'));
  });
});
