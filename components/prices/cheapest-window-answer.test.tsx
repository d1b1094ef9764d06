import { useTranslations } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import { dayStats } from '@/lib/prices/stats';
import { useFormat } from '@/lib/i18n/use-format';
import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { withIntl } from '@/lib/testing/intl';
import { answerWindow, type WindowAnswer, type WindowQuery } from '@/lib/prices/window-answer';

import { CheapestWindowAnswer } from './cheapest-window-answer';
import { answerText } from './window-text';

/** The answer as the page shows it: written by `answerText` in the page's language, drawn by `CheapestWindowAnswer`. */
function Answer(props: { answer: WindowAnswer; kind: SubscriptionKind; live: boolean; nextDayPublished: boolean }) {
  const t = useTranslations('Window');
  const format = useFormat();
  return <CheapestWindowAnswer text={answerText(props.answer, { ...props, t, format })} />;
}

const HOUR = 3_600_000;
const DAY = '2026-11-23';
const T0 = startOfBerlinDay(DAY);

function query(overrides: Partial<WindowQuery> = {}): WindowQuery {
  // 20 ct all day, 10 ct from 02:00 to 04:00 tomorrow.
  const intervals = makeIntervals(DAY, { days: 2, amount: (i) => (i >= 104 && i < 112 ? 10 : 20) });
  return {
    intervals,
    from: T0 + 12 * HOUR,
    live: true,
    date: DAY,
    durationMinutes: 120,
    kind: 'consumption',
    dayAverages: { [DAY]: dayStats(intervals, DAY).average, '2026-11-24': dayStats(intervals, '2026-11-24').average },
    nextDayPublished: true,
    ...overrides,
  };
}

describe('answerWindow', () => {
  it('names tomorrow and compares with running now and with tomorrow’s average', () => {
    const answer = answerWindow(query());
    expect(answer.startDay).toEqual({ date: '2026-11-24', tomorrow: true });
    expect(answer.vsNow).toEqual({ ct: 10, percent: 50 });
    expect(answer.vsDay?.ct).toBeCloseTo((10 * 8 + 20 * 88) / 96 - 10);
    const html = renderToStaticMarkup(withIntl(<Answer answer={answer} kind="consumption" live nextDayPublished />));
    expect(html).toContain('Cheapest 2 hrs, Tomorrow, Tue 24 Nov');
    expect(html).toContain('02:00–04:00');
    expect(html).toContain('10.00\u00a0ct/kWh (50%)</strong> cheaper than running now');
  });

  it('says the same in German, with German numbers', () => {
    const answer = answerWindow(query());
    const html = renderToStaticMarkup(
      withIntl(<Answer answer={answer} kind="consumption" live nextDayPublished />, 'de'),
    );
    expect(html).toContain('Günstigster Zeitraum für 2 Std., morgen, Di. 24. Nov.');
    expect(html).toContain('Durchschnitt <strong class="tabular-nums">10,00\u00a0ct/kWh</strong>');
    expect(html).toContain('10,00\u00a0ct/kWh (50\u00a0%)</strong> günstiger als ein Start jetzt');
  });

  it('has no "now" comparison for a past day', () => {
    const answer = answerWindow(query({ live: false, from: T0 }));
    expect(answer.vsNow).toBeNull();
    expect(answer.startDay).toEqual({ date: '2026-11-24', tomorrow: false });
    const html = renderToStaticMarkup(
      withIntl(<Answer answer={answer} kind="consumption" live={false} nextDayPublished />),
    );
    expect(html).toContain('Cheapest 2 hrs, Tue 24 Nov');
    expect(html).not.toContain('running now');
  });

  it('says "start now" instead of comparing now with itself', () => {
    const answer = answerWindow(query({ from: T0 + 26 * HOUR + 5 * 60_000, date: '2026-11-24' }));
    expect(answer.result).toMatchObject({ kind: 'found', startsNow: true });
    const html = renderToStaticMarkup(withIntl(<Answer answer={answer} kind="consumption" live nextDayPublished />));
    expect(html).toContain('Now is the cheapest time to start.');
    expect(html).toContain('start now');
  });

  it('finds the best-paid window for feed-in', () => {
    const answer = answerWindow(query({ kind: 'feed_in' }));
    expect(answer.result).toMatchObject({ kind: 'found', start: T0 + 12 * HOUR, startsNow: true });
    const html = renderToStaticMarkup(withIntl(<Answer answer={answer} kind="feed_in" live nextDayPublished />, 'de'));
    expect(html).toContain('Jetzt ist die beste Zeit zum Einspeisen.');
    expect(html).toContain('jetzt einspeisen');
  });
});
