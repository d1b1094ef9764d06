/**
 * public/sw.js run in a bare V8 context with the few service-worker globals
 * it uses, fed the text the test push service decrypted: what the phone shows
 * and what a tap opens.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

import { generateVAPIDKeys } from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPushService, type PushService } from '@/sandbox/push-service/server';

import { createPushSender, pushSubscriptionSchema, type PushPayload } from './push';

const source = readFileSync(path.resolve(import.meta.dirname, '../../public/sw.js'), 'utf8');
const ORIGIN = 'https://hems.example';

type Listener = (event: Record<string, unknown>) => void;
type Shown = { title: string; options: Record<string, unknown> };
type WindowClient = { url: string; focused: boolean; focus(): Promise<WindowClient> };

/** Loads sw.js once, with windows already open at these URLs; returns its effects. */
function worker(openUrls: string[] = []) {
  const listeners = new Map<string, Listener>();
  const shown: Shown[] = [];
  const opened: string[] = [];
  const windows: WindowClient[] = openUrls.map((url) => ({
    url,
    focused: false as boolean,
    async focus() {
      this.focused = true;
      return this;
    },
  }));
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => Promise.resolve(),
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => void shown.push({ title, options }),
    },
    clients: {
      claim: () => Promise.resolve(),
      matchAll: async () => windows,
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  runInNewContext(source, { self, URL });

  /** Dispatches an event and waits for what it passed to waitUntil. */
  async function dispatch(type: string, event: Record<string, unknown>) {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => pending.push(promise) });
    await Promise.all(pending);
  }
  const push = (text: string | null) =>
    dispatch('push', {
      data: text === null ? null : { json: () => JSON.parse(text) },
    });
  async function tap(index = 0) {
    const notification = { data: shown[index]!.options.data, closed: false, close: () => (notification.closed = true) };
    await dispatch('notificationclick', { notification });
    expect(notification.closed).toBe(true);
  }
  return { shown, opened, windows, push, tap };
}

const alert: PushPayload = {
  title: 'Cheap power from 13:00',
  body: '2 hours at 18.4 ct/kWh: plan the dishwasher now',
  url: '/dashboard?duration=120',
  tag: 'window-2026-11-23',
  lang: 'en',
};

let service: PushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(() => service.close());

describe('public/sw.js', () => {
  it('shows the decrypted alert as a notification in its language, with the app’s icon', async () => {
    const keys = generateVAPIDKeys();
    const subscription = pushSubscriptionSchema({ allowLoopbackHttp: true }).parse(
      service.subscribe({ applicationServerKey: keys.publicKey }),
    );
    const send = createPushSender({ vapid: { ...keys, subject: 'mailto:ops@example.com' } });
    expect((await send(subscription, alert, { ttlSeconds: 60 })).outcome).toBe('delivered');
    const [received] = service.messages(subscription.endpoint);

    const sw = worker();
    await sw.push(received!.text!);
    expect(sw.shown).toEqual([
      {
        title: 'Cheap power from 13:00',
        options: {
          body: '2 hours at 18.4 ct/kWh: plan the dishwasher now',
          icon: '/icons/icon-192.png',
          lang: 'en',
          tag: 'window-2026-11-23',
          renotify: true,
          data: { url: `${ORIGIN}/dashboard?duration=120` },
        },
      },
    ]);
    // The icon is one the manifest lists.
    expect(readFileSync(path.resolve(import.meta.dirname, '../../app/manifest.ts'), 'utf8')).toContain(
      "src: '/icons/icon-192.png'",
    );
  });

  it('opens the alert’s page when tapped, or focuses the window already showing it', async () => {
    const sw = worker([`${ORIGIN}/`]);
    await sw.push(JSON.stringify(alert));
    await sw.tap();
    expect(sw.opened).toEqual([`${ORIGIN}/dashboard?duration=120`]);

    const already = worker([`${ORIGIN}/dashboard?duration=120`]);
    await already.push(JSON.stringify(alert));
    await already.tap();
    expect(already.opened).toEqual([]);
    expect(already.windows[0]!.focused).toBe(true);
  });

  it('never opens another origin, whatever the payload says', async () => {
    for (const url of ['https://evil.example/phish', '//evil.example/x', 'javascript:alert(1)']) {
      const sw = worker();
      await sw.push(JSON.stringify({ ...alert, url }));
      expect(sw.shown[0]!.options.data).toEqual({ url: null });
      await sw.tap();
      expect(sw.opened).toEqual([]);
    }
  });

  it('shows nothing for a push without a readable payload', async () => {
    const sw = worker();
    await sw.push(null);
    await sw.push('not json');
    await sw.push('{"body":"no title"}');
    expect(sw.shown).toEqual([]);
  });
});
