import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MINUS } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import { withIntl } from '@/lib/testing/intl';
import { PriceChart, type PriceChartProps } from './price-chart';

const NBSP = '\u00a0';

function render(props: Partial<PriceChartProps> & Pick<PriceChartProps, 'intervals' | 'days'>, locale: Locale = 'en') {
  return renderToStaticMarkup(withIntl(<PriceChart now={null} view="total" {...props} />, locale));
}

describe('PriceChart', () => {
  it('draws a null price as a gap: the line breaks and the interval reads "no price yet"', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i === 50 ? null : 10) });
    const html = render({ intervals, days: ['2026-11-23'] });
    const line = /<path d="([^"]+)" fill="none"/.exec(html)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
    expect(html).toContain('aria-label="12:30–12:45: no price yet"');
  });

  it('labels an unpublished day instead of drawing zeros', () => {
    const intervals = makeIntervals('2026-11-23');
    const html = render({ intervals, days: ['2026-11-23', '2026-11-24'], unpublishedNote: 'Published around 14:00' });
    expect(html).toContain('Published around 14:00');
    expect(html.match(/tabindex="0"/g)).toHaveLength(96);
  });

  it('puts the zero line inside the scale when prices are negative', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i < 10 ? -8 : 30) });
    const html = render({ intervals, days: ['2026-11-23'] });
    expect(html).toContain(`>${MINUS}10.00<`);
    expect(html).toContain('>0.00<');
    expect(html).toContain(`aria-label="00:00–00:15: ${MINUS}8.00${NBSP}ct/kWh"`);
    const german = render({ intervals, days: ['2026-11-23'] }, 'de');
    expect(german).toContain(`>${MINUS}10,00<`);
    expect(german).toContain(`aria-label="00:00–00:15: ${MINUS}8,00${NBSP}ct/kWh"`);
  });

  it('draws any number of intervals: 23 hours of an hourly plan on the spring day', () => {
    const intervals = makeIntervals('2026-03-29', { resolution: 'hourly' });
    const html = render({ intervals, days: ['2026-03-29'] });
    expect(html.match(/role="img"/g)).toHaveLength(23);
    expect(html).toContain(`aria-label="01:00–03:00: 10.00${NBSP}ct/kWh"`);
  });

  it('marks the current interval', () => {
    const start = startOfBerlinDay('2026-11-23');
    const html = render({
      intervals: makeIntervals('2026-11-23'),
      days: ['2026-11-23'],
      now: start + 14 * 3_600_000 + 20 * 60_000,
    });
    expect(html).toContain(`aria-label="Now, 14:15–14:30: 10.00${NBSP}ct/kWh"`);
    expect(html).toContain(`data-tip="Now · 14:15–14:30: 10.00${NBSP}ct/kWh"`);
    expect(html).toContain('Now 14:20');
  });

  it('speaks German: labels, tooltips, the day names and the screen-reader summary', () => {
    const start = startOfBerlinDay('2026-11-23');
    const html = render(
      {
        intervals: makeIntervals('2026-11-23', { amount: (i) => (i === 50 ? null : 10 + i / 10) }),
        days: ['2026-11-23', '2026-11-24'],
        now: start + 14 * 3_600_000 + 20 * 60_000,
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
    expect(html).toContain('aria-label="12:30–12:45: noch kein Preis"');
    expect(html).toContain(
      `aria-label="Jetzt, 14:15–14:30: 15,70${NBSP}ct/kWh (Energie 0,70, Netzentgelte 10,00, Steuern &amp; Abgaben 5,00)"`,
    );
    expect(html).toContain('Mo. 23. Nov. und Di. 24. Nov.: Tiefstwert');
    expect(html).toContain('Di. 24. Nov.: Die Preise für morgen erscheinen gegen 14:00 Uhr.');
    expect(html).toContain('>Bestandteile<');
    expect(html).toContain('aria-label="Diagrammansicht"');
    expect(html).toContain('Rot gestrichelte Linie: jetzt.');
  });
});
