/** Builders for usage in tests: quarter-hours from Berlin midnight, so DST days come out right. */
import { endOfBerlinDay, startOfBerlinDay } from '@/lib/prices/berlin-time';

import type { UsageInterval } from './types';

export function makeUsage(
  date: string,
  kwh: (index: number) => number | null = () => 0.1,
  final = true,
): UsageInterval[] {
  const usage: UsageInterval[] = [];
  const step = 15 * 60_000;
  for (let start = startOfBerlinDay(date), index = 0; start < endOfBerlinDay(date); start += step, index += 1) {
    const value = kwh(index);
    if (value !== null) usage.push({ start, end: start + step, kwh: value, final });
  }
  return usage;
}
