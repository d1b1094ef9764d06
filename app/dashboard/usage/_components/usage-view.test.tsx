import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import de from '@/lib/i18n/messages/de.json';
import en from '@/lib/i18n/messages/en.json';
import type { Locale } from '@/lib/i18n/locales';
import { makeSubscription } from '@/lib/nomos/fixtures';
import type { Subscription } from '@/lib/nomos/reshape';
import { makeIntervals } from '@/lib/prices/fixtures';
import { englishOnlyPhrases, readableHtml } from '@/lib/testing/icu';
import { withIntl } from '@/lib/testing/intl';
import { dayCost, periodSummary } from '@/lib/usage/cost';
import { makeUsage } from '@/lib/usage/fixtures';
import { usagePublishedAt } from '@/lib/usage/publication';
import { shiftingSavings } from '@/lib/usage/shifting';
import type { UsageState } from '@/lib/usage/usage-page';

import { UsageView } from './usage-view';

type Ready = Extract<UsageState, { kind: 'subscription' }>;

const DAY = '2026-11-20';
const anna = makeSubscription();

/** A day with everything the view can say: partial, unpriced, preliminary, cheaper than average, a saving. */
function readyState(subscription: Subscription): Ready {
  const prices = makeIntervals('2026-11-01', {
    days: 20,
    amount: (i) => (i % 96 === 0 ? null : i % 96 < 48 ? 10 : 30),
  });
  const usage = [
    ...makeUsage('2026-11-14', () => 0.5),
    ...makeUsage(DAY, (i) => (i >= 94 ? null : i < 48 ? 3 : 1), false),
  ];
  const { day, rows } = dayCost(usage, prices, DAY);
  return {
    kind: 'subscription',
    subscriptions: [subscription],
    subscription,
    now: Date.parse('2026-11-23T15:07:00Z'),
    latest: '2026-11-22',
    date: DAY,
    report: {
      status: 'ready',
      day,
      rows,
      sharePercent: 30,
      shifting: subscription.kind === 'feed_in' ? null : shiftingSavings(rows, 30),
      week: periodSummary(usage, prices, '2026-11-14', DAY),
      month: periodSummary(usage, prices, '2026-11-01', DAY),
    },
  };
}

const render = (state: Ready, locale: Locale) =>
  renderToStaticMarkup(withIntl(<UsageView state={state} params={{}} />, locale));

describe('UsageView', () => {
  it('shows the day in English with en-GB numbers', () => {
    const html = render(readyState(anna), 'en');
    expect(html).toContain('<h1 class="text-2xl font-bold tracking-tight">Usage and cost</h1>');
    expect(html).toContain('Friday, 20 November 2026</h2>');
    expect(html).toContain('data-testid="usage-energy">');
    expect(html).toMatch(/data-testid="usage-cost">€\d+\.\d\d</);
    expect(html).toContain('What shifting could have saved');
    expect(html).toContain('Last 7 days');
    expect(html).toContain('This month so far');
    expect(html).toContain('aria-label="Usage chart"');
  });

  it('shows the day in German with de-DE numbers and dates', () => {
    const html = render(readyState(anna), 'de');
    expect(html).toContain('<h1 class="text-2xl font-bold tracking-tight">Verbrauch und Kosten</h1>');
    expect(html).toContain('← Strompreise und günstigste Zeit');
    expect(html).toContain('Freitag, 20. November 2026</h2>');
    expect(html).toMatch(/data-testid="usage-energy">\d+,\d\d\u00a0kWh</);
    expect(html).toMatch(/data-testid="usage-cost">\d+,\d\d\u00a0€</);
    expect(html).toMatch(/data-testid="usage-paid-average">\d+,\d\d\u00a0ct\/kWh</);
    expect(html).toContain('Unvollständiger Tag: Nur für 94 von 96 Viertelstunden liegt ein Messwert vor.');
    expect(html).toContain('Für 1 Viertelstunde mit Messwert hat Nomos keinen Preis geliefert');
    expect(html).toContain('Hätte sich Verschieben gelohnt?');
    expect(html).toContain('Letzte 7 Tage');
    expect(html).toContain('Laufender Monat');
    expect(html).toContain('(Sa. 14. Nov. – Fr. 20. Nov.)');
    expect(html).toContain('aria-label="Diagramm zu Verbrauch und Kosten"');
    expect(html).toContain('aria-label="Woche und Monat"');
  });

  it('says in German when the usage will be published and when the contract ended', () => {
    const ended: Subscription = {
      ...anna,
      kind: 'feed_in',
      status: 'ended',
      endAt: Date.parse('2026-11-22T23:00:00Z'),
    };
    const state: Ready = {
      ...readyState(ended),
      date: '2026-11-22',
      report: { status: 'unpublished', publishedAt: usagePublishedAt('2026-11-22') },
    };
    const html = render(state, 'de');
    expect(html).toContain('Messwerte noch nicht veröffentlicht');
    expect(html).toContain(
      'Die Messwerte für diesen Tag (Sonntag, 22. November 2026) veröffentlicht Nomos gegen 16:00 Uhr am Montag, 23. November 2026.',
    );
    expect(html).toContain(
      'Ihr Nomos-Vertrag endete am Montag, 23. November 2026. Ihre Einspeisung wird bis zu diesem Tag angezeigt.',
    );
    const english = render(state, 'en');
    expect(english).toContain(
      'Nomos publishes the meter readings of Sunday, 22 November 2026 around 16:00 on Monday, 23 November 2026.',
    );
  });

  it('leaves no English message of the Usage namespace in the German page', () => {
    const german = [
      render(readyState(anna), 'de'),
      render(readyState({ ...anna, kind: 'feed_in' }), 'de'),
      render(
        {
          ...readyState({ ...anna, status: 'ended', endAt: Date.parse('2026-11-22T23:00:00Z') }),
          report: { status: 'unpublished', publishedAt: usagePublishedAt(DAY) },
        },
        'de',
      ),
    ]
      .map(readableHtml)
      .join('\n');
    // Known markup: words of three letters count too.
    const checked = englishOnlyPhrases({ Usage: en.Usage }, { Usage: de.Usage }, { phrase: 3, word: 3 });
    for (const fragment of checked) {
      expect(german, `English "${fragment}" of the Usage messages`).not.toContain(fragment);
    }
    // The check looked at the real wording, not only at ICU syntax.
    expect(checked).toContain('What shifting could have saved');
    expect(checked).toContain('Cost per quarter-hour');
  });
});
