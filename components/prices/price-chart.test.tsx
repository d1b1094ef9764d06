import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatFor, MINUS } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import type { PriceInterval } from '@/lib/prices/types';
import { withIntl } from '@/lib/testing/intl';
import { PriceChart, type PriceChartProps } from './price-chart';
import { packRows, priceRows, rowRange, tipPatterns, tipText, unpackRows } from './price-rows';

const NBSP = '\u00a0';

function render(props: Partial<PriceChartProps> & Pick<PriceChartProps, 'intervals' | 'days'>, locale: Locale = 'en') {
  return renderToStaticMarkup(withIntl(<PriceChart now={null} view="total" {...props} />, locale));
}

/**
 * What the chart's tooltip and live region say for each interval: the rows
 * and patterns the chart hands its client leaf, filled as the browser does.
 */
function tips(
  intervals: PriceInterval[],
  days: string[],
  {
    locale = 'en',
    view = 'total',
    now = null,
  }: { locale?: Locale; view?: 'total' | 'components'; now?: number | null } = {},
) {
  const from = startOfBerlinDay(days[0] ?? '');
  const patterns = tipPatterns(translatorFor(locale, 'Chart'));
  const format = formatFor(locale);
  return priceRows(intervals, from, format).map((row, i) => {
    const interval = intervals[i];
    const current = now !== null && interval !== undefined && interval.start <= now && now < interval.end;
    return tipText(row, rowRange(row, from, format), patterns, view, current);
  });
}

