import { createTranslator } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { formatFor } from '@/lib/i18n/format';
import { messagesFor } from '@/lib/i18n/messages';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import { dayStats } from '@/lib/prices/stats';

import { CheapestWindowFormText } from './cheapest-window-form';
import { windowOptions, type WindowFormWords } from './window-text';

const DAY = '2026-11-23';
const HOUR = 3_600_000;

function options(locale: 'de' | 'en') {
  // 20 ct all day, 10 ct from 02:00 to 04:00 tomorrow.
  const intervals = makeIntervals(DAY, { days: 2, amount: (i) => (i >= 104 && i < 112 ? 10 : 20) });
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'Window' });
  return windowOptions(
    {
      intervals,
      from: startOfBerlinDay(DAY) + 12 * HOUR,
      live: true,
      date: DAY,
      kind: 'consumption',
      dayAverages: { [DAY]: dayStats(intervals, DAY).average, '2026-11-24': dayStats(intervals, '2026-11-24').average },
      nextDayPublished: true,
    },
    '15min',
    { t, format: formatFor(locale) },
  );
}

const words: WindowFormWords = {
  durationLabel: 'Wie lange läuft das Gerät?',
  submit: 'Günstigste Zeit finden',
  calendar: 'In den Kalender (.ics)',
  link: 'Link zu dieser Antwort',
  copy: 'Link kopieren',
  copied: 'Kopiert',
};

describe('CheapestWindowForm', () => {
  it('renders with no messages and no formatter: every word and figure comes from the server', () => {
    // No NextIntlClientProvider around it: a translation or format call in the form would throw here.
    const html = renderToStaticMarkup(
      <CheapestWindowFormText
        options={JSON.stringify(options('de'))}
        words={words}
        initialDuration={120}
        hiddenParams={[['subscription', 'sub_1']]}
        share={{ appUrl: 'https://hems.example', subscription: 'sub_1', date: DAY }}
      />,
    );
    expect(html).toContain('Günstigster Zeitraum für 2 Std., morgen, Di. 24. Nov.');
    expect(html).toContain('02:00–04:00');
    expect(html).toContain('<option value="120" selected="">2 Std.</option>');
    expect(html).toContain('/dashboard/calendar?subscription=sub_1&amp;date=2026-11-23&amp;duration=120');
    expect(html.match(/<option /g)).toHaveLength(16);
  });

  it('has the copy button in its HTML only for a browser known to run scripts', () => {
    const render = (scripts: boolean) =>
      renderToStaticMarkup(
        <CheapestWindowFormText
          options={JSON.stringify(options('de'))}
          words={words}
          initialDuration={120}
          hiddenParams={[]}
          share={{ appUrl: 'https://hems.example', subscription: 'sub_1', date: DAY }}
          scripts={scripts}
        />,
      );
    // Unknown: the selectable field only; the button comes once the page runs its script.
    expect(render(false)).not.toContain('Link kopieren');
    // Known: the button is there from the start, so hydrating changes nothing.
    expect(render(true)).toMatch(/<button type="button"[^>]*>Link kopieren<\/button>/);
    expect(render(true)).toContain(
      'value="https://hems.example/dashboard?subscription=sub_1&amp;date=2026-11-23&amp;duration=120"',
    );
  });

  it('writes each duration’s answer and the chart band’s label in the page’s language', () => {
    const english = options('en');
    expect(english.map((option) => option.minutes)).toContain(480);
    const twoHours = english.find((option) => option.minutes === 120);
    expect(twoHours).toMatchObject({ label: '2 hrs', band: 'Cheapest 2 hrs' });
    expect(twoHours?.answer).toMatchObject({ kind: 'found', range: '02:00–04:00' });
    // The bold parts stay apart from the plain ones, for <strong>.
    expect(twoHours?.answer.kind === 'found' && twoHours.answer.averageText).toEqual([
      'Average ',
      '10.00\u00a0ct/kWh',
      '',
    ]);
  });
});
