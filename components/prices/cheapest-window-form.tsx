'use client';

import { useEffect, useId, useMemo, useState } from 'react';

import { CheapestWindowAnswer } from './cheapest-window-answer';
import { highlightOf } from './window-band';
import { clearWindow, hasWindow, publishWindow } from './window-store';
import { WindowActions, type WindowShare } from './window-actions';
import type { WindowFormWords, WindowOption } from './window-text';

export type CheapestWindowFormProps = {
  /** Each duration offered, in the order offered, with its answer in words. */
  options: WindowOption[];
  initialDuration: number;
  /** Other query parameters to keep when the form is submitted without JavaScript. */
  hiddenParams: [string, string][];
  /** Key of the chart whose highlight follows the answer. */
  chartKey?: string;
  /** Where the calendar export and the copyable link point; without it neither is shown. */
  share?: WindowShare;
  words: WindowFormWords;
  /** The browser has shown that it runs JavaScript (`hems_js`): what needs it is in the HTML already. */
  scripts?: boolean;
};

/**
 * A GET form that works without JavaScript (the server answers the submitted
 * `?duration=`). With JavaScript, changing the duration shows the answer the
 * server wrote for it along with the others and rewrites the URL with
 * `history.replaceState`, without a request. The answer is a live region so
 * the change is announced. Nothing is translated or formatted here: the
 * server sends every word and figure (`answerText`).
 */
export function CheapestWindowForm({
  options,
  initialDuration,
  hiddenParams,
  chartKey,
  share,
  words,
  scripts = false,
}: CheapestWindowFormProps) {
  const id = useId();
  const [duration, setDuration] = useState(initialDuration);
  const optionFor = (minutes: number) => options.find((option) => option.minutes === minutes) ?? options[0];
  const option = optionFor(duration);

  // The highlight store outlives client navigations: a band another page
  // left under this key gives way to this page's answer. Otherwise the chart
  // already shows this answer (the server's), and nothing re-renders while
  // the page hydrates.
  useEffect(() => {
    if (!chartKey) return;
    if (hasWindow(chartKey)) publishWindow(chartKey, highlightOf(optionFor(initialDuration)));
    return () => clearWindow(chartKey);
    // Only on mount: later changes publish from `update`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chartKey]);

  function update(minutes: number) {
    setDuration(minutes);
    const url = new URL(window.location.href);
    url.searchParams.set('duration', String(minutes));
    window.history.replaceState(window.history.state, '', url);
    if (chartKey) publishWindow(chartKey, highlightOf(optionFor(minutes)));
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
            {words.durationLabel}
          </label>
          <select
            id={`${id}-duration`}
            name="duration"
            value={duration}
            onChange={(event) => update(Number(event.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base dark:border-slate-600 dark:bg-slate-800"
          >
            {options.map(({ minutes, label }) => (
              <option key={minutes} value={minutes}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          {words.submit}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true" className="rounded-lg bg-slate-50 p-4 dark:bg-slate-800/60">
        {option ? <CheapestWindowAnswer text={option.answer} /> : null}
      </div>
      {share && option?.answer.kind === 'found' ? (
        <WindowActions share={share} durationMinutes={duration} words={words} scripts={scripts} />
      ) : null}
    </form>
  );
}

/**
 * The form as the server sends it: its options as JSON text. React's payload
 * carries them as one string, parsed here once, instead of some 300 values
 * the server serialized and the browser revived one by one on every view.
 */
export function CheapestWindowFormText({
  options,
  ...props
}: Omit<CheapestWindowFormProps, 'options'> & { options: string }) {
  // Written with JSON.stringify by the server from this very type (components/prices/cheapest-window.tsx).
  const parsed = useMemo(() => JSON.parse(options) as WindowOption[], [options]);
  return <CheapestWindowForm {...props} options={parsed} />;
}
