import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { Locale } from '@/lib/i18n/locales';
import { makeIntervals } from '@/lib/prices/fixtures';
import { DayNav } from '@/components/ui/day-nav';
import { withIntl } from '@/lib/testing/intl';
import { dayCost, periodSummary } from '@/lib/usage/cost';
import { makeUsage } from '@/lib/usage/fixtures';
import { shiftingSavings } from '@/lib/usage/shifting';

import { PeriodSummaryTable } from './period-summary';
import { ShiftingCard } from './shifting-card';
import { UsageChart } from './usage-chart';
import { UsageSummary } from './usage-summary';
import { UsageTable } from './usage-table';

const DAY = '2026-11-20';
const render = (ui: ReactNode, locale: Locale = 'en') => renderToStaticMarkup(withIntl(ui, locale));

describe('UsageSummary', () => {
  it('says there are no readings instead of showing 0.00 kWh and €0.00', () => {
    const { day } = dayCost([], makeIntervals(DAY), DAY);
    const html = render(<UsageSummary day={day} kind="consumption" />);
    expect(html).toContain('no meter readings');
    expect(html).not.toContain('0.00');
    const german = render(<UsageSummary day={day} kind="consumption" />, 'de');
    expect(german).toContain('Für diesen Tag liegen bei Nomos keine Messwerte vor.');
    expect(german).not.toContain('0,00');
  });

  it('names a partial day and the quarter-hours without a price', () => {
    const usage = makeUsage(DAY, (i) => (i < 90 ? 1 : null));
    const { day } = dayCost(usage, makeIntervals(DAY, { amount: (i) => (i === 0 ? null : 20) }), DAY);
    const html = render(<UsageSummary day={day} kind="consumption" />);
    expect(html).toContain('Partial day: 90 of 96 quarter-hours have a meter reading.');
    expect(html).toContain('1 metered quarter-hour has no price');
    expect(html).toContain('the cost covers 89.00\u00a0kWh of 90.00\u00a0kWh');
    expect(html).toContain(
      '<dd class="text-2xl font-bold tabular-nums" data-testid="usage-energy">90.00\u00a0kWh</dd>',
    );
    expect(html).toContain('data-testid="usage-cost">€17.80</dd>');
  });

  it('counts more than one unpriced quarter-hour in the plural', () => {
    const usage = makeUsage(DAY, () => 1);
    const { day } = dayCost(usage, makeIntervals(DAY, { amount: (i) => (i < 3 ? null : 20) }), DAY);
    expect(render(<UsageSummary day={day} kind="consumption" />)).toContain('3 metered quarter-hours have no price');
    expect(render(<UsageSummary day={day} kind="consumption" />, 'de')).toContain(
      'Für 3 Viertelstunden mit Messwert hat Nomos keinen Preis geliefert: Die Kosten beziehen sich nur auf 93,00\u00a0kWh von 96,00\u00a0kWh.',
    );
  });

  it('calls paying below the day’s average good for consumption, and receiving above it good for feed-in', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 48 ? 10 : 30) });
    const cheapHeavy = dayCost(
      makeUsage(DAY, (i) => (i < 48 ? 3 : 1)),
      prices,
      DAY,
    ).day;
    const consumption = render(<UsageSummary day={cheapHeavy} kind="consumption" />);
    expect(consumption).toContain('25%</strong> below the day’s average price: you already shift');
    expect(consumption).toContain('text-emerald-700');
    const dearHeavy = dayCost(
      makeUsage(DAY, (i) => (i < 48 ? 1 : 3)),
      prices,
      DAY,
    ).day;
    const feedIn = render(<UsageSummary day={dearHeavy} kind="feed_in" />);
    expect(feedIn).toContain('Earnings');
    expect(feedIn).toContain('Energy fed in');
    expect(feedIn).toContain('above the day’s average payout: you fed in when it paid well');
    expect(feedIn).toContain('text-emerald-700');
    expect(render(<UsageSummary day={dearHeavy} kind="consumption" />)).toContain('text-rose-700');
  });

  it('speaks German with de-DE numbers for a German customer', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 48 ? 10 : 30) });
    const { day } = dayCost(
      makeUsage(DAY, (i) => (i < 48 ? 3 : 1), false),
      prices,
      DAY,
    );
    const html = render(<UsageSummary day={day} kind="consumption" />, 'de');
    expect(html).toContain('Verbrauch</dt>');
    expect(html).toContain('Kosten</dt>');
    expect(html).toContain('Durchschnittlich gezahlter Preis</dt>');
    expect(html).toContain('Tagesdurchschnitt des Strompreises</dt>');
    expect(html).toContain('data-testid="usage-energy">192,00\u00a0kWh</dd>');
    expect(html).toContain('data-testid="usage-cost">28,80\u00a0€</dd>');
    expect(html).toContain('data-testid="usage-paid-average">15,00\u00a0ct/kWh</dd>');
    expect(html).toContain('data-testid="usage-plain-average">20,00\u00a0ct/kWh</dd>');
    expect(html).toContain(
      'Ihr durchschnittlich gezahlter Preis liegt <strong class="text-emerald-700 dark:text-emerald-300">25\u00a0%</strong> unter dem Tagesdurchschnitt',
    );
    expect(html).toContain('Vorläufige Messwerte: Der Messstellenbetreiber kann sie noch korrigieren.');
    const feedIn = render(<UsageSummary day={day} kind="feed_in" />, 'de');
    expect(feedIn).toContain('Eingespeist</dt>');
    expect(feedIn).toContain('Vergütung</dt>');
  });
});

