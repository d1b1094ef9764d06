import { addDays, berlinDate } from '@/lib/prices/berlin-time';
import { compareWindow, findCheapestWindow, windowStartingAt, type Saving, type WindowResult } from '@/lib/prices/cheapest-window';
import { formatDuration, formatPercent, formatPrice, formatShortDate, formatTimeRange } from '@/lib/prices/format';
import type { PriceInterval } from '@/lib/prices/types';
import { UNPUBLISHED_NOTE, wordingFor, type SubscriptionKind } from './wording';

export type WindowQuery = {
  /** The intervals to search, sorted. */
  intervals: PriceInterval[];
  /** Earliest start: now when live, the start of the day for a past day. */
  from: number;
  /** Whether `from` is the real now; only then is "running now" a comparison. */
  live: boolean;
  /** The Berlin date shown, to name other days ("Tomorrow"). */
  date: string;
  durationMinutes: number;
  kind: SubscriptionKind;
  /** Average price per Berlin date, for "cheaper than the day's average". */
  dayAverages: Record<string, number | null>;
  /** Whether the day after `date` has prices; explains a too-long answer. */
  nextDayPublished: boolean;
};

export type WindowAnswer = {
  result: WindowResult;
  durationMinutes: number;
  vsNow: Saving | null;
  vsDay: Saving | null;
  /** "Tomorrow, Tue 24 Nov" when the window starts on another day than `date`. */
  dayLabel: string | null;
};

/** Runs the search and the comparisons the answer shows. Pure: runs on the server and in the browser. */
export function answerWindow(query: WindowQuery): WindowAnswer {
  const { direction } = wordingFor(query.kind);
  const options = { from: query.from, durationMinutes: query.durationMinutes };
  const result = findCheapestWindow(query.intervals, { ...options, direction });
  if (result.kind !== 'found') return { result, durationMinutes: query.durationMinutes, vsNow: null, vsDay: null, dayLabel: null };
  const now = query.live ? windowStartingAt(query.intervals, options) : null;
  const startDate = berlinDate(result.start);
  const dayLabel =
    startDate === query.date
      ? null
      : startDate === addDays(query.date, 1) && query.live
        ? `Tomorrow, ${formatShortDate(startDate)}`
        : formatShortDate(startDate);
  return {
    result,
    durationMinutes: query.durationMinutes,
    vsNow: result.startsNow || !now ? null : compareWindow(result.average, now.average, direction),
    vsDay: compareWindow(result.average, query.dayAverages[startDate] ?? null, direction),
    dayLabel,
  };
}

/** The answer block shared by the server render and the client leaf. */
export function CheapestWindowAnswer({
  answer,
  kind,
  live,
  nextDayPublished,
}: {
  answer: WindowAnswer;
  kind: SubscriptionKind;
  live: boolean;
  nextDayPublished: boolean;
}) {
  const wording = wordingFor(kind);
  const { result } = answer;
  const duration = formatDuration(answer.durationMinutes);

  if (result.kind === 'no-prices') {
    return (
      <p>
        No {wording.noun}s left to plan with.{!nextDayPublished && live ? ` ${UNPUBLISHED_NOTE}.` : ''}
      </p>
    );
  }
  if (result.kind === 'too-long') {
    return (
      <p>
        Only <strong>{formatDuration(result.availableMinutes)}</strong> of {wording.noun}s {live ? 'left' : 'in a row'}, not enough
        for {duration}. Choose a shorter duration
        {!nextDayPublished && live ? `, or come back after 14:00: ${UNPUBLISHED_NOTE.toLowerCase()}` : ''}.
      </p>
    );
  }

  return (
    <div
      className="space-y-3"
      data-testid="cheapest-window"
      data-start={result.start}
      data-end={result.end}
      data-average={result.average}
    >
      <p>
        <span className="block text-sm text-slate-600 dark:text-slate-400">
          {wording.windowLabel(duration)}
          {answer.dayLabel ? `, ${answer.dayLabel}` : ''}
        </span>
        <span className="text-2xl font-bold tabular-nums">{formatTimeRange(result.start, result.end)}</span>
        {result.startsNow && live ? <span className="ml-2 font-semibold text-emerald-700 dark:text-emerald-300">start now</span> : null}
      </p>
      <p>
        Average <strong className="tabular-nums">{formatPrice(result.average)}</strong>
        {result.end - result.start > answer.durationMinutes * 60_000 ? (
          <span className="text-sm text-slate-600 dark:text-slate-400"> (rounded up to whole intervals)</span>
        ) : null}
      </p>
      <ul className="space-y-1 text-sm">
        {live ? (
          <li>
            {result.startsNow ? (
              kind === 'feed_in' ? 'Now is the best time to feed in.' : 'Now is the cheapest time to start.'
            ) : answer.vsNow ? (
              <SavingText saving={answer.vsNow} better={wording.betterThanNow} worse={`${wording.worseWord} than ${kind === 'feed_in' ? 'feeding in' : 'running'} now`} />
            ) : (
              `No comparison with ${kind === 'feed_in' ? 'feeding in' : 'running'} now: prices for the next ${duration} are incomplete.`
            )}
          </li>
        ) : null}
        {answer.vsDay ? (
          <li>
            <SavingText saving={answer.vsDay} better={wording.betterThanDay} worse={`${wording.worseWord} than the day’s average`} />
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function SavingText({ saving, better, worse }: { saving: Saving; better: string; worse: string }) {
  const isBetter = saving.ct >= 0;
  const amount = formatPrice(Math.abs(saving.ct));
  const percent = saving.percent === null ? '' : ` (${formatPercent(Math.abs(saving.percent))})`;
  return (
    <>
      <strong className="tabular-nums">
        {amount}
        {percent}
      </strong>{' '}
      {isBetter ? better : worse}
    </>
  );
}
