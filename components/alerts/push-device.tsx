'use client';

import { useEffect, useState } from 'react';

import { PushPermissionError, pushSupported, subscribeToPush, unsubscribeFromPush } from './push-subscription';

/** The words of the push button, translated on the server (so no message catalogue ships for it). */
export type PushDeviceText = {
  unsupported: string;
  allow: string;
  allowed: string;
  stop: string;
  stopped: string;
  blocked: string;
  failed: string;
  working: string;
};

type State = 'checking' | 'unsupported' | 'off' | 'on' | 'working';

const PUSH_ROUTE = '/alerts/push';

async function tell(body: object): Promise<void> {
  const response = await fetch(PUSH_ROUTE, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`the app answered ${response.status}`);
}

/**
 * Turns alerts on for this device: asks for permission to notify,
 * subscribes with the app's VAPID key (through the service worker) and hands
 * the subscription to the server; or stops them here. Needs JavaScript by
 * nature; without it the page says nothing of devices.
 */
export function PushDevice({ vapidPublicKey, text }: { vapidPublicKey: string; text: PushDeviceText }) {
  const [state, setState] = useState<State>('checking');
  const [message, setMessage] = useState('');

  useEffect(() => {
    let cancelled = false;
    const settle = (next: State) => {
      if (!cancelled) setState(next);
    };
    (async () => {
      if (!pushSupported()) return settle('unsupported');
      const registration = await navigator.serviceWorker.getRegistration('/');
      settle((await registration?.pushManager.getSubscription()) ? 'on' : 'off');
    })().catch(() => settle('off'));
    return () => {
      cancelled = true;
    };
  }, []);

  async function allow() {
    setState('working');
    setMessage('');
    try {
      await tell({ action: 'subscribe', subscription: await subscribeToPush(vapidPublicKey) });
      setState('on');
      setMessage(text.allowed);
    } catch (error) {
      setState('off');
      setMessage(error instanceof PushPermissionError ? text.blocked : text.failed);
    }
  }

  async function stop() {
    setState('working');
    setMessage('');
    try {
      const endpoint = await unsubscribeFromPush();
      if (endpoint) await tell({ action: 'unsubscribe', endpoint });
      setState('off');
      setMessage(text.stopped);
    } catch {
      setState('on');
      setMessage(text.failed);
    }
  }

  if (state === 'checking') return null;
  if (state === 'unsupported') return <p className="text-slate-700 dark:text-slate-300">{text.unsupported}</p>;
  return (
    <div>
      <button
        type="button"
        disabled={state === 'working'}
        onClick={state === 'on' ? stop : allow}
        className="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {state === 'working' ? text.working : state === 'on' ? text.stop : text.allow}
      </button>
      <p role="status" className="mt-2 min-h-6 text-sm text-slate-700 dark:text-slate-300">
        {message}
      </p>
    </div>
  );
}
