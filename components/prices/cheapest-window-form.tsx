'use client';

import { NextIntlClientProvider, useTranslations, type AbstractIntlMessages } from 'next-intl';
import { useEffect, useId, useMemo, useState } from 'react';

import type { Locale } from '@/lib/i18n/locales';
import { useFormat } from '@/lib/i18n/use-format';
import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import type { WindowAnswer } from '@/lib/prices/window-answer';

import { CheapestWindowAnswer } from './cheapest-window-answer';
import { clearWindow, publishWindow, type HighlightedWindow } from './window-store';
import { WindowActions, type WindowShare } from './window-actions';

export type CheapestWindowFormProps = {
  /** The answer for each duration offered, in the order offered. */
  answers: WindowAnswer[];
  kind: SubscriptionKind;
  live: boolean;
  nextDayPublished: boolean;
  initialDuration: number;
  /** Other query parameters to keep when the form is submitted without JavaScript. */
  hiddenParams: [string, string][];
  /** Key of the chart whose highlight follows the answer. */
  chartKey?: string;
  /** Where the calendar export and the copyable link point; without it neither is shown. */
  share?: WindowShare;
};

/**
 * A GET form that works without JavaScript (the server answers the submitted
 * `?duration=`). With JavaScript, changing the duration shows the answer the
 * server worked out for it along with the others and rewrites the URL with
 * `history.replaceState`, without a request. The answer is a live region so
 * the change is announced.
 */
export function CheapestWindowForm({
  answers,
  kind,
  live,
  nextDayPublished,
  initialDuration,
  hiddenParams,
  chartKey,
  share,
}: CheapestWindowFormProps) {
  const id = useId();
  const [duration, setDuration] = useState(initialDuration);
  const t = useTranslations('Window');
  const format = useFormat();
  /** The chart band's label: "Cheapest 2 hrs". */
  const labelFor = (minutes: number) => t('label', { kind, duration: format.duration(minutes) });
  const answerFor = (minutes: number) =>
    answers.find((candidate) => candidate.durationMinutes === minutes) ?? answers[0];
  const answer = answerFor(duration);

  // The highlight store outlives client navigations; claim the key with this
  // page's answer so a band from another subscription or day never lingers.
  useEffect(() => {
    if (!chartKey) return;
    publishWindow(chartKey, highlightOf(answerFor(initialDuration), labelFor(initialDuration)));
    return () => clearWindow(chartKey);
    // Only on mount: later changes publish from `update`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chartKey]);

  function update(minutes: number) {
    setDuration(minutes);
    const url = new URL(window.location.href);
    url.searchParams.set('duration', String(minutes));
    window.history.replaceState(window.history.state, '', url);
    if (chartKey) {
      publishWindow(chartKey, highlightOf(answerFor(minutes), labelFor(minutes)));
    }
  }

  return (
    <form
      method="get"
      className="space-y-4"
      onSubmit={(event) => {
        // The answer is already current; a reload would only fetch the same data.
        event.preventDefault();
        update(duration);
      }}
    >
      {hiddenParams.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={`${id}-duration`} className="text-sm font-medium">
            {t('durationLabel', { kind })}
          </label>
          <select
            id={`${id}-duration`}
            name="duration"
            value={duration}
            onChange={(event) => update(Number(event.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base dark:border-slate-600 dark:bg-slate-800"
          >
            {answers.map(({ durationMinutes: minutes }) => (
              <option key={minutes} value={minutes}>
                {format.duration(minutes)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          {t('submit', { kind })}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true" className="rounded-lg bg-slate-50 p-4 dark:bg-slate-800/60">
        {answer ? (
          <CheapestWindowAnswer answer={answer} kind={kind} live={live} nextDayPublished={nextDayPublished} />
        ) : null}
      </div>
      {share && answer?.result.kind === 'found' ? <WindowActions share={share} durationMinutes={duration} /> : null}
    </form>
  );
}

/**
 * The form as the server sends it: its messages (`clientMessagesText`) and
 * the answers as JSON text. React's payload carries each as one string,
 * parsed here once, instead of the some 500 values of the messages' parts
 * and the 16 answers, which the server serialized and the browser revived
 * one by one on every view.
 */
export function CheapestWindowFormText({
  locale,
  messages,
  answers,
  ...props
}: Omit<CheapestWindowFormProps, 'answers'> & { locale: Locale; messages: string; answers: string }) {
  const parsed = useMemo(
    () => ({
      // Both written with JSON.stringify by the server from these very types (components/prices/cheapest-window.tsx).
      messages: JSON.parse(messages) as AbstractIntlMessages,
      answers: JSON.parse(answers) as WindowAnswer[],
    }),
    [messages, answers],
  );
  return (
    <NextIntlClientProvider locale={locale} messages={parsed.messages} timeZone="Europe/Berlin">
      <CheapestWindowForm {...props} answers={parsed.answers} />
    </NextIntlClientProvider>
  );
}

function highlightOf(answer: WindowAnswer | undefined, label: string): HighlightedWindow {
  const result = answer?.result;
  return result?.kind === 'found' ? { start: result.start, end: result.end, label } : null;
}
