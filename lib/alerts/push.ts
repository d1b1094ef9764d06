import 'server-only';

import { createHash } from 'node:crypto';

import { generateRequestDetails } from 'web-push';
import { z } from 'zod';

import { config } from '@/lib/config';
import { isLoopbackHttp, type VapidDetails } from '@/lib/config-schema';
import { locales } from '@/lib/i18n/locales';

/**
 * Web Push (RFC 8030) from the server to a browser that subscribed: the
 * payload is encrypted for the subscription (RFC 8291) and the request signed
 * with the app's VAPID key (RFC 8292), both by `web-push`; the request itself
 * is made here, so it has a time limit and its answer is read in full.
 *
 * A subscription's endpoint is a capability URL: whoever knows it (and the
 * keys) can push to that browser. It is never logged, only a short hash.
 */

const base64url = (name: string, bytes: number, check: (decoded: Buffer) => boolean = () => true) =>
  z
    .string({ error: `${name} must be a base64url string` })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { error: `${name} must be base64url`, abort: true })
    .refine((value) => {
      const decoded = Buffer.from(value, 'base64url');
      return decoded.length === bytes && check(decoded);
    }, `${name} must be ${bytes} bytes`);

/**
 * A browser's `PushSubscription.toJSON()`, as it arrives from the browser.
 * The endpoint must be https: the app posts to it, so it must not be able to
 * point the app at services behind it. Plain http is accepted only for a push
 * service on this machine, and only when `allowLoopbackHttp` (the test push
 * service, while the app itself runs on loopback).
 */
export function pushSubscriptionSchema({ allowLoopbackHttp }: { allowLoopbackHttp: boolean }) {
  return z.object({
    endpoint: z
      .string({ error: 'endpoint must be a URL' })
      .max(2048, 'endpoint must be at most 2048 characters')
      .url('endpoint must be an absolute URL')
      .refine(
        (value) => {
          if (!URL.canParse(value)) return true; // reported by .url() above
          const url = new URL(value);
          if (url.username || url.password) return false;
          return url.protocol === 'https:' || (allowLoopbackHttp && isLoopbackHttp(value));
        },
        `endpoint must be an https:// URL of a push service${allowLoopbackHttp ? ' (or plain http on loopback)' : ''}`,
      ),
    expirationTime: z.number().nullable().optional(),
    keys: z.object(
      {
        // An uncompressed P-256 point, and 16 random bytes (RFC 8291 §3.2).
        p256dh: base64url('keys.p256dh', 65, (point) => point[0] === 4),
        auth: base64url('keys.auth', 16),
      },
      { error: 'keys must hold p256dh and auth' },
    ),
  });
}

export type PushSubscription = z.infer<ReturnType<typeof pushSubscriptionSchema>>;

/** The subscription schema under this app's configuration. */
export const subscriptionSchema = pushSubscriptionSchema({ allowLoopbackHttp: config.allowLoopbackPushServices });

/**
 * Encrypted, a payload must fit the 4096 bytes every push service accepts:
 * 86 bytes of header, 16 of tag and 1 of padding delimiter leave 3993.
 */
export const MAX_PAYLOAD_BYTES = 3993;

/**
 * What the service worker (public/sw.js) shows: the notification's title and
 * text, in the subscriber's language, and the page of this app a tap opens.
 * A later alert with the same tag replaces the earlier one on the device.
 */
export const pushPayloadSchema = z
  .object({
    title: z.string().min(1).max(100),
    body: z.string().max(400),
    /** A path of this app (`/dashboard?…`): the service worker opens nothing elsewhere. */
    url: z
      .string()
      .max(1000)
      .regex(/^\/(?![/\\])/, 'url must be a path of this app, starting with a single /'),
    tag: z
      .string()
      .regex(/^[\w.:-]{1,64}$/, 'tag must be 1 to 64 letters, digits, _ . : -')
      .optional(),
    lang: z.enum(locales),
  })
  .strict()
  .refine(
    (payload) => Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES,
    `the payload must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`,
  );

export type PushPayload = z.infer<typeof pushPayloadSchema>;