describe('PriceChart', () => {
  it('draws a null price as a gap: the line breaks and the interval reads "no price yet"', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i === 50 ? null : 10) });
    const html = render({ intervals, days: ['2026-11-23'] });
    const line = /<path d="([^"]+)" fill="none"/.exec(html)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
    expect(tips(intervals, ['2026-11-23'])[50]).toBe('12:30–12:45: no price yet');
  });

  it('labels an unpublished day instead of drawing zeros, with a few shapes rather than one per interval', () => {
    const intervals = makeIntervals('2026-11-23');
    const html = render({ intervals, days: ['2026-11-23', '2026-11-24'], unpublishedNote: 'Published around 14:00' });
    expect(html).toContain('Published around 14:00');
    // Line, area, gap with its hatch, grid and zero line: no element per interval.
    expect(html.match(/<(path|rect|line|use)\b/g)?.length ?? 0).toBeLessThan(20);
    expect(html).not.toContain('tabindex');
    expect(tips(intervals, ['2026-11-23', '2026-11-24'])).toHaveLength(96);
  });

  it('draws the plot as a tab stop in the HTML only for a browser known to run scripts', () => {
    const intervals = makeIntervals('2026-11-23');
    const unknown = render({ intervals, days: ['2026-11-23'] });
    expect(unknown).not.toContain('tabindex');
    expect(unknown).not.toContain('role="group"');
    // Known: the tab stop, its name and its hint come from the server, so hydrating changes nothing.
    const known = render({ intervals, days: ['2026-11-23'], scripts: true });
    const plot = /<div[^>]*data-testid="price-chart-plot"[^>]*>/.exec(known)?.[0] ?? '';
    expect(plot).toContain('tabindex="0"');
    expect(plot).toContain('role="group"');
    const hint = /aria-describedby="([^"]+)"/.exec(plot)?.[1];
    expect(known).toMatch(new RegExp(`<p id="${hint}" class="sr-only">[^<]*arrow keys`));
  });

  it('puts the zero line inside the scale when prices are negative', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i < 10 ? -8 : 30) });
    const html = render({ intervals, days: ['2026-11-23'] });
    expect(html).toContain(`>${MINUS}10.00<`);
    expect(html).toContain('>0.00<');
    // The area twice, each copy clipped to its side of zero.
    expect(html.match(/<use\b/g)).toHaveLength(2);
    expect(html.match(/<clipPath\b/g)).toHaveLength(2);
    expect(tips(intervals, ['2026-11-23'])[0]).toBe(`00:00–00:15: ${MINUS}8.00${NBSP}ct/kWh`);
    const german = render({ intervals, days: ['2026-11-23'] }, 'de');
    expect(german).toContain(`>${MINUS}10,00<`);
    expect(tips(intervals, ['2026-11-23'], { locale: 'de' })[0]).toBe(`00:00–00:15: ${MINUS}8,00${NBSP}ct/kWh`);
  });

  it('draws only what the day needs: one area path and no patterns without negative prices or gaps', () => {
    const html = render({ intervals: makeIntervals('2026-11-23'), days: ['2026-11-23'] });
    expect(html).toMatch(/<path d="M[^"]+Z" class="fill-sky-500\/20/);
    expect(html).not.toMatch(/<(use|clipPath|pattern|defs)\b/);
    const withGap = render({
      intervals: makeIntervals('2026-11-23', { amount: (i) => (i === 50 ? null : 10) }),
      days: ['2026-11-23'],
    });
    expect(withGap.match(/<pattern\b/g)).toHaveLength(1);
  });

  it('draws any number of intervals: 23 hours of an hourly plan on the spring day', () => {
    const intervals = makeIntervals('2026-03-29', { resolution: 'hourly' });
    const html = render({ intervals, days: ['2026-03-29'] });
    const all = tips(intervals, ['2026-03-29']);
    expect(all).toHaveLength(23);
    expect(all[1]).toBe(`01:00–03:00: 10.00${NBSP}ct/kWh`);
    // One unbroken line across the skipped hour.
    const line = /<path d="([^"]+)" fill="none"/.exec(html)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(1);
  });

  it('marks the current interval', () => {
    const start = startOfBerlinDay('2026-11-23');
    const now = start + 14 * 3_600_000 + 20 * 60_000;
    const intervals = makeIntervals('2026-11-23');
    const html = render({ intervals, days: ['2026-11-23'], now });
    expect(tips(intervals, ['2026-11-23'], { now })[57]).toBe(`Now · 14:15–14:30: 10.00${NBSP}ct/kWh`);
    expect(html).toContain('Now 14:20');
    // The current interval is shaded, and the dashed line marks now.
    expect(html).toContain('class="fill-rose-500/15"');
    expect(html).toContain('stroke-dasharray="5 3"');
  });

  it('speaks German: labels, tooltips, the day names and the screen-reader summary', () => {
    const start = startOfBerlinDay('2026-11-23');
    const now = start + 14 * 3_600_000 + 20 * 60_000;
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i === 50 ? null : 10 + i / 10) });
    const html = render(
      {
        intervals,
        days: ['2026-11-23', '2026-11-24'],
        now,
        relativeDays: { '2026-11-23': 'today', '2026-11-24': 'tomorrow' },
        view: 'components',
        viewHrefs: { total: '?', components: '?view=components' },
        unpublishedNote: 'Die Preise für morgen erscheinen gegen 14:00 Uhr',
      },
      'de',
    );
    expect(html).toContain('Heute · Mo. 23. Nov.');
    expect(html).toContain('Morgen · Di. 24. Nov.');
    expect(html).toContain('Jetzt 14:20');
    const german = tips(intervals, ['2026-11-23', '2026-11-24'], { locale: 'de', view: 'components', now });
    expect(german[50]).toBe('12:30–12:45: noch kein Preis');
    expect(german[57]).toBe(
      `Jetzt · 14:15–14:30: 15,70${NBSP}ct/kWh (Energie 0,70, Netzentgelte 10,00, Steuern & Abgaben 5,00)`,
    );
    expect(html).toContain('Mo. 23. Nov. und Di. 24. Nov.: Tiefstwert');
    expect(html).toContain('Di. 24. Nov.: Die Preise für morgen erscheinen gegen 14:00 Uhr.');
    expect(html).toContain('>Bestandteile<');
    expect(html).toContain('aria-label="Diagrammansicht"');
    expect(html).toContain('Rot gestrichelte Linie: jetzt.');
  });
});

describe('packRows', () => {
  it('gives back the rows it packed: missing prices, missing components and an interval of another length', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i === 2 ? null : -3.1 + i) }).slice(0, 4);
    const last = intervals[3];
    if (last) intervals[3] = { ...last, end: last.end + 15 * 60_000, components: null };
    const rows = priceRows(intervals, startOfBerlinDay('2026-11-23'), formatFor('de'));
    const packed = packRows(rows, 15);
    // Grid fees and levies repeat the row above; the starts follow on; 45–75 is half an hour.
    expect(packed.text).toBe(
      ` ${MINUS}3,10 ${MINUS}18,10 10,00 5,00; ${MINUS}2,10 ${MINUS}17,10  ; - - - -;45/75 −0,10   `,
    );
    expect(unpackRows(packed)).toEqual(rows);
    expect(unpackRows(packRows([], 15))).toEqual([]);
    const shifted = priceRows(intervals.slice(1), startOfBerlinDay('2026-11-23'), formatFor('en'));
    expect(unpackRows(packRows(shifted, 15))).toEqual(shifted);
  });
});
