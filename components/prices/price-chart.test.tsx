import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { MINUS } from '@/lib/prices/format';
import { makeIntervals } from '@/lib/prices/fixtures';
import { PriceChart, type PriceChartProps } from './price-chart';

function render(props: Partial<PriceChartProps> & Pick<PriceChartProps, 'intervals' | 'days'>) {
  return renderToStaticMarkup(<PriceChart now={null} view="total" {...props} />);
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
    expect(html).toContain(`>${MINUS}10,00<`);
    expect(html).toContain('>0,00<');
    expect(html).toContain(`aria-label="00:00–00:15: ${MINUS}8,00 ct/kWh"`);
  });

  it('draws any number of intervals: 23 hours of an hourly plan on the spring day', () => {
    const intervals = makeIntervals('2026-03-29', { resolution: 'hourly' });
    const html = render({ intervals, days: ['2026-03-29'] });
    expect(html.match(/role="img"/g)).toHaveLength(23);
    expect(html).toContain('aria-label="01:00–03:00: 10,00 ct/kWh"');
  });

  it('marks the current interval', () => {
    const start = startOfBerlinDay('2026-11-23');
    const html = render({ intervals: makeIntervals('2026-11-23'), days: ['2026-11-23'], now: start + 14 * 3_600_000 + 20 * 60_000 });
    expect(html).toContain('aria-label="Now, 14:15–14:30: 10,00 ct/kWh"');
    expect(html).toContain('Now 14:20');
  });
});
