'use client';

import { useEffect } from 'react';

import { SCRIPT_COOKIE } from './script-cookie';

/**
 * Marks this browser as running JavaScript. Streamed HTML (a skeleton first,
 * the content later) needs a small inline script to put the content in
 * place; a browser without JavaScript would be left with the skeleton. So
 * the server streams only for browsers that have shown they run scripts.
 */
export function ScriptMarker() {
  useEffect(() => {
    if (!document.cookie.includes(`${SCRIPT_COOKIE}=1`)) {
      document.cookie = `${SCRIPT_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax`;
    }
  }, []);
  return null;
}
