'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';

import { useFormat } from '@/lib/i18n/use-format';
import { durationOptions } from '@/lib/prices/cheapest-window';
import type { Resolution } from '@/lib/prices/types';
import { answerWindow, type WindowAnswer, type WindowQuery } from '@/lib/prices/window-answer';

import { CheapestWindowAnswer } from './cheapest-window-answer';
import { clearWindow, publishWindow, type HighlightedWindow } from './window-store';
import { WindowActions, type WindowShare } from './window-actions';

export type CheapestWindowFormProps = Omit<WindowQuery, 'durationMinutes'> & {
  initialDuration: number;
  resolution: Resolution;
  /** Other query parameters to keep when the form is submitted without JavaScript. */
  hiddenParams: [string, string][];
  /** Key of the chart whose highlight follows the answer. */
  chartKey?: string;
  /** Where the calendar export and the copyable link point; without it neither is shown. */
  share?: WindowShare;
};

/**
 * A GET form that works without JavaScript (the server answers the submitted
 * `?duration=`). With JavaScript, changing the duration recomputes the
 * answer from the intervals already on the page and rewrites the URL with
 * `history.replaceState`, without a request. The answer is a live region so
 * the change is announced.
 */
export function CheapestWindowForm({
  initialDuration,
  resolution,
  hiddenParams,
  chartKey,
  share,
  ...query
}: CheapestWindowFormProps) {
  const id = useId();
  const [duration, setDuration] = useState(initialDuration);
  const t = useTranslations('Window');
  const format = useFormat();
  /** The chart band's label: "Cheapest 2 hrs". */
  const labelFor = (minutes: number) => t('label', { kind: query.kind, duration: format.duration(minutes) });
  const answer = answerWindow({ ...query, durationMinutes: duration });

  // The highlight store outlives client navigations; claim the key with this
  // page's answer so a band from another subscription or day never lingers.
  useEffect(() => {
    if (!chartKey) return;
    publishWindow(
      chartKey,
      highlightOf(answerWindow({ ...query, durationMinutes: initialDuration }), labelFor(initialDuration)),
    );
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
      publishWindow(chartKey, highlightOf(answerWindow({ ...query, durationMinutes: minutes }), labelFor(minutes)));
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
            {t('durationLabel', { kind: query.kind })}
          </label>
          <select
            id={`${id}-duration`}
            name="duration"
            value={duration}
            onChange={(event) => update(Number(event.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base dark:border-slate-600 dark:bg-slate-800"
          >
            {durationOptions(resolution).map((minutes) => (
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
          {t('submit', { kind: query.kind })}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true" className="rounded-lg bg-slate-50 p-4 dark:bg-slate-800/60">
        <CheapestWindowAnswer
          answer={answer}
          kind={query.kind}
          live={query.live}
          nextDayPublished={query.nextDayPublished}
        />
      </div>
      {share && answer.result.kind === 'found' ? <WindowActions share={share} durationMinutes={duration} /> : null}
    </form>
  );
}

function highlightOf(answer: WindowAnswer, label: string): HighlightedWindow {
  const { result } = answer;
  return result.kind === 'found' ? { start: result.start, end: result.end, label } : null;
}
