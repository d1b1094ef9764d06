/**
 * When Nomos publishes smart-meter usage: a day's 15-minute values arrive
 * from about 16:00 Berlin time on the following day.
 */
import { addDays, berlinDate, berlinOffsetMs, startOfBerlinDay } from '@/lib/prices/berlin-time';

const HOUR_MS = 3_600_000;
export const PUBLICATION_HOUR = 16;

/** The instant of 16:00 Berlin wall-clock time on the day after `date`. */
export function usagePublishedAt(date: string): number {
  const midnight = startOfBerlinDay(addDays(date, 1));
  const guess = midnight + PUBLICATION_HOUR * HOUR_MS;
  // On a DST day 16 hours after midnight is 15:00 or 17:00 on the wall clock.
  return guess + berlinOffsetMs(midnight) - berlinOffsetMs(guess);
}

export function isUsagePublished(date: string, now: number): boolean {
  return now >= usagePublishedAt(date);
}

/** The latest Berlin day whose usage is published at `now`: yesterday after 16:00, else the day before. */
export function latestPublishedDay(now: number): string {
  const yesterday = addDays(berlinDate(now), -1);
  return isUsagePublished(yesterday, now) ? yesterday : addDays(yesterday, -1);
}
