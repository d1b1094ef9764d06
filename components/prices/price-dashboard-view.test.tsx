import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import {
  EndedSubscription,
  NoPrices,
  NoSubscription,
  PendingSubscription,
} from '@/components/subscriptions/subscription-state';
import { SubscriptionSwitcher } from '@/components/subscriptions/subscription-switcher';
import { DayNav } from '@/components/ui/day-nav';
import type { Locale } from '@/lib/i18n/locales';
import de from '@/lib/i18n/messages/de.json';
import en from '@/lib/i18n/messages/en.json';
import { makeSubscription } from '@/lib/nomos/fixtures';
import type { Subscription } from '@/lib/nomos/reshape';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { englishOnlyPhrases, phrasesIn, readableHtml } from '@/lib/testing/icu';
import { withIntl } from '@/lib/testing/intl';
import { PriceDashboardSkeleton } from './loading-skeleton';
import { PriceDashboardView, type PriceDashboardViewProps } from './price-dashboard-view';

const HOUR = 3_600_000;
const TODAY = '2026-11-23';
const NOW = startOfBerlinDay(TODAY) + 10 * HOUR + 5 * 60_000; // 10:05

function render(overrides: Partial<PriceDashboardViewProps> = {}, locale: Locale = 'en') {
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
  return renderToStaticMarkup(withIntl(<PriceDashboardView {...props} />, locale));
}

function count(html: string, needle: string) {
  return html.split(needle).length - 1;
}

describe('PriceDashboardView', () => {
  it('says tomorrow is unpublished instead of drawing it as zeros', () => {
    const html = render();
    expect(html).toContain('Tomorrow’s prices are published around 14:00');
    expect(html).not.toMatch(/[^\d,.]0\.00\sct\/kWh/);
    expect(count(html, 'data-testid="price-row"')).toBe(96);
    expect(html).toContain('data-testid="price-chart"');
  });

  it('reads "no price yet" for null amounts, in the table and the chart', () => {
    const series = makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 40 && i < 44 ? null : 20) }));
    const html = render({ series });
    expect(count(html, '>no price yet<')).toBe(4);
    // The chart hatches the hour (10:00–11:00 of the two days drawn) instead of drawing zeros.
    expect(html).toContain('M208.33,0H229.17V300H208.33Z');
    expect(html).toMatch(/10:00–10:15 <span[^>]*>now<\/span><\/th><td><span[^>]*>no price yet</);
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
    const html = render({
      series: makeSeries(makeIntervals(TODAY, { resolution: 'hourly' }), 'hourly'),
      durationMinutes: 45,
    });
    expect(html).not.toContain('<option value="15">');
    expect(html).toContain('<option value="60" selected="">1 hr</option>');
    expect(count(html, 'data-testid="price-row"')).toBe(24);
  });

  it('explains a window longer than the prices left', () => {
    const html = render({ durationMinutes: 480, now: startOfBerlinDay(TODAY) + 20 * HOUR + 47 * 60_000 });
    expect(html).toContain(
      'Only <strong class="tabular-nums">3 hrs 15 mins</strong> of prices left, not enough for 8 hrs.',
    );
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
    const html = renderToStaticMarkup(withIntl(<PriceDashboardSkeleton />));
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Loading prices…');
    expect(renderToStaticMarkup(withIntl(<PriceDashboardSkeleton />, 'de'))).toContain('Preise werden geladen …');
  });
});

