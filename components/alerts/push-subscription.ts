/**
 * The browser's half of Web Push alerts: registers the service worker
 * (public/sw.js), asks for permission to notify, and subscribes with the
 * app's VAPID public key. The subscription it returns is what the server
 * keeps and posts to (lib/alerts/push.ts checks it with its schema).
 *
 * Browser-only functions, called from a click handler (browsers ask for the
 * notification permission only after a user gesture).
 */

/** `PushSubscription.toJSON()`, with the fields the server needs present. */
export type BrowserPushSubscription = {
  endpoint: string;
  expirationTime: number | null;
  keys: { p256dh: string; auth: string };
};

export const SERVICE_WORKER_URL = '/sw.js';

/** The user (or the browser's settings) declined notifications. */
export class PushPermissionError extends Error {
  constructor(readonly permission: NotificationPermission) {
    super(`notifications are ${permission === 'denied' ? 'blocked' : 'not allowed'} for this site`);
    this.name = 'PushPermissionError';
  }
}

/** Whether this browser can receive Web Push at all (Safari on iOS only from the home screen). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** The base64url key the server publishes, as the bytes `applicationServerKey` takes. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (a === null || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

function toJson(subscription: PushSubscription): BrowserPushSubscription {
  const { endpoint, expirationTime, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('the browser gave a push subscription without keys');
  return { endpoint, expirationTime: expirationTime ?? null, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** The service worker's registration, once it is active. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
  return navigator.serviceWorker.ready;
}

/**
 * Subscribes this browser to the app's alerts and returns the subscription
 * to send to the server. An existing subscription under the same key is
 * returned as it is; one under an older key is replaced, since the push
 * service would refuse the app's messages to it.
 */
export async function subscribeToPush(vapidPublicKey: string): Promise<BrowserPushSubscription> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushPermissionError(permission);
  const registration = await registerServiceWorker();
  const key = applicationServerKey(vapidPublicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing) {
    if (sameBytes(existing.options.applicationServerKey, key)) return toJson(existing);
    await existing.unsubscribe();
  }
  return toJson(await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
}

/** Ends this browser's subscription; returns its endpoint for the server to forget, or null if there was none. */
export async function unsubscribeFromPush(): Promise<string | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
