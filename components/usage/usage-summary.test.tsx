import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { makeIntervals } from '@/lib/prices/fixtures';
import { dayCost } from '@/lib/usage/cost';
import { makeUsage } from '@/lib/usage/fixtures';

import { UsageChart } from './usage-chart';
import { UsageSummary } from './usage-summary';

const DAY = '2026-11-20';

describe('UsageSummary', () => {
  it('says there are no readings instead of showing 0,00 kWh and 0,00 €', () => {
    const { day } = dayCost([], makeIntervals(DAY), DAY);
    const html = renderToStaticMarkup(<UsageSummary day={day} kind="consumption" />);
    expect(html).toContain('no meter readings');
    expect(html).not.toContain('0,00');
  });

  it('names a partial day and the quarter-hours without a price', () => {
    const usage = makeUsage(DAY, (i) => (i < 90 ? 1 : null));
    const { day } = dayCost(usage, makeIntervals(DAY, { amount: (i) => (i === 0 ? null : 20) }), DAY);
    const html = renderToStaticMarkup(<UsageSummary day={day} kind="consumption" />);
    expect(html).toContain('Partial day: 90 of 96 quarter-hours');
    expect(html).toContain('1 metered quarter-hour has no price');
    expect(html).toContain('covers 89,00 kWh of 90,00 kWh');
  });

  it('calls paying below the day’s average good for consumption, and receiving above it good for feed-in', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 48 ? 10 : 30) });
    const cheapHeavy = dayCost(makeUsage(DAY, (i) => (i < 48 ? 3 : 1)), prices, DAY).day;
    expect(renderToStaticMarkup(<UsageSummary day={cheapHeavy} kind="consumption" />)).toContain(
      'below the day’s average price: you already shift',
    );
    const dearHeavy = dayCost(makeUsage(DAY, (i) => (i < 48 ? 1 : 3)), prices, DAY).day;
    const feedIn = renderToStaticMarkup(<UsageSummary day={dearHeavy} kind="feed_in" />);
    expect(feedIn).toContain('Earnings');
    expect(feedIn).toContain('above the day’s average payout: you fed in when it paid well');
  });
});

describe('UsageChart', () => {
  it('hatches a missing reading instead of drawing a zero bar, on the 100 quarter-hours of the autumn DST day', () => {
    const date = '2026-10-25';
    const { rows } = dayCost(makeUsage(date, (i) => (i === 5 ? null : 0.2)), makeIntervals(date), date);
    const html = renderToStaticMarkup(<UsageChart rows={rows} date={date} moneyLabel="Cost" />);
    // One gap in each panel (energy and cost); 99 bars in each.
    expect(html.match(/data-gap/g)).toHaveLength(2);
    expect(html.match(/<rect [^>]*class="fill-/g)).toHaveLength(198);
  });
});