describe('PriceDashboardView in German', () => {
  it('speaks German with de-DE numbers, dates and durations', () => {
    const html = render({}, 'de');
    expect(html).toContain('Strompreis jetzt, 10:00–10:15');
    expect(html).toMatch(/>\d+,\d\d\u00a0ct\/kWh</);
    expect(html).not.toMatch(/\d\.\d\d\u00a0ct\/kWh/);
    expect(html).toMatch(/>(Jetzt günstig|Jetzt teuer|Etwa durchschnittlich)</);
    expect(html).toContain('Tiefstwert heute');
    expect(html).toContain('Die Preise für morgen erscheinen gegen 14:00 Uhr');
    expect(html).toContain('Heute · Mo. 23. Nov.');
    expect(html).toContain('Morgen · Di. 24. Nov.');
    expect(html).toContain('Günstigste Zeit zum Starten');
    expect(html).toContain('<option value="120" selected="">2 Std.</option>');
    expect(html).toContain('<option value="90">1 Std. 30 Min.</option>');
    expect(html).toContain('Günstigste Zeit finden');
    expect(html).toContain('Alle Preise als Tabelle anzeigen');
    expect(html).toContain('Preise am Montag, 23. November 2026');
    expect(html).toContain('ct/kWh, Gesamtpreis inkl. MwSt.');
  });

  it('says "noch kein Preis" for a missing price and plans around it', () => {
    const series = makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 40 && i < 44 ? null : 20) }));
    const html = render({ series }, 'de');
    expect(count(html, '>noch kein Preis<')).toBe(4);
    expect(html).toMatch(/10:00–10:15 <span[^>]*>jetzt<\/span><\/th><td><span[^>]*>noch kein Preis</);
    expect(html).toContain('Für den aktuellen Zeitraum gibt es noch keinen Preis');
    expect(html).toContain('Für 4 Zeiträume gibt es noch keinen Preis; sie fehlen in diesen Werten.');
    expect(html).toContain('Kein Vergleich mit einem Start jetzt möglich');
  });

  it('words feed-in as Einspeisevergütung', () => {
    const html = render({ kind: 'feed_in', appUrl: 'https://hems.example' }, 'de');
    expect(html).toContain('Einspeisevergütung jetzt, 10:00–10:15');
    expect(html).toContain('Beste Zeit zum Einspeisen');
    expect(html).toContain('Wie lange möchten Sie einspeisen?');
    expect(html).toContain('Vergütung pro kWh');
    expect(html).toContain('höchste Vergütung');
    expect(html).toContain('Zum Kalender hinzufügen (.ics)');
  });

  it('explains a too-long window and a past day in German', () => {
    const tooLong = render({ durationMinutes: 480, now: startOfBerlinDay(TODAY) + 20 * HOUR + 47 * 60_000 }, 'de');
    expect(tooLong).toContain(
      'Es gibt nur noch für <strong class="tabular-nums">3 Std. 15 Min.</strong> Preise – für 8 Std. zu wenig.',
    );
    // A sentence that would end in an abbreviation ("8 Std.") gets no second full stop.
    expect(tooLong).not.toMatch(/(Std|Min)\.\./);
    const past = render({ series: makeSeries(makeIntervals('2026-11-20', { days: 2 })), date: '2026-11-20' }, 'de');
    expect(past).toContain('Tagesübersicht');
    expect(past).toContain('Freitag, 20. November 2026');
    expect(past).toContain('Durchschnitt <span class="font-semibold tabular-nums">10,00\u00a0ct/kWh</span>');
  });
});

const OUR_NAMESPACES = ['Dashboard', 'Prices', 'DayNav', 'Chart', 'Window', 'Subscriptions'] as const;
const ours = (catalogue: typeof en) => Object.fromEntries(OUR_NAMESPACES.map((ns) => [ns, catalogue[ns]]));

const subscription = (overrides: Partial<Subscription>) =>
  makeSubscription({ id: 'sub_1', number: '100234', ...overrides });

