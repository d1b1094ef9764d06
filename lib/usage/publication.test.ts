import { describe, expect, it } from 'vitest';

import { formatFor } from '@/lib/i18n/format';

const formatClock = formatFor('de').clock;

import { isUsagePublished, latestPublishedDay, usagePublishedAt } from './publication';

describe('usage publication', () => {
  it('does not count yesterday as published before 16:00 Berlin time', () => {
    // 14:59 UTC is 15:59 in Berlin in November.
    expect(latestPublishedDay(Date.parse('2026-11-23T14:59:00Z'))).toBe('2026-11-21');
    expect(isUsagePublished('2026-11-22', Date.parse('2026-11-23T14:59:00Z'))).toBe(false);
  });

  it('publishes yesterday at 16:00 Berlin time', () => {
    expect(latestPublishedDay(Date.parse('2026-11-23T15:00:00Z'))).toBe('2026-11-22');
  });

  it('means 16:00 on the wall clock the day after a DST change', () => {
    expect(formatClock(usagePublishedAt('2026-03-28'))).toBe('16:00');
    expect(formatClock(usagePublishedAt('2026-10-24'))).toBe('16:00');
    expect(usagePublishedAt('2026-03-29')).toBe(Date.parse('2026-03-30T14:00:00Z'));
  });
});