export type PushOptions = {
  /** How long the push service keeps the message for a device that is offline; 0: now or never. */
  ttlSeconds: number;
  /** RFC 8030 §5.3: a phone in power saving may hold back anything below `high`. */
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
  /** RFC 8030 §5.4: a message not yet delivered is replaced by a newer one of the same topic. At most 32 base64url characters. */
  topic?: string;
};

/**
 * - delivered: the push service took the message (it is delivered when the device is next online, within the TTL).
 * - gone: 404 or 410, the subscription has ended for good: **the caller must delete it**.
 * - failed: 429, 5xx, a time-out or a network error: try again later, not before `retryAfterSeconds` if given.
 * - rejected: any other answer (400, 401, 403, 413, …): this request will never be taken; do not retry it.
 */
export type PushResult =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'gone'; status: 404 | 410 }
  | { outcome: 'failed'; status?: number; retryAfterSeconds?: number; reason: string }
  | { outcome: 'rejected'; status: number; reason: string };

/** Push service host and 8 hex digits of the endpoint's SHA-256: enough to follow one subscription in logs. */
export function endpointLabel(endpoint: string): string {
  const hash = createHash('sha256').update(endpoint).digest('hex').slice(0, 8);
  let host = 'invalid-endpoint';
  try {
    host = new URL(endpoint).host;
  } catch {}
  return `${host}#${hash}`;
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3), as whole seconds from now. */
function retryAfterSeconds(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export type PushSenderOptions = {
  vapid: VapidDetails;
  /** Time limit of one request to the push service. */
  timeoutMs?: number;
  log?: (line: string) => void;
};

export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

/** A `sendPush` that signs with these VAPID details. */
export function createPushSender({
  vapid,
  timeoutMs = DEFAULT_PUSH_TIMEOUT_MS,
  log = (line) => console.warn(line),
}: PushSenderOptions) {
  return async function sendPush(
    subscription: PushSubscription,
    payload: PushPayload,
    { ttlSeconds, urgency = 'normal', topic }: PushOptions,
  ): Promise<PushResult> {
    const label = endpointLabel(subscription.endpoint);
    const details = generateRequestDetails(subscription, JSON.stringify(pushPayloadSchema.parse(payload)), {
      vapidDetails: vapid,
      TTL: ttlSeconds,
      urgency,
      ...(topic === undefined ? {} : { topic }),
      contentEncoding: 'aes128gcm',
    });
    // fetch sets Content-Length itself.
    const headers = Object.fromEntries(
      Object.entries(details.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([name, value]) => [name, String(value)]),
    );
    let response: Response;
    try {
      response = await fetch(details.endpoint, {
        method: 'POST',
        headers,
        body: new Uint8Array(details.body),
        // A push service answers; it does not send the app elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `network error: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`;
      log(`[push] ${label}: ${reason}; will retry`);
      return { outcome: 'failed', reason };
    }
    // The answer's body is a push service's explanation, useful in a log line, never needed otherwise.
    const explanation = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
    const { status } = response;
    if (status >= 200 && status < 300) return { outcome: 'delivered', status };
    if (status === 404 || status === 410) {
      log(`[push] ${label}: ${status}, the subscription has ended; deleting it`);
      return { outcome: 'gone', status };
    }
    const reason = `${status}${explanation ? `: ${explanation}` : ''}`;
    if (status === 429 || status >= 500) {
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
      log(`[push] ${label}: ${reason}; will retry${retryAfter === undefined ? '' : ` after ${retryAfter} s`}`);
      return {
        outcome: 'failed',
        status,
        reason,
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      };
    }
    log(`[push] ${label}: refused with ${reason}`);
    return { outcome: 'rejected', status, reason };
  };
}

/** Whether alerts can be sent: the VAPID keys are configured. */
export const pushEnabled = config.vapid !== undefined;

/** The key the browser subscribes with (`applicationServerKey`); undefined when alerts are off. */
export const vapidPublicKey = config.vapid?.publicKey;

/**
 * Sends one alert with the configured VAPID keys. Throws when alerts are off
 * (check `pushEnabled` first); otherwise never throws for what the push
 * service answers: see PushResult.
 */
export const sendPush: ReturnType<typeof createPushSender> = config.vapid
  ? createPushSender({ vapid: config.vapid })
  : () => Promise.reject(new Error('Web Push alerts are off: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY'));
