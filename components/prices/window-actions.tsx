'use client';

import { useId, useState, useSyncExternalStore } from 'react';

import type { WindowFormWords } from './window-text';

const noSubscription = () => () => {};

export type WindowShare = { appUrl: string; subscription: string; date: string };

function query(share: WindowShare, durationMinutes: number) {
  return new URLSearchParams({
    subscription: share.subscription,
    date: share.date,
    duration: String(durationMinutes),
  }).toString();
}

/**
 * "Add to calendar" (a plain link to the `.ics` route, so it works without
 * JavaScript) and a link to the same answer to copy. Both follow the
 * duration chosen in the form.
 */
export function WindowActions({
  share,
  durationMinutes,
  words,
}: {
  share: WindowShare;
  durationMinutes: number;
  words: Pick<WindowFormWords, 'calendar' | 'link' | 'copy' | 'copied'>;
}) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  // The copy button needs JavaScript; without it the selectable field is the way to copy.
  const canCopy = useSyncExternalStore(
    noSubscription,
    () => typeof navigator !== 'undefined' && Boolean(navigator.clipboard),
    () => false,
  );
  const link = `${share.appUrl}/dashboard?${query(share, durationMinutes)}`;
  return (
    <div className="space-y-3">
      <a
        href={`/dashboard/calendar?${query(share, durationMinutes)}`}
        download
        className="inline-flex items-center rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {words.calendar}
      </a>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={`${id}-link`} className="text-sm font-medium">
            {words.link}
          </label>
          <input
            id={`${id}-link`}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
        {canCopy ? (
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
            className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {copied ? words.copied : words.copy}
          </button>
        ) : null}
      </div>
    </div>
  );
}
