/** Deterministic 15-minute smart-meter readings: a household load profile, or a PV profile for feed-in. */
import { berlinParts, dayIntervals } from '../berlin-time';
import { createRandom, gaussian, hashSeed } from '../prices/random';
import type { Subscription } from '../store';

// Relative household demand per local hour (H0-like: night trough, morning and evening peaks).
const HOUSEHOLD = [
  0.55, 0.48, 0.45, 0.44, 0.45, 0.55, 0.85, 1.15, 1.1, 0.95, 0.9, 0.95, 1.05, 1.0, 0.9, 0.88, 0.95, 1.2, 1.55, 1.7, 1.6,
  1.4, 1.1, 0.8,
];
// Relative PV yield per month (Jan … Dec) in Germany.
const PV_SEASON = [0.3, 0.5, 0.85, 1.25, 1.5, 1.6, 1.6, 1.4, 1.05, 0.65, 0.35, 0.25];

/**
 * Leaves out a deterministic `fraction` of readings, as a metering operator
 * that delivers late or not at all does: the quarter-hour is absent, not 0.
 */
export function withMissingReadings<T extends { start: number }>(
  sub: Subscription,
  readings: T[],
  fraction: number,
): T[] {
  if (fraction <= 0) return readings;
  return readings.filter((reading) => createRandom(hashSeed(`missing|${sub.id}|${reading.start}`))() >= fraction);
}

export function dayUsage(sub: Subscription, date: string): { start: number; usage: number }[] {
  const random = createRandom(hashSeed(`usage|${sub.id}|${date}`));
  const perQuarter = sub.estimatedUsage / 35_040;
  const intervals = dayIntervals(date, 15);
  const month = berlinParts(intervals[0] ?? 0).month;
  if (sub.type === 'feed_in') {
    const sun = (PV_SEASON[month - 1] ?? 1) * (0.3 + random() * 0.9);
    return intervals.map((start) => {
      const { hour, minute } = berlinParts(start);
      const position = hour + minute / 60;
      const daylight = position > 6 && position < 20.5 ? Math.sin(((position - 6) / 14.5) * Math.PI) : 0;
      const value = perQuarter * 3.4 * sun * daylight * (1 + gaussian(random) * 0.1);
      return { start, usage: Math.round(Math.max(value, 0) * 1000) / 1000 };
    });
  }
  return intervals.map((start) => {
    const hour = berlinParts(start).hour;
    const value = perQuarter * (HOUSEHOLD[hour] ?? 1) * (1 + gaussian(random) * 0.25);
    return { start, usage: Math.round(Math.max(value, 0.005) * 1000) / 1000 };
  });
}
