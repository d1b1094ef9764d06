import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import de from '@/lib/i18n/messages/de.json';
import en from '@/lib/i18n/messages/en.json';
import type { Locale } from '@/lib/i18n/locales';
import type { Subscription } from '@/lib/nomos/reshape';
import { makeIntervals } from '@/lib/prices/fixtures';
import { withIntl } from '@/lib/testing/intl';
import { dayCost, periodSummary } from '@/lib/usage/cost';
import { makeUsage } from '@/lib/usage/fixtures';
import { usagePublishedAt } from '@/lib/usage/publication';
import { shiftingSavings } from '@/lib/usage/shifting';
import type { UsageState } from '@/lib/usage/usage-page';

import { UsageView } from './usage-view';

type Ready = Extract<UsageState, { kind: 'subscription' }>;

const DAY = '2026-11-20';
const anna: Subscription = {
  id: 'sub_anna_home',
  number: '1001',
  status: 'active',
  kind: 'consumption',
  planId: 'plan_dynamic',
  startAt: null,
  endAt: null,
};

/** A day with everything the view can say: partial, unpriced, preliminary, cheaper than average, a saving. */
function readyState(subscription: Subscription): Ready {
  const prices = makeIntervals('2026-11-01', { days: 20, amount: (i) => (i % 96 === 0 ? null : i % 96 < 48 ? 10 : 30) });
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

const render = (state: Ready, locale: Locale) => renderToStaticMarkup(withIntl(<UsageView state={state} params={{}} />, locale));

/** What a person reads or hears: the text between tags and the accessible names. */
function readable(html: string): string {
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1]);
  return `${html.replace(/<[^>]*>/g, '\n')}\n${labels.join('\n')}`;
}

type Tree = { [key: string]: string | Tree };
function values(tree: Tree, path = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${path}${key}`, value] as [string, string]] : values(value, `${path}${key}.`),
  );
}
function lookup(tree: Tree, path: string): string | undefined {
  const value = path.split('.').reduce<string | Tree | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree);
  return typeof value === 'string' ? value : undefined;
}

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
    const ended: Subscription = { ...anna, kind: 'feed_in', status: 'ended', endAt: Date.parse('2026-11-22T23:00:00Z') };
    const state: Ready = { ...readyState(ended), date: '2026-11-22', report: { status: 'unpublished', publishedAt: usagePublishedAt('2026-11-22') } };
    const html = render(state, 'de');
    expect(html).toContain('Messwerte noch nicht veröffentlicht');
    expect(html).toContain('Die Messwerte für diesen Tag (Sonntag, 22. November 2026) veröffentlicht Nomos gegen 16:00 Uhr am Montag, 23. November 2026.');
    expect(html).toContain('Ihr Nomos-Vertrag endete am Montag, 23. November 2026. Ihre Einspeisung wird bis zu diesem Tag angezeigt.');
    const english = render(state, 'en');
    expect(english).toContain('Nomos publishes the meter readings of Sunday, 22 November 2026 around 16:00 on Monday, 23 November 2026.');
  });

  it('leaves no English message of the Usage namespace in the German page', () => {
    const german = [
      render(readyState(anna), 'de'),
      render(readyState({ ...anna, kind: 'feed_in' }), 'de'),
      render({ ...readyState({ ...anna, status: 'ended', endAt: Date.parse('2026-11-22T23:00:00Z') }), report: { status: 'unpublished', publishedAt: usagePublishedAt(DAY) } }, 'de'),
    ]
      .map(readable)
      .join('\n');
    const checked: string[] = [];
    for (const [key, english] of values(en.Usage as Tree)) {
      if (lookup(de.Usage as Tree, key) === english) continue;
      // The literal words between the ICU arguments, tags and plural signs,
      // less the units and the brand, which German writes the same.
      const fragments = english
        .split(/[{}#]|<\/?\w+>/)
        .map((fragment) => fragment.replace(/\((?:kWh|ct|ct\/kWh|€)\)|\bNomos\b/g, '').trim())
        .filter((fragment) => /[A-Za-z]{3}/.test(fragment));
      for (const fragment of fragments) {
        checked.push(fragment);
        expect(german, `English "${fragment}" of Usage.${key}`).not.toContain(fragment);
      }
    }
    // The check looked at the real wording, not only at ICU syntax.
    expect(checked).toContain('What shifting could have saved');
    expect(checked).toContain('Cost per quarter-hour');
  });
});
