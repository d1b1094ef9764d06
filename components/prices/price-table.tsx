import { useTranslations } from 'next-intl';

import { useFormat } from '@/lib/i18n/use-format';
import { endOfBerlinDay, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { intervalIndexAt } from '@/lib/prices/interval-search';
import { dayStats } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';
import { directionFor, type SubscriptionKind } from '@/lib/prices/cheapest-window';

import { PriceTableDetails, type PriceTableDay } from './price-table-details';
import { packRows, priceRows, type PackedRows } from './price-rows';

export type PriceTableProps = {
  /** The intervals of `days`, sorted. */
  intervals: PriceInterval[];
  /** Berlin dates to list, one table each; days without intervals are skipped. */
  days: string[];
  /** Marks the row of the current interval; null for a past day. */
  now: number | null;
  kind: SubscriptionKind;
  /** `packRows(priceRows(intervals, midnight of days[0]))`, when the page has them already for the chart. */
  rows?: PackedRows;
  /** Whether the rows are in the HTML (for a browser without JavaScript) or built when the table opens. */
  rowsInHtml?: boolean;
};

/** The table of every interval: its words and day groups here, its rows in the client leaf. */
export function PriceTable({ intervals, days, now, kind, rows, rowsInHtml = true }: PriceTableProps) {
  const t = useTranslations('Prices');
  const format = useFormat();
  const firstDay = days[0];
  if (!firstDay) return null;
  const from = startOfBerlinDay(firstDay);
  const step = intervals[0] ? (intervals[0].end - intervals[0].start) / 60_000 : 15;
  const all = rows ?? packRows(priceRows(intervals, from, format), step);
  const [best, worst] = directionFor(kind) === 'cheapest' ? (['min', 'max'] as const) : (['max', 'min'] as const);
  const groups: PriceTableDay[] = [];
  for (const date of days) {
    const start = startOfBerlinDay(date);
    const end = endOfBerlinDay(date);
    const first = intervals.findIndex((interval) => interval.start >= start);
    const count = intervals.filter((interval) => interval.start >= start && interval.start < end).length;
    if (first < 0 || count === 0) continue;
    const stats = dayStats(intervals, date);
    const bestInterval = stats[best];
    const worstInterval = stats[worst];
    groups.push({
      date,
      caption: t('table.caption', { date: format.date(date) }),
      first,
      count,
      best: bestInterval ? intervals.indexOf(bestInterval) : -1,
      worst: worstInterval && worstInterval !== bestInterval ? intervals.indexOf(worstInterval) : -1,
    });
  }
  if (groups.length === 0) return null;
  return (
    <PriceTableDetails
      rows={all}
      from={from}
      days={groups}
      current={now === null ? -1 : intervalIndexAt(intervals, now)}
      rowsInHtml={rowsInHtml}
      words={{
        toggle: t('table.toggle'),
        time: t('table.time'),
        price: t('table.price'),
        electricity: t('table.electricity'),
        grid: t('table.grid'),
        levies: t('table.levies'),
        now: t('table.now'),
        best: t('table.best', { kind }),
        worst: t('table.worst', { kind }),
        missing: t('missing'),
        notAvailable: t('table.notAvailable'),
      }}
    />
  );
}
