/**
 * The dashboard's and the usage view's weight, without a clock: the HTML
 * bytes and elements of a fixture render of each, in German (the longer
 * language), for a browser with JavaScript (the table's rows built when it
 * is opened) and without (the rows in the HTML). The budgets sit about a
 * third above what the pages measure, so a change that makes a page much
 * heavier (a table back in the DOM, an element per interval in a chart)
 * fails here, long before anyone times it. `npm run bench` measures the
 * served pages (HTML, RSC payload, speed beside the start page).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { PriceDashboardView } from '@/components/prices/price-dashboard-view';
import { makeSubscription } from '@/lib/nomos/fixtures';
import { addDays, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { withIntl } from '@/lib/testing/intl';
import { dayCost, periodSummary } from '@/lib/usage/cost';
import { makeUsage } from '@/lib/usage/fixtures';
import { shiftingSavings } from '@/lib/usage/shifting';

import { UsageView } from './usage/_components/usage-view';

/** Bytes of HTML and elements (start tags) of each fixture render; see the header. */
const BUDGET = {
  // Measured 14.5 kB and 121 elements (15.4 kB and 133 before the form's
  // answers were written on the server and the chart drew only what its day needs).
  dashboard: { bytes: 19_000, elements: 160 },
  // 45.6 kB, 1,313 elements: the two days' tables.
  dashboardWithoutScripts: { bytes: 60_000, elements: 1_750 },
  // 10.7 kB, 147 elements: the week's table is in it, the month's rows are
  // built when opened (13.3 kB and 310 elements with them).
  usage: { bytes: 14_000, elements: 200 },
  // 24.6 kB, 806 elements.
  usageWithoutScripts: { bytes: 32_000, elements: 1_080 },
};

const weigh = (html: string) => ({ bytes: Buffer.byteLength(html), elements: html.match(/<[a-zA-Z]/g)?.length ?? 0 });

/** Today and tomorrow in quarter-hours, with components, at 16:07: the heaviest dashboard there is. */
/** `scripts`: the browser has shown that it runs JavaScript. */
function dashboard(scripts: boolean) {
  return renderToStaticMarkup(
    withIntl(
      <PriceDashboardView
        series={makeSeries(
          makeIntervals('2026-11-23', { days: 2, amount: (i) => 20 + Math.sin(i / 8) * 10 + i / 997 }),
        )}
        now={startOfBerlinDay('2026-11-23') + 16 * 3_600_000 + 7 * 60_000}
        date="2026-11-23"
        durationMinutes={120}
        kind="consumption"
        view="total"
        searchParams={{ subscription: 'sub_anna_home' }}
        appUrl="https://hems.example"
        scripts={scripts}
      />,
      'de',
    ),
  );
}

/** A day of the usage view with a week and a month of figures (30 days). */
function usage(scripts: boolean) {
  const date = '2026-11-30';
  const subscription = makeSubscription();
  const prices = makeIntervals('2026-11-01', { days: 30, amount: (i) => 20 + Math.sin(i / 8) * 10 });
  const readings = Array.from({ length: 30 }, (_, day) =>
    makeUsage(addDays('2026-11-01', day), (i) => 0.1 + (i % 7) / 50),
  ).flat();
  const { day, rows } = dayCost(readings, prices, date);
  return renderToStaticMarkup(
    withIntl(
      <UsageView
        scripts={scripts}
        params={{}}
        state={{
          kind: 'subscription',
          subscriptions: [subscription],
          subscription,
          now: Date.parse('2026-12-01T15:07:00Z'),
          latest: date,
          date,
          report: {
            status: 'ready',
            day,
            rows,
            sharePercent: 30,
            shifting: shiftingSavings(rows, 30),
            week: periodSummary(readings, prices, '2026-11-24', date),
            month: periodSummary(readings, prices, '2026-11-01', date),
          },
        }}
      />,
      'de',
    ),
  );
}

describe('page weight', () => {
  it('keeps the dashboard small for a browser with JavaScript: no table rows, no element per interval', () => {
    const weight = weigh(dashboard(true));
    expect(weight.bytes).toBeLessThanOrEqual(BUDGET.dashboard.bytes);
    expect(weight.elements).toBeLessThanOrEqual(BUDGET.dashboard.elements);
  });

  it('sends the dashboard’s 192 rows once, in the HTML, to a browser without JavaScript', () => {
    const html = dashboard(false);
    expect(html.split('data-testid="price-row"')).toHaveLength(193);
    const weight = weigh(html);
    expect(weight.bytes).toBeLessThanOrEqual(BUDGET.dashboardWithoutScripts.bytes);
    expect(weight.elements).toBeLessThanOrEqual(BUDGET.dashboardWithoutScripts.elements);
  });

  it('keeps the usage view small, with its quarter-hour table and the month’s days built when opened', () => {
    const html = usage(true);
    expect(html).not.toContain('data-testid="usage-row"');
    // The week's seven days in the HTML; the month's only by its totals.
    expect(html).toContain('data-testid="period-2026-11-24"');
    expect(html).not.toContain('data-testid="period-2026-11-01"');
    expect(html).toContain('Gesamt (30 Tage)');
    const weight = weigh(html);
    expect(weight.bytes).toBeLessThanOrEqual(BUDGET.usage.bytes);
    expect(weight.elements).toBeLessThanOrEqual(BUDGET.usage.elements);
    const without = usage(false);
    expect(without.split('data-testid="usage-row"')).toHaveLength(97);
    expect(without).toContain('data-testid="period-2026-11-01"');
    expect(weigh(without).bytes).toBeLessThanOrEqual(BUDGET.usageWithoutScripts.bytes);
    expect(weigh(without).elements).toBeLessThanOrEqual(BUDGET.usageWithoutScripts.elements);
  });
});