describe('UsageChart', () => {
  it('hatches a missing reading instead of drawing a zero bar, on the 100 quarter-hours of the autumn DST day', () => {
    const date = '2026-10-25';
    const { rows } = dayCost(
      makeUsage(date, (i) => (i === 5 ? null : 0.2)),
      makeIntervals(date),
      date,
    );
    const html = render(<UsageChart rows={rows} date={date} kind="consumption" />);
    // One gap in each panel (energy and cost): the 6th of the day's 100 quarter-hours, x 50–60 of 1000.
    expect(html.match(/<path d="M50,0H60V120H50Z" fill="url\(#/g)).toHaveLength(2);
    // The 99 bars of each panel are one shape on each side of the gap, not an element each.
    const bars = [...html.matchAll(/<path d="([^"]+)" class="fill-/g)].map((match) => match[1] ?? '');
    expect(bars).toHaveLength(2);
    for (const d of bars) expect(d.match(/M/g)).toHaveLength(2);
    expect(html).not.toMatch(/<rect [^>]*class="fill-/);
    expect(html).toContain('Cost per quarter-hour (ct)');
  });

  it('labels its panels and scales in the customer’s language', () => {
    const { rows } = dayCost(
      makeUsage(DAY, () => 0.25),
      makeIntervals(DAY, { amount: () => 30 }),
      DAY,
    );
    const german = render(<UsageChart rows={rows} date={DAY} kind="consumption" />, 'de');
    expect(german).toContain('Verbrauch je Viertelstunde (kWh)');
    expect(german).toContain('Kosten je Viertelstunde (ct)');
    expect(german).toMatch(/Skala bis \d+,\d{3}/);
    expect(german).toContain('Schraffiert:');
    expect(render(<UsageChart rows={rows} date={DAY} kind="feed_in" />, 'de')).toContain(
      'Vergütung je Viertelstunde (ct)',
    );
    expect(render(<UsageChart rows={rows} date={DAY} kind="feed_in" />)).toContain('Earnings per quarter-hour (ct)');
  });
});

describe('UsageTable and PeriodSummaryTable', () => {
  it('write every quarter-hour and every day in the customer’s numbers', () => {
    const usage = makeUsage(DAY, (i) => (i === 1 ? null : 0.125));
    const { rows } = dayCost(usage, makeIntervals(DAY, { amount: (i) => (i === 2 ? null : 30.5) }), DAY);
    const english = render(<UsageTable rows={rows} date={DAY} kind="consumption" />);
    expect(english).toContain('Usage and cost on Friday, 20 November 2026');
    expect(english).toContain('00:00–00:15');
    expect(english).toContain('>0.125<');
    expect(english).toContain('>30.50<');
    expect(english).toContain('no reading');
    expect(english).toContain('no price');
    const german = render(<UsageTable rows={rows} date={DAY} kind="consumption" />, 'de');
    expect(german).toContain('Verbrauch und Kosten am Freitag, 20. November 2026');
    expect(german).toContain('>0,125<');
    expect(german).toContain('kein Messwert');
    expect(german).toContain('kein Preis');

    const summary = periodSummary(
      usage,
      makeIntervals('2026-11-18', { days: 3, amount: () => 30.5 }),
      '2026-11-18',
      DAY,
    );
    const period = render(<PeriodSummaryTable title="Letzte 7 Tage" summary={summary} kind="consumption" />, 'de');
    expect(period).toContain('(Mi. 18. Nov. – Fr. 20. Nov.)');
    expect(period).toContain('keine Messwerte');
    expect(period).toContain('11,88<span class="text-slate-500"> (unvollständig)</span>');
    expect(period).toContain('Gesamt (1 Tag)');
    expect(period).toContain('3,62\u00a0€');
    const englishPeriod = render(<PeriodSummaryTable title="Last 7 days" summary={summary} kind="feed_in" />);
    expect(englishPeriod).toContain('Total, 1 day');
    expect(englishPeriod).toContain('Earnings (€)');
    expect(englishPeriod).toContain('€3.62');
  });
});

describe('ShiftingCard', () => {
  const prices = makeIntervals(DAY, { amount: (i) => (i < 48 ? 10 : 30) });
  const flat = dayCost(
    makeUsage(DAY, () => 1),
    prices,
    DAY,
  ).rows;

  it('names the saving and the assumption, in English and German', () => {
    const result = shiftingSavings(flat, 30);
    const english = render(<ShiftingCard result={result} sharePercent={30} hiddenParams={[]} />);
    expect(english).toContain('What shifting could have saved');
    expect(english).toContain('Assumes that 30% of the day’s energy');
    expect(english).toContain('to the cheapest 29 quarter-hours');
    expect(english).toContain('data-testid="shifting-savings">€2.88</strong>');
    const german = render(<ShiftingCard result={result} sharePercent={50} hiddenParams={[]} />, 'de');
    expect(german).toContain('Hätte sich Verschieben gelohnt?');
    expect(german).toContain('Annahme: 50\u00a0% Ihres Tagesverbrauchs');
    expect(german).toContain('in die 29 günstigsten Viertelstunden verschoben (Durchschnitt 10,00\u00a0ct/kWh)');
    expect(german).toContain('data-testid="shifting-savings">2,88\u00a0€</strong> gespart.');
    expect(german).toContain('Verschiebbarer Anteil des Verbrauchs');
    expect(german).toContain('Neu berechnen');
  });

  it('says when shifting would not have helped, and when there is nothing to compare', () => {
    const cheapOnly = dayCost(
      makeUsage(DAY, (i) => (i < 48 ? 1 : 0)),
      prices,
      DAY,
    ).rows;
    const result = shiftingSavings(cheapOnly, 30);
    expect(render(<ShiftingCard result={result} sharePercent={30} hiddenParams={[]} />)).toContain(
      '<strong>Nothing to gain:</strong>',
    );
    expect(render(<ShiftingCard result={result} sharePercent={30} hiddenParams={[]} />, 'de')).toContain(
      '<strong>Verschieben hätte sich nicht gelohnt:</strong>',
    );
    expect(render(<ShiftingCard result={null} sharePercent={30} hiddenParams={[]} />)).toContain(
      'There is no priced usage on this day',
    );
  });
});

describe('DayNav in the usage view', () => {
  const hrefFor = (date: string | null) => `/dashboard/usage${date ? `?date=${date}` : ''}`;
  const nav = (
    <DayNav date="2026-11-20" home={{ date: '2026-11-22', label: 'latest' }} last="2026-11-22" hrefFor={hrefFor} />
  );

  it('gives each day link a name that starts with its visible date, without an aria-label', () => {
    const html = render(nav);
    expect(html).not.toMatch(/<a [^>]*aria-label/);
    expect(html).toContain(
      '<span aria-hidden="true">←</span> Thursday, 19 November 2026<span class="sr-only">, previous day</span></a>',
    );
    expect(html).toContain(
      'Saturday, 21 November 2026<span class="sr-only">, next day</span> <span aria-hidden="true">→</span></a>',
    );
    expect(html).toContain('Latest day');
    expect(html).toContain('Showing Friday, 20 November 2026');
    const german = render(nav, 'de');
    expect(german).toContain('aria-label="Tag auswählen"');
    expect(german).toContain('Donnerstag, 19. November 2026<span class="sr-only">, vorheriger Tag</span>');
    expect(german).toContain('Samstag, 21. November 2026<span class="sr-only">, nächster Tag</span>');
    expect(german).toContain('Neuester Tag');
    expect(german).toContain('Angezeigt: Freitag, 20. November 2026');
  });

  it('offers no day after the last one, and no way back when on the day the view starts on', () => {
    const latest = render(
      <DayNav date="2026-11-22" home={{ date: '2026-11-22', label: 'latest' }} last="2026-11-22" hrefFor={hrefFor} />,
    );
    expect(latest).not.toContain('next day');
    expect(latest).not.toContain('Latest day');
    expect(latest).toContain('previous day');
  });
});
