import type { Format } from '@/lib/i18n/format';
import { durationOptions, type Saving, type SubscriptionKind } from '@/lib/prices/cheapest-window';
import type { Resolution } from '@/lib/prices/types';
import { answerWindow, significant, type WindowAnswer, type WindowQuery } from '@/lib/prices/window-answer';

/**
 * A sentence with bold parts, as the server wrote it: the parts alternate,
 * plain at even indices and bold at odd ones (`["Average ", "21.49 ct/kWh", ""]`).
 */
export type Rich = string[];

/** One answer of the cheapest-window form, every word and figure already in the page's language. */
export type AnswerText =
  | { kind: 'message'; text: Rich }
  | {
      kind: 'found';
      /** Epoch ms, for the chart's band and the page's data attributes. */
      start: number;
      end: number;
      average: number;
      /** "Cheapest 2 hrs, Tomorrow, Tue 24 Nov". */
      lead: string;
      /** "02:00–04:00". */
      range: string;
      /** "start now", when the window starts now on a live day. */
      startNow: string | null;
      averageText: Rich;
      /** "(rounded up to whole intervals)". */
      rounded: string | null;
      /** The comparisons: with starting now, with the day's average. */
      comparisons: Rich[];
    };

/** An entry of the duration list: its value, its text, the chart band's label and the answer. */
export type WindowOption = { minutes: number; label: string; band: string; answer: AnswerText };

/** The words around the form, in the page's language. */
export type WindowFormWords = {
  durationLabel: string;
  submit: string;
  calendar: string;
  link: string;
  copy: string;
  copied: string;
};

type Values = Record<string, string>;

/** The `Window` messages this file reads, as next-intl's translator for that namespace provides them. */
export type WindowTranslator = {
  (key: WindowKey, values?: Values): string;
  markup(key: WindowKey, values: Record<string, string | ((chunks: string) => string)>): string;
};

type WindowKey =
  | 'label'
  | 'labelOn'
  | 'startNow'
  | 'average'
  | 'roundedUp'
  | 'startsNow'
  | 'amount'
  | 'vsNow'
  | 'vsDay'
  | 'noComparison'
  | 'noPrices'
  | 'noPricesUnpublished'
  | 'tooLong'
  | 'shorter'
  | 'shorterUnpublished';

// Marks the bold parts in `t.markup`'s text; it cannot occur in a message or a formatted figure.
const MARK = '\u0000';

/** A message with `<b>` tags as `Rich` parts. */
function rich(t: WindowTranslator, key: WindowKey, values: Values): Rich {
  return t.markup(key, { ...values, b: (chunks) => `${MARK}${chunks}${MARK}` }).split(MARK);
}

/**
 * The answer's text, worked out on the server for each duration the form
 * offers: the browser then switches between finished sentences and builds
 * no Intl formatter and no message while the page hydrates.
 */
export function answerText(
  answer: WindowAnswer,
  {
    t,
    format,
    kind,
    live,
    nextDayPublished,
  }: {
    t: WindowTranslator;
    format: Format;
    kind: SubscriptionKind;
    live: boolean;
    nextDayPublished: boolean;
  },
): AnswerText {
  const { result } = answer;
  const duration = format.duration(answer.durationMinutes);
  const unpublished = !nextDayPublished && live;
  if (result.kind === 'no-prices') {
    return { kind: 'message', text: [t(unpublished ? 'noPricesUnpublished' : 'noPrices', { kind })] };
  }
  if (result.kind === 'too-long') {
    const text = rich(t, 'tooLong', {
      kind,
      live: String(live),
      available: format.duration(result.availableMinutes),
      duration,
    });
    text[text.length - 1] += ` ${t(unpublished ? 'shorterUnpublished' : 'shorter')}`;
    return { kind: 'message', text };
  }
  const saving = (key: 'vsNow' | 'vsDay', { ct, percent }: Saving): Rich => {
    const price = format.price(Math.abs(ct));
    return rich(t, key, {
      kind,
      better: String(ct >= 0),
      amount: percent === null ? price : t('amount', { price, percent: format.percent(Math.abs(percent)) }),
    });
  };
  const comparisons: Rich[] = [];
  if (live) {
    if (result.startsNow) comparisons.push([t('startsNow', { kind })]);
    else if (answer.vsNow) comparisons.push(saving('vsNow', answer.vsNow));
    else comparisons.push([t('noComparison', { kind, duration })]);
  }
  if (answer.vsDay) comparisons.push(saving('vsDay', answer.vsDay));
  return {
    kind: 'found',
    start: result.start,
    end: result.end,
    // Twelve significant digits: the float noise of a sum changes no figure shown.
    average: significant(result.average),
    lead: answer.startDay
      ? t('labelOn', {
          kind,
          duration,
          day: answer.startDay.tomorrow ? 'tomorrow' : 'other',
          date: format.shortDate(answer.startDay.date),
        })
      : t('label', { kind, duration }),
    range: format.timeRange(result.start, result.end),
    startNow: result.startsNow && live ? t('startNow', { kind }) : null,
    averageText: rich(t, 'average', { price: format.price(result.average) }),
    rounded: result.end - result.start > answer.durationMinutes * 60_000 ? t('roundedUp') : null,
    comparisons,
  };
}

/**
 * Every duration the form offers for `resolution`, each with its answer
 * found and written: the browser switches between them without the prices,
 * and without formatting a figure or translating a word.
 */
export function windowOptions(
  query: Omit<WindowQuery, 'durationMinutes'>,
  resolution: Resolution,
  { t, format }: { t: WindowTranslator; format: Format },
): WindowOption[] {
  const { kind, live, nextDayPublished } = query;
  return durationOptions(resolution).map((minutes) => {
    const duration = format.duration(minutes);
    const answer = answerText(answerWindow({ ...query, durationMinutes: minutes }), {
      t,
      format,
      kind,
      live,
      nextDayPublished,
    });
    return { minutes, label: duration, band: t('label', { kind, duration }), answer };
  });
}
