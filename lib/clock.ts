import 'server-only';

import { cache } from 'react';
import { z } from 'zod';

import { config } from '@/lib/config';
import { processSingleton } from '@/lib/process-singleton';

const clockSchema = z.object({ now: z.iso.datetime({ offset: true }) });

/**
 * The app's one clock. In production it is the system clock, and nothing
 * can move it: `DEMO_CLOCK_URL` is accepted only when Nomos itself is the
 * sandbox on this machine (see lib/config-schema.ts and
 * docs/decisions/008-one-clock-for-demo-and-tests.md).
 *
 * With the sandbox, the app follows the sandbox's clock: "today", token
 * expiry, the refresh margin, grace and session lifetimes all move when a
 * test or a demo moves it, so a test moves time instead of sleeping and the
 * app and "Nomos" never disagree about what has expired. The offset is read
 * at the start of every request (the proxy calls `syncClock`) and kept per
 * process on globalThis, so every bundle (proxy, routes, pages) shares it.
 */
const state = processSingleton<{ offsetMs: number; pending?: Promise<number>; queued?: Promise<number> }>(
  'clock-offset',
  () => ({ offsetMs: 0 }),
);

/** Epoch ms now, on the app's clock (synchronous: the offset read last). */
export function now(): number {
  return Date.now() + state.offsetMs;
}

/**
 * Reads the sandbox's clock when one is configured, and returns now on the
 * app's clock. A read already under way may have asked before this request
 * began (before a test moved the clock), so a request never joins it: it
 * waits for the next read, which every request arriving meanwhile shares.
 * If the clock cannot be read, the last known offset stays.
 */
export function syncClock(): Promise<number> {
  const url = config.demoClockUrl;
  if (!url) return Promise.resolve(Date.now());
  if (!state.pending) return read(url);
  state.queued ??= state.pending.then(() => {
    state.queued = undefined;
    return state.pending ?? read(url);
  });
  return state.queued;
}

function read(url: string): Promise<number> {
  const reading: Promise<number> = readOffset(url)
    .finally(() => {
      if (state.pending === reading) state.pending = undefined;
    })
    .then(() => now());
  state.pending = reading;
  return reading;
}

async function readOffset(url: string): Promise<void> {
  try {
    // Generous: the sandbox is on this machine, but a loaded machine can be slow to answer.
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    state.offsetMs = Date.parse(clockSchema.parse(await response.json()).now) - Date.now();
  } catch {
    // Keep the last offset: a demo clock that hiccups must not jump time back.
  }
}

/**
 * The current time for this request (cached per render): "today", "now" and
 * publication follow it. The proxy has synced the clock before any page
 * that asks (its matcher covers every `/dashboard` request, prefetches
 * included), so a render reads that offset instead of asking the sandbox a
 * second time.
 */
export const getNow = cache((): number => now());
