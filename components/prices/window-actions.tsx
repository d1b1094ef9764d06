'use client';

import { useId, useRef, useState } from 'react';

import { useScriptsRun } from '@/components/ui/script-marker';

import type { WindowFormWords } from './window-text';

export type WindowShare = { appUrl: string; subscription: string; date: string };

/**
 * Copies `text`: through the Clipboard API where the page may use it (HTTPS
 * and localhost), otherwise by copying the selected `field`, the only way on
 * a page served over plain HTTP. When both fail the field stays selected,
 * for the customer to copy.
 */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): the selected field below.
    }
  }
  if (!field) return false;
  field.select();
  // Deprecated, but still what every browser offers without the Clipboard API.
  return document.execCommand('copy');
}

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
  scripts = false,
}: {
  share: WindowShare;
  durationMinutes: number;
  words: Pick<WindowFormWords, 'calendar' | 'link' | 'copy' | 'copied'>;
  /** The browser has shown that it runs JavaScript: the copy button is in the HTML already. */
  scripts?: boolean;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  // The copy button needs JavaScript; without it the selectable field is the way to copy.
  const canCopy = useScriptsRun(scripts);
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
            ref={field}
            id={`${id}-link`}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
        {canCopy ? (
          <button
            type="button"
            onClick={() => {
              void copyText(link, field.current).then(setCopied);
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