/** Every state of the page's parts, in one language. */
function everything(locale: Locale): string {
  const late = startOfBerlinDay(TODAY) + 21 * HOUR;
  const nullsFromEight = makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 80 ? null : 20 + (i % 7)) }));
  const wrap = (ui: React.ReactNode) => renderToStaticMarkup(withIntl(ui, locale));
  return [
    render({ appUrl: 'https://hems.example' }, locale),
    render({ series: makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 40 && i < 44 ? null : 20) })) }, locale),
    render({ kind: 'feed_in', appUrl: 'https://hems.example' }, locale),
    render(
      { kind: 'feed_in', series: makeSeries(makeIntervals(TODAY, { amount: (i) => (i >= 40 && i < 44 ? null : 20) })) },
      locale,
    ),
    render({ view: 'components' }, locale),
    render({ series: makeSeries(makeIntervals('2026-11-20', { days: 2 })), date: '2026-11-20' }, locale),
    render({ series: makeSeries(makeIntervals('2026-11-20')), date: '2026-11-20', durationMinutes: 45 }, locale),
    render({ durationMinutes: 480, now: startOfBerlinDay(TODAY) + 20 * HOUR + 47 * 60_000 }, locale),
    render(
      { durationMinutes: 480, kind: 'feed_in', series: makeSeries(makeIntervals('2026-11-20')), date: '2026-11-20' },
      locale,
    ),
    render({ series: makeSeries(makeIntervals(TODAY, { amount: (i) => (i === 70 ? null : 20 + (i % 5)) })) }, locale),
    render(
      {
        series: makeSeries(makeIntervals('2026-11-20', { amount: (i) => (i % 8 === 7 ? null : 20) })),
        date: '2026-11-20',
        durationMinutes: 480,
      },
      locale,
    ),
    render({ series: nullsFromEight, now: late }, locale),
    render({ series: nullsFromEight, now: late, kind: 'feed_in' }, locale),
    render(
      { series: makeSeries(makeIntervals(TODAY, { days: 2, resolution: 'hourly' }), 'hourly'), now: late },
      locale,
    ),
    wrap(<PriceDashboardSkeleton />),
    wrap(
      <DayNav
        date="2026-11-20"
        home={{ date: TODAY, label: 'today' }}
        last="2026-11-24"
        hrefFor={(date) => `/dashboard?date=${date}`}
      />,
    ),
    wrap(
      <DayNav
        date={TODAY}
        home={{ date: TODAY, label: 'today' }}
        last="2026-11-24"
        hrefFor={(date) => `/dashboard?date=${date}`}
      />,
    ),
    wrap(
      <SubscriptionSwitcher
        subscriptions={[
          subscription({}),
          subscription({ id: 'sub_2', kind: 'feed_in', status: 'pending' }),
          subscription({ id: 'sub_3', number: null, status: 'ended' }),
        ]}
        selectedId="sub_1"
        hrefFor={(id) => `/dashboard?subscription=${id}`}
      />,
    ),
    wrap(<NoSubscription />),
    wrap(<PendingSubscription subscription={subscription({ status: 'pending', startAt: Date.UTC(2026, 11, 1) })} />),
    wrap(<PendingSubscription subscription={subscription({ status: 'pending' })} />),
    wrap(<EndedSubscription subscription={subscription({ status: 'ended', endAt: Date.UTC(2026, 10, 1) })} />),
    wrap(<EndedSubscription subscription={subscription({ status: 'ended' })} />),
    wrap(<NoPrices date="2026-11-24" isTomorrow />),
    wrap(<NoPrices date="2026-01-02" isTomorrow={false} />),
  ].join('\n');
}

describe('the German page', () => {
  // Known markup: short words count too.
  const pieceList = englishOnlyPhrases(ours(en), ours(de), { phrase: 2, word: 2 });

  it('checks a meaningful list of English wording', () => {
    expect(pieceList).toEqual(
      expect.arrayContaining(['Price now', 'Cheapest time to run', 'no price yet', 'Copy link']),
    );
    // The same check finds the English wording on the English page.
    expect(phrasesIn(readableHtml(everything('en')), pieceList).length).toBeGreaterThan(100);
  });

  it('shows no English message of the prices dashboard', () => {
    expect(phrasesIn(readableHtml(everything('de')), pieceList)).toEqual([]);
  });
});
