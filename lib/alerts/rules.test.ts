import { describe, expect, it } from 'vitest';

import { addDays, berlinTimeOn, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { loadWindows } from '@/lib/prices/load-windows';
import type { PriceSeries } from '@/lib/prices/types';

import { defaultAlertSettings, type AlertSettings } from './alert-settings';
import { pushPayloadSchema } from './push';
import { dueAlerts, isQuietTime, quietStretchAt, type DueAlert } from './rules';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NB = '\u00a0';

/** Berlin wall-clock time on a date. */
const at = berlinTimeOn;

type Cheap = { from: number; to: number; amount: number | null };

/**
 * Prices of `days` Berlin days from `date`: 30 ct/kWh, except in the given
 * stretches (absolute times, later ones win).
 */
function prices(date: string, days: number, stretches: Cheap[] = [], resolution: '15min' | 'hourly' = '15min') {
  return makeSeries(
    makeIntervals(date, {
      days,
      resolution,
      amount: (_index, start) => {
        let amount: number | null = 30;
        for (const stretch of stretches) if (start >= stretch.from && start < stretch.to) amount = stretch.amount;
        return amount;
      },
    }),
    resolution,
  );
}

/** Settings with one kind of alert on at a time, quiet hours off, unless changed. */
function settings(change: (base: AlertSettings) => void = () => undefined, locale: 'en' | 'de' = 'en'): AlertSettings {
  const base = defaultAlertSettings(locale, 'sub-1');
  base.tomorrowPublished = false;
  base.cheapWindow = { enabled: false, leadMinutes: 30 };
  base.threshold = { enabled: false, mode: 'absolute', ctPerKwh: 10, percentBelowAverage: 20 };
  base.quietHours = { enabled: false, from: '22:00', to: '07:00' };
  change(base);
  return base;
}

const due = (s: AlertSettings, series: PriceSeries, now: number) => dueAlerts({ settings: s, prices: series, now });
const keys = (alerts: DueAlert[]) => alerts.map((alert) => alert.eventKey);

describe('quiet hours', () => {
  const overnight = { enabled: true, from: '22:00', to: '07:00' };

  it('are never quiet when off, or when from equals to', () => {
    expect(isQuietTime({ ...overnight, enabled: false }, at('2026-11-24', '23:00'))).toBe(false);
    expect(isQuietTime({ enabled: true, from: '07:00', to: '07:00' }, at('2026-11-24', '07:00'))).toBe(false);
  });

  it('span midnight: quiet from `from` up to, not including, `to`', () => {
    expect(isQuietTime(overnight, at('2026-11-24', '21:59'))).toBe(false);
    expect(isQuietTime(overnight, at('2026-11-24', '22:00'))).toBe(true);
    expect(isQuietTime(overnight, at('2026-11-25', '03:00'))).toBe(true);
    expect(isQuietTime(overnight, at('2026-11-25', '06:59'))).toBe(true);
    expect(isQuietTime(overnight, at('2026-11-25', '07:00'))).toBe(false);
  });

  it('within one day, too', () => {
    const noon = { enabled: true, from: '12:00', to: '14:00' };
    expect(isQuietTime(noon, at('2026-11-24', '11:59'))).toBe(false);
    expect(isQuietTime(noon, at('2026-11-24', '13:00'))).toBe(true);
    expect(isQuietTime(noon, at('2026-11-24', '14:00'))).toBe(false);
  });

  it('find the stretch around a moment on either side of midnight, and none outside', () => {
    const stretch = { start: at('2026-11-24', '22:00'), end: at('2026-11-25', '07:00') };
    expect(quietStretchAt(overnight, at('2026-11-24', '23:30'))).toEqual(stretch);
    expect(quietStretchAt(overnight, at('2026-11-25', '01:00'))).toEqual(stretch);
    expect(quietStretchAt(overnight, at('2026-11-25', '12:00'))).toBeNull();
  });

  it('follow the wall clock over the DST nights (8 and 10 hours long)', () => {
    expect(quietStretchAt(overnight, at('2026-03-29', '01:00'))).toEqual({
      start: Date.parse('2026-03-28T21:00:00Z'),
      end: Date.parse('2026-03-29T05:00:00Z'),
    });
    const autumn = quietStretchAt(overnight, at('2026-10-25', '01:00'))!;
    expect(autumn.end - autumn.start).toBe(10 * HOUR);
  });
});

describe('tomorrow’s prices are published', () => {
  const today = '2026-11-24';
  // Tomorrow: cheapest 03:00–04:00 (4 ct), dearest 18:00–19:00 (50 ct).
  const series = prices(today, 2, [
    { from: at('2026-11-25', '03:00'), to: at('2026-11-25', '04:00'), amount: 4 },
    { from: at('2026-11-25', '18:00'), to: at('2026-11-25', '19:00'), amount: 50 },
  ]);
  const on = settings((s) => (s.tomorrowPublished = true));

  it('is not sent when switched off, before 14:20, or while tomorrow has no prices', () => {
    expect(due(settings(), series, at(today, '15:00'))).toEqual([]);
    expect(due(on, series, at(today, '14:19'))).toEqual([]);
    expect(due(on, prices(today, 1), at(today, '16:00'))).toEqual([]);
  });

  it('from 14:20 summarises tomorrow: its cheapest and dearest hour and its average, one event per day', () => {
    const alerts = due(on, series, at(today, '14:20'));
    expect(alerts).toEqual([
      {
        eventKey: 'published:2026-11-25',
        kind: 'prices-published',
        expiresAt: startOfBerlinDay('2026-11-26'),
        payload: {
          title: 'Prices for Wed 25 Nov',
          body: `Cheapest hour 03:00–04:00 at 4.00${NB}ct/kWh, dearest 18:00–19:00 at 50.00${NB}ct/kWh. Day average 29.75${NB}ct/kWh.`,
          url: '/dashboard?date=2026-11-25',
          tag: 'prices-2026-11-25',
          lang: 'en',
        },
      },
    ]);
    expect(pushPayloadSchema.safeParse(alerts[0]!.payload).success).toBe(true);
    // Later runs that day name the same event: the claim makes it one alert.
    expect(keys(due(on, series, at(today, '21:00')))).toEqual(['published:2026-11-25']);
  });

  it('speaks German with decimal commas', () => {
    const german = settings((s) => (s.tomorrowPublished = true), 'de');
    const [alert] = due(german, series, at(today, '15:00'));
    expect(alert?.payload).toMatchObject({
      title: 'Preise für Mi. 25. Nov.',
      body: `Günstigste Stunde 03:00–04:00 mit 4,00${NB}ct/kWh, teuerste 18:00–19:00 mit 50,00${NB}ct/kWh. Tagesdurchschnitt 29,75${NB}ct/kWh.`,
      lang: 'de',
    });
  });

  it('waits for the end of the quiet hours', () => {
    const quiet = settings((s) => {
      s.tomorrowPublished = true;
      s.quietHours = { enabled: true, from: '14:00', to: '16:00' };
    });
    expect(due(quiet, series, at(today, '15:59'))).toEqual([]);
    expect(keys(due(quiet, series, at(today, '16:00')))).toEqual(['published:2026-11-25']);
  });

  it('held back past midnight by quiet hours that began before 14:20, comes at their end as today’s', () => {
    const longQuiet = settings((s) => {
      s.tomorrowPublished = true;
      s.quietHours = { enabled: true, from: '13:00', to: '08:00' };
    });
    const next = prices('2026-11-25', 1, [
      { from: at('2026-11-25', '03:00'), to: at('2026-11-25', '04:00'), amount: 4 },
    ]);
    expect(due(longQuiet, series, at(today, '23:59'))).toEqual([]);
    expect(due(longQuiet, next, at('2026-11-25', '07:59'))).toEqual([]);
    const [alert] = due(longQuiet, next, at('2026-11-25', '08:00'));
    expect(alert?.eventKey).toBe('published:2026-11-25');
    expect(alert?.payload.title).toBe('Prices for Wed 25 Nov');
    // Quiet hours that began after 14:20 did not hold it back: it went out at 14:20.
    const evening = settings((s) => {
      s.tomorrowPublished = true;
      s.quietHours = { enabled: true, from: '22:00', to: '08:00' };
    });
    expect(due(evening, next, at('2026-11-25', '08:00'))).toEqual([]);
  });

  it('is right for the DST days: 23 hours in spring, 25 in autumn with the repeated hour named', () => {
    const spring = prices('2026-03-28', 2, [
      { from: at('2026-03-29', '03:00'), to: at('2026-03-29', '04:00'), amount: 2 },
    ]);
    expect(spring.intervals.filter((i) => i.start >= startOfBerlinDay('2026-03-29'))).toHaveLength(92);
    const [springAlert] = due(on, spring, at('2026-03-28', '14:20'));
    expect(springAlert?.payload.body).toBe(
      `Cheapest hour 03:00–04:00 at 2.00${NB}ct/kWh, dearest 00:00–01:00 at 30.00${NB}ct/kWh. Day average 28.78${NB}ct/kWh.`,
    );

    // The second 02:00 (CET) is the cheapest hour, and the first (CEST) the dearest.
    const second = Date.parse('2026-10-25T01:00:00Z');
    const first = Date.parse('2026-10-25T00:00:00Z');
    const autumn = prices('2026-10-24', 2, [
      { from: second, to: second + HOUR, amount: 1 },
      { from: first, to: first + HOUR, amount: 60 },
    ]);
    expect(autumn.intervals.filter((i) => i.start >= startOfBerlinDay('2026-10-25'))).toHaveLength(100);
    const [autumnAlert] = due(on, autumn, at('2026-10-24', '15:00'));
    expect(autumnAlert?.payload.body).toBe(
      `Cheapest hour 02:00–03:00 (CET) at 1.00${NB}ct/kWh, dearest 02:00 (CEST)–02:00 (CET) at 60.00${NB}ct/kWh. Day average 30.04${NB}ct/kWh.`,
    );
  });
});

describe('a load’s cheapest window starts soon', () => {
  const today = '2026-11-24';
  const tomorrow = '2026-11-25';
  // Tomorrow 03:00–05:00 is the cheapest time of the dishwasher (2 h, done by 07:00).
  const series = prices(today, 2, [{ from: at(tomorrow, '03:00'), to: at(tomorrow, '05:00'), amount: 5 }]);
  const on = settings((s) => (s.cheapWindow = { enabled: true, leadMinutes: 30 }));

  it('is not sent when switched off, or before the lead time', () => {
    expect(due(settings(), series, at(tomorrow, '02:45'))).toEqual([]);
    expect(due(on, series, at(today, '15:00'))).toEqual([]);
    expect(due(on, series, at(tomorrow, '02:29'))).toEqual([]);
  });

  it('is sent from `leadMinutes` before the window until it starts, one event per load and start', () => {
    const alerts = due(on, series, at(tomorrow, '02:30'));
    expect(alerts).toEqual([
      {
        eventKey: 'window:dishwasher:2026-11-25T02:00:00.000Z',
        kind: 'cheap-window',
        expiresAt: at(tomorrow, '03:00'),
        payload: {
          title: 'Dishwasher: cheapest start at 03:00',
          body: `2 hrs, 03:00–05:00, at an average of 5.00${NB}ct/kWh: done before 07:00.`,
          url: '/dashboard?duration=120',
          tag: 'window-dishwasher',
          lang: 'en',
        },
      },
    ]);
    expect(pushPayloadSchema.safeParse(alerts[0]!.payload).success).toBe(true);
    expect(keys(due(on, series, at(tomorrow, '02:59')))).toEqual(keys(alerts));
  });

  it('once the window has begun, does not announce the best of what remains', () => {
    expect(due(on, series, at(tomorrow, '03:00'))).toEqual([]);
    expect(due(on, series, at(tomorrow, '04:50'))).toEqual([]);
    // 03:00–05:00 is the plan at 02:30; from 03:20 on, 03:30–05:30 is the cheapest window still ahead.
    const night = [
      { from: at(tomorrow, '03:00'), to: at(tomorrow, '05:00'), amount: 5 },
      { from: at(tomorrow, '03:00'), to: at(tomorrow, '03:15'), amount: 1 },
      { from: at(tomorrow, '03:15'), to: at(tomorrow, '03:30'), amount: 9 },
      { from: at(tomorrow, '05:00'), to: at(tomorrow, '05:15'), amount: 8 },
      { from: at(tomorrow, '05:15'), to: at(tomorrow, '05:30'), amount: 6 },
    ];
    const uneven = prices(today, 2, night);
    // The same night after a cheaper window of the same 24 hours has ended (today 10:00–12:00).
    const afterCheaper = prices(today, 2, [{ from: at(today, '10:00'), to: at(today, '12:00'), amount: 1 }, ...night]);
    on.loads[0]!.latestFinish = '06:00';
    try {
      for (const series of [uneven, afterCheaper]) {
        expect(keys(due(on, series, at(tomorrow, '02:30')))).toEqual(['window:dishwasher:2026-11-25T02:00:00.000Z']);
        expect(due(on, series, at(tomorrow, '03:20'))).toEqual([]);
      }
    } finally {
      on.loads[0]!.latestFinish = '07:00';
    }
  });

  it('speaks German', () => {
    const german = settings((s) => (s.cheapWindow = { enabled: true, leadMinutes: 30 }), 'de');
    expect(due(german, series, at(tomorrow, '02:40'))[0]?.payload).toMatchObject({
      title: 'Spülmaschine: günstigster Start um 03:00',
      body: `2 Std., 03:00–05:00, im Durchschnitt 5,00${NB}ct/kWh: fertig vor 07:00.`,
    });
  });

  it('looks only within the day before each latest finish: a cheaper time after it belongs to the next finish', () => {
    // 08:00–10:00 tomorrow is cheaper still, but after 07:00: tonight’s window is 03:00 all the same.
    const later = prices(today, 2, [
      { from: at(tomorrow, '03:00'), to: at(tomorrow, '05:00'), amount: 5 },
      { from: at(tomorrow, '08:00'), to: at(tomorrow, '10:00'), amount: 1 },
    ]);
    expect(keys(due(on, later, at(tomorrow, '02:30')))).toEqual(['window:dishwasher:2026-11-25T02:00:00.000Z']);
    // For the finish at 07:00 the day after, 08:00 is its window.
    expect(keys(due(on, later, at(tomorrow, '07:30')))).toEqual(['window:dishwasher:2026-11-25T07:00:00.000Z']);
  });

  it('uses the prices that are known: before tomorrow is published, today’s afternoon', () => {
    const todayOnly = prices(today, 1, [{ from: at(today, '13:00'), to: at(today, '15:00'), amount: 8 }]);
    expect(keys(due(on, todayOnly, at(today, '12:30')))).toEqual(['window:dishwasher:2026-11-24T12:00:00.000Z']);
    expect(due(on, prices(today, 1), at(today, '23:50'))).toEqual([]);
  });

  it('announces a lead of 0 at the last run before the start (the job runs every 5 minutes)', () => {
    const now = settings((s) => (s.cheapWindow = { enabled: true, leadMinutes: 0 }));
    expect(due(now, series, at(tomorrow, '02:54'))).toEqual([]);
    expect(keys(due(now, series, at(tomorrow, '02:55')))).toEqual(['window:dishwasher:2026-11-25T02:00:00.000Z']);
  });

  it('in quiet hours: dropped when the window has started by their end, sent at their end otherwise', () => {
    const quiet = settings((s) => {
      s.cheapWindow = { enabled: true, leadMinutes: 60 };
      s.quietHours = { enabled: true, from: '22:00', to: '07:00' };
    });
    for (const time of ['02:00', '02:30', '06:59', '07:00', '07:30'])
      expect(due(quiet, series, at(tomorrow, time))).toEqual([]);

    // The washing machine must be done by 10:00; its window 07:30–09:30 falls due at 06:30, in the quiet hours.
    quiet.loads = [{ id: 'washer', name: 'Washer', durationMinutes: 120, latestFinish: '10:00' }];
    const morning = prices(today, 2, [{ from: at(tomorrow, '07:30'), to: at(tomorrow, '09:30'), amount: 6 }]);
    expect(due(quiet, morning, at(tomorrow, '06:30'))).toEqual([]);
    expect(keys(due(quiet, morning, at(tomorrow, '07:00')))).toEqual(['window:washer:2026-11-25T06:30:00.000Z']);
  });

  it('gives each load its own event', () => {
    const two = settings((s) => {
      s.cheapWindow = { enabled: true, leadMinutes: 30 };
      s.loads.push({ id: 'ev', name: 'EV', durationMinutes: 60, latestFinish: '07:00' });
    });
    expect(keys(due(two, series, at(tomorrow, '02:45')))).toEqual([
      'window:dishwasher:2026-11-25T02:00:00.000Z',
      'window:ev:2026-11-25T02:00:00.000Z',
    ]);
  });

  it('is right on the DST days: the spring night has no 02:00, the autumn night two', () => {
    // 29 March: 03:00 CEST is 01:00 UTC, 30 minutes after 01:30 CET.
    const spring = prices('2026-03-28', 2, [
      { from: at('2026-03-29', '03:00'), to: at('2026-03-29', '05:00'), amount: 5 },
    ]);
    expect(due(on, spring, Date.parse('2026-03-29T00:29:00Z'))).toEqual([]);
    const [springAlert] = due(on, spring, at('2026-03-29', '01:30'));
    expect(springAlert?.eventKey).toBe('window:dishwasher:2026-03-29T01:00:00.000Z');
    expect(springAlert?.payload.title).toBe('Dishwasher: cheapest start at 03:00');

    // 25 October: the window starts at the second 02:00 (CET), 90 minutes after 01:30 CEST.
    const second = Date.parse('2026-10-25T01:00:00Z');
    const autumn = prices('2026-10-24', 2, [{ from: second, to: second + 2 * HOUR, amount: 5 }]);
    expect(due(on, autumn, at('2026-10-25', '01:30'))).toEqual([]);
    const [autumnAlert] = due(on, autumn, second - 30 * MIN);
    expect(autumnAlert?.payload).toMatchObject({
      title: 'Dishwasher: cheapest start at 02:00 (CET)',
      body: `2 hrs, 02:00–04:00 (CET), at an average of 5.00${NB}ct/kWh: done before 07:00.`,
    });
  });

  it('announces the window the feed and the dashboard show, for the duration snapped as the dashboard snaps it', () => {
    // 135 minutes on quarter-hour prices is searched as 150, the dashboard's next option: 02:45–05:15.
    // Searched as 135 minutes, the window would be 03:00–05:15, announced from 02:30.
    const washer = { id: 'washer', name: 'Washer', durationMinutes: 135, latestFinish: '07:00' };
    const snapped = settings((s) => {
      s.cheapWindow = { enabled: true, leadMinutes: 30 };
      s.loads = [washer];
    });
    const series = prices(today, 2, [
      { from: at(tomorrow, '02:45'), to: at(tomorrow, '03:00'), amount: 8 },
      { from: at(tomorrow, '03:00'), to: at(tomorrow, '05:15'), amount: 5 },
      { from: at(tomorrow, '05:15'), to: at(tomorrow, '05:30'), amount: 40 },
    ]);
    const now = at(tomorrow, '02:15');
    const shown = loadWindows({ series, kind: 'consumption', loads: [washer], now }).find(
      (window) => window.latestFinish === at(tomorrow, '07:00'),
    );
    expect(shown).toMatchObject({ durationMinutes: 150, start: at(tomorrow, '02:45'), end: at(tomorrow, '05:15') });

    const alerts = due(snapped, series, now);
    expect(keys(alerts)).toEqual([`window:washer:${new Date(shown!.start).toISOString()}`]);
    expect(alerts[0]?.payload).toMatchObject({
      title: 'Washer: cheapest start at 02:45',
      body: `2 hrs 30 mins, 02:45–05:15, at an average of 5.30${NB}ct/kWh: done before 07:00.`,
      url: '/dashboard?duration=150',
    });
  });

  it('works on hourly plans', () => {
    const hourly = prices(today, 2, [{ from: at(tomorrow, '03:00'), to: at(tomorrow, '05:00'), amount: 5 }], 'hourly');
    expect(keys(due(on, hourly, at(tomorrow, '02:30')))).toEqual(['window:dishwasher:2026-11-25T02:00:00.000Z']);
  });
});

describe('the price falls below the threshold', () => {
  const today = '2026-11-24';
  const tomorrow = addDays(today, 1);
  const series = prices(today, 2, [
    { from: at(today, '13:00'), to: at(today, '15:00'), amount: 8 },
    { from: at(today, '14:00'), to: at(today, '14:15'), amount: 6 },
  ]);
  const absolute = settings((s) => {
    s.cheapWindow.leadMinutes = 15;
    s.threshold = { enabled: true, mode: 'absolute', ctPerKwh: 10, percentBelowAverage: 20 };
  });

  it('is not sent when switched off, before the lead, or once the stretch has ended', () => {
    expect(
      due(
        settings((s) => (s.cheapWindow.leadMinutes = 15)),
        series,
        at(today, '13:30'),
      ),
    ).toEqual([]);
    expect(due(absolute, series, at(today, '12:44'))).toEqual([]);
    expect(due(absolute, series, at(today, '15:00'))).toEqual([]);
  });

  it('announces the stretch before it starts and while it lasts, as one event per day and stretch', () => {
    const [soon] = due(absolute, series, at(today, '12:45'));
    expect(soon).toEqual({
      eventKey: 'below:2026-11-24:2026-11-24T12:00:00.000Z',
      kind: 'below-threshold',
      expiresAt: at(today, '15:00'),
      payload: {
        title: `Price below 10.00${NB}ct/kWh`,
        body: `From 13:00 until 15:00; lowest at 14:00: 6.00${NB}ct/kWh.`,
        url: '/dashboard?date=2026-11-24',
        tag: 'below-2026-11-24',
        lang: 'en',
      },
    });
    const [started] = due(absolute, series, at(today, '14:30'));
    expect(started?.eventKey).toBe(soon?.eventKey);
    expect(started?.payload.body).toBe(`Since 13:00 until 15:00; lowest at 14:00: 6.00${NB}ct/kWh.`);
  });

  it('relative: a share below the day’s average, in German', () => {
    // Average of the day: (88 × 30 + 7 × 8 + 6) / 96 = 28.15; 20 % below it is 22.52.
    const relative = settings((s) => {
      s.cheapWindow.leadMinutes = 15;
      s.threshold = { enabled: true, mode: 'relative', ctPerKwh: 10, percentBelowAverage: 20 };
    }, 'de');
    const [alert] = due(relative, series, at(today, '13:00'));
    expect(alert?.payload).toMatchObject({
      title: `Strompreis 20${NB}% unter dem Tagesdurchschnitt (22,52${NB}ct/kWh)`,
      body: `Seit 13:00 bis 15:00; am günstigsten um 14:00: 6,00${NB}ct/kWh.`,
    });
  });

  it('relative on a day that averages below zero: still below the average, not above', () => {
    const negative = prices(today, 1, [
      { from: startOfBerlinDay(today), to: at(today, '23:59'), amount: -10 },
      { from: at(today, '13:00'), to: at(today, '14:00'), amount: -20 },
    ]);
    const relative = settings((s) => {
      s.cheapWindow.leadMinutes = 15;
      s.threshold = { enabled: true, mode: 'relative', ctPerKwh: 10, percentBelowAverage: 20 };
    });
    expect(keys(due(relative, negative, at(today, '13:00')))).toEqual(['below:2026-11-24:2026-11-24T12:00:00.000Z']);
    expect(due(relative, negative, at(today, '10:00'))).toEqual([]);
  });

  it('counts a missing price or a price at the threshold as a break: three stretches, three events', () => {
    const broken = prices(today, 1, [
      { from: at(today, '13:00'), to: at(today, '15:00'), amount: 8 },
      { from: at(today, '13:30'), to: at(today, '13:45'), amount: null },
      { from: at(today, '14:00'), to: at(today, '14:15'), amount: 10 },
    ]);
    expect(keys(due(absolute, broken, at(today, '13:10')))).toEqual(['below:2026-11-24:2026-11-24T12:00:00.000Z']);
    expect(keys(due(absolute, broken, at(today, '13:50')))).toEqual(['below:2026-11-24:2026-11-24T12:45:00.000Z']);
    expect(keys(due(absolute, broken, at(today, '14:05')))).toEqual(['below:2026-11-24:2026-11-24T13:15:00.000Z']);
  });

  it('does not announce again a stretch that only continues over midnight', () => {
    const overnight = prices(today, 2, [{ from: at(today, '23:00'), to: at(tomorrow, '01:00'), amount: 5 }]);
    expect(keys(due(absolute, overnight, at(today, '23:30')))).toEqual(['below:2026-11-24:2026-11-24T22:00:00.000Z']);
    expect(keys(due(absolute, overnight, at(today, '23:59')))).toEqual(['below:2026-11-24:2026-11-24T22:00:00.000Z']);
    // After midnight, with yesterday's prices still in the series, the same.
    expect(due(absolute, overnight, at(tomorrow, '00:30'))).toEqual([]);
  });

  it('in quiet hours: sent at their end while the stretch lasts, dropped when it has ended', () => {
    const quiet = settings((s) => {
      s.cheapWindow.leadMinutes = 15;
      s.threshold = { enabled: true, mode: 'absolute', ctPerKwh: 10, percentBelowAverage: 20 };
      s.quietHours = { enabled: true, from: '22:00', to: '07:00' };
    });
    const morning = prices(today, 2, [
      { from: at(tomorrow, '05:00'), to: at(tomorrow, '06:30'), amount: 5 },
      { from: at(tomorrow, '06:45'), to: at(tomorrow, '08:00'), amount: 5 },
    ]);
    expect(due(quiet, morning, at(tomorrow, '06:50'))).toEqual([]);
    const alerts = due(quiet, morning, at(tomorrow, '07:00'));
    expect(keys(alerts)).toEqual(['below:2026-11-25:2026-11-25T05:45:00.000Z']);
    expect(alerts[0]?.payload.body).toBe(`Since 06:45 until 08:00; lowest at 06:45: 5.00${NB}ct/kWh.`);
  });
});

describe('every alert', () => {
  it('fits the push payload schema in both languages, with all alerts on at once', () => {
    const today = '2026-11-24';
    const series = prices(today, 2, [
      { from: at('2026-11-25', '03:00'), to: at('2026-11-25', '05:00'), amount: 5 },
      { from: at(today, '15:00'), to: at(today, '16:00'), amount: 5 },
    ]);
    for (const locale of ['en', 'de'] as const) {
      const all = settings((s) => {
        s.tomorrowPublished = true;
        s.cheapWindow = { enabled: true, leadMinutes: 60 };
        s.threshold.enabled = true;
        s.loads = [{ id: 'dishwasher', name: 'D'.repeat(40), durationMinutes: 60, latestFinish: '16:00' }];
      }, locale);
      const alerts = due(all, series, at(today, '14:30'));
      expect(alerts.map((alert) => alert.kind)).toEqual(['prices-published', 'cheap-window', 'below-threshold']);
      for (const alert of alerts) expect(pushPayloadSchema.parse(alert.payload)).toEqual(alert.payload);
    }
  });
});
