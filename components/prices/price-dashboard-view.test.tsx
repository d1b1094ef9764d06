import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { PriceDashboardSkeleton } from './loading-skeleton';
import { PriceDashboardView, type PriceDashboardViewProps } from './price-dashboard-view';

const HOUR = 3_600_000;
const TODAY = '2026-11-23';
const NOW = startOfBerlinDay(TODAY) + 10 * HOUR + 5 * 60_000; // 10:05

function render(overrides: Partial<PriceDashboardViewProps> = {}) {
  const props: PriceDashboardViewProps = {
    series: makeSeries(makeIntervals(TODAY, { amount: (i) => 20 + Math.sin(i / 8) * 10 })),
    now: NOW,
    date: TODAY,
    durationMinutes: 120,
    kind: 'consumption',
    view: 'total',
    searchParams: { subscription: 'sub_1', duration: '120' },
    ...overrides,
  };
  return renderToStaticMarkup(<PriceDashboardView {...props} />);
}

function count(html: string, needle: string) {
  return html.split(needle).length - 1;
}

describe('PriceDashboardView', () => {
  it('says tomorrow is unpublished instead of drawing it as zeros', () => {
    const html = render();
    expect(html).toContain('Tomorrow’s prices are published around 14:00');
    expect(html).not.toMatch(/[^\d,.]0,00 ct\/kWh/);
    expect(count(html, 'data-testid="price-row"')).toBe(96);
    expect(html).toContain('data-testid="price-chart"');
  });

  it('reads "no price yet" for null amounts, in the table and the chart', () => {
    const series = makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 40 && i < 44 ? null : 20) }));
    const html = render({ series });
    expect(count(html, '>no price yet<')).toBe(4);
    expect(html).toContain('aria-label="Now, 10:00–10:15: no price yet"');
    expect(html).toContain('aria-label="10:45–11:00: no price yet"');
    expect(html).toContain('No price for the current interval yet');
  });

  it('lists both days and no notice once tomorrow is published, with 100 rows on the autumn DST day', () => {
    const series = makeSeries(makeIntervals('2026-10-24', { days: 2 }));
    const html = render({ series, date: '2026-10-24', now: startOfBerlinDay('2026-10-24') + 15 * HOUR });
    expect(html).not.toContain('published around 14:00');
    expect(count(html, 'data-day="2026-10-24"')).toBe(96);
    expect(count(html, 'data-day="2026-10-25"')).toBe(100);
    expect(html).toContain('02:15–02:30 (CEST)');
    expect(html).toContain('02:15–02:30 (CET)');
  });

  it('preserves other query parameters as hidden inputs, but not duration', () => {
    const html = render();
    expect(html).toContain('<input type="hidden" name="subscription" value="sub_1"/>');
    expect(html).not.toContain('type="hidden" name="duration"');
    expect(html).toContain('href="?subscription=sub_1&amp;duration=120&amp;view=components"');
  });

  it('offers only whole hours for hourly plans', () => {
    const html = render({ series: makeSeries(makeIntervals(TODAY, { resolution: 'hourly' }), 'hourly'), durationMinutes: 45 });
    expect(html).not.toContain('<option value="15">');
    expect(html).toContain('<option value="60" selected="">1 h</option>');
    expect(count(html, 'data-testid="price-row"')).toBe(24);
  });

  it('explains a window longer than the prices left', () => {
    const html = render({ durationMinutes: 480, now: startOfBerlinDay(TODAY) + 20 * HOUR + 47 * 60_000 });
    expect(html).toContain('Only <strong>3 h 15 min</strong> of prices left');
  });

  it('shows the day’s figures instead of now for a past day', () => {
    const series = makeSeries(makeIntervals('2026-11-20', { days: 2 }));
    const html = render({ series, date: '2026-11-20' });
    expect(html).toContain('Friday, 20 November 2026');
    expect(html).not.toContain('Price now');
    expect(html).not.toContain('published around 14:00');
  });

  it('words feed-in as payout, where high is good', () => {
    const html = render({ kind: 'feed_in' });
    expect(html).toContain('Find the best time');
    expect(html).toContain('Best time to feed in');
    expect(html).toContain('highest payout');
  });

  it('draws components stacked with a legend', () => {
    const html = render({ view: 'components' });
    expect(html).toContain('Grid fees');
    expect(html).toContain('aria-current="page"');
  });
});

describe('PriceDashboardSkeleton', () => {
  it('is busy and says so to screen readers', () => {
    const html = renderToStaticMarkup(<PriceDashboardSkeleton />);
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Loading prices…');
  });
});
