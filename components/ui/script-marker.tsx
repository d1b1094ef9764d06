'use client';

import { useEffect, useSyncExternalStore } from 'react';

import { SCRIPT_COOKIE } from './script-cookie';

/**
 * Marks this browser as running JavaScript. Streamed HTML (a skeleton first,
 * the content later) needs a small inline script to put the content in
 * place; a browser without JavaScript would be left with the skeleton. So
 * the server streams only for browsers that have shown they run scripts.
 */
export function ScriptMarker() {
  useEffect(() => {
    // Reading and writing `document.cookie` are synchronous calls into the
    // browser (about 7 ms on the development machine, 27 at Lighthouse's 4×
    // phone slowdown): done when the page is idle, not in the task that
    // hydrates it.
    const mark = () => {
      if (!document.cookie.includes(`${SCRIPT_COOKIE}=1`)) {
        document.cookie = `${SCRIPT_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax`;
      }
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(mark, { timeout: 2_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(mark, 0);
    return () => window.clearTimeout(timer);
  }, []);
  return null;
}

const noSubscription = () => () => {};
const yes = () => true;
const no = () => false;

/**
 * Whether this render may show what needs JavaScript: always in the
 * browser; on the server and while hydrating, `known` (the browser has
 * shown that it runs scripts, `hems_js`). Known, the server draws it and
 * hydrating changes nothing; unknown, the first render after hydration adds
 * it.
 */
export function useScriptsRun(known: boolean): boolean {
  return useSyncExternalStore(noSubscription, yes, known ? yes : no);
}
