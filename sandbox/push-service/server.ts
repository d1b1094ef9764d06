/**
 * A test push service: what a browser vendor's push service (FCM, Mozilla
 * autopush, Apple's) does for the app, on a free loopback port, so tests can
 * send real Web Push messages offline and read what a phone would show.
 *
 * It hands out subscriptions the way a browser's `pushManager.subscribe()`
 * does (a P-256 key pair and a 16-byte auth secret per subscription, the
 * endpoint on this service), accepts the Web Push protocol (RFC 8030) at the
 * endpoints, checks the VAPID claim (RFC 8292), decrypts the `aes128gcm` body
 * (RFC 8291) with the subscription's private key, and keeps the messages for
 * the test. A test can make it answer 404, 410, 429 or 5xx for a subscription.
 *
 * Node built-ins only. Tests start it in-process:
 * `const push = await startPushService()`; over HTTP,
 * `POST /__push/subscriptions` makes a subscription and
 * `GET /__push/subscriptions/:id/messages` lists what it received.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptAes128gcm, newReceiverKeys, type ReceiverKeys } from './ece';
import { verifyVapid, type VapidClaims } from './vapid';

/** The JSON a browser's `PushSubscription.toJSON()` gives. */
export type TestSubscription = {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
};

/** One message as the subscription's browser got it. */
export type ReceivedPush = {
  /** The decrypted payload: the text the service worker reads. Absent when it could not be decrypted. */
  text?: string;
  decryptionError?: string;
  /** The encrypted body as it arrived. */
  body: Buffer;
  ttl: number;
  urgency: string;
  topic?: string;
  vapid: VapidClaims;
};

/** A request the service turned away, and why. */
export type RefusedPush = { status: number; reason: string };

type Forced = { status: number; retryAfter?: string; times: number };

type Entry = {
  id: string;
  keys: ReceiverKeys;
  applicationServerKey?: string;
  unsubscribed: boolean;
  messages: ReceivedPush[];
  refused: RefusedPush[];
  forced?: Forced;
};

export type PushService = {
  /** `http://127.0.0.1:PORT`: the audience a VAPID JWT must name. */
  origin: string;
  /** A new subscription, as `pushManager.subscribe({ applicationServerKey })` returns it. */
  subscribe(options?: { applicationServerKey?: string }): TestSubscription;
  /** What the subscription received, oldest first. */
  messages(endpoint: string): ReceivedPush[];
  /** The requests refused for the subscription (VAPID, headers), oldest first. */
  refused(endpoint: string): RefusedPush[];
  /** The subscription's private keys, as only its browser has them. */
  receiverKeys(endpoint: string): ReceiverKeys;
  /** Answers the next `times` pushes (default: all) to the subscription with this status. */
  respondWith(endpoint: string, status: number, options?: { retryAfter?: string; times?: number }): void;
  /** The user revoked the permission: from now on its endpoint answers 410 Gone. */
  unsubscribe(endpoint: string): void;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 4096;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);
const PUSH_PATH = /^\/push\/([A-Za-z0-9-]+)$/;
const MESSAGES_PATH = /^\/__push\/subscriptions\/([A-Za-z0-9-]+)\/messages$/;

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? 'too large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    ...(text ? { 'content-type': 'application/json' } : {}),
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

export async function startPushService({ port = 0 }: { port?: number } = {}): Promise<PushService> {
  const entries = new Map<string, Entry>();
  let origin = '';

  const entryOf = (endpoint: string): Entry => {
    const id = PUSH_PATH.exec(new URL(endpoint).pathname)?.[1];
    const entry = id === undefined ? undefined : entries.get(id);
    if (!entry || !endpoint.startsWith(origin)) throw new Error(`not a subscription of this push service: ${endpoint}`);
    return entry;
  };

  const subscribe = ({ applicationServerKey }: { applicationServerKey?: string } = {}): TestSubscription => {
    const id = randomUUID();
    const keys = newReceiverKeys(randomBytes(16));
    entries.set(id, { id, keys, applicationServerKey, unsubscribed: false, messages: [], refused: [] });
    return {
      endpoint: `${origin}/push/${id}`,
      expirationTime: null,
      keys: { p256dh: keys.ecdh.getPublicKey().toString('base64url'), auth: keys.authSecret.toString('base64url') },
    };
  };

  /** RFC 8030 §5: a push message request to a subscription's endpoint. */
  async function receive(entry: Entry | undefined, request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request, MAX_BODY_BYTES);
    if (!entry) return send(response, 404, { reason: 'no such subscription' });
    const refuse = (status: number, reason: string) => {
      entry.refused.push({ status, reason });
      send(response, status, { reason });
    };
    if (entry.unsubscribed) return send(response, 410, { reason: 'the subscription has expired' });
    if (entry.forced && entry.forced.times > 0) {
      const { status, retryAfter } = entry.forced;
      entry.forced.times--;
      return send(response, status, { reason: 'told to by the test' }, retryAfter ? { 'retry-after': retryAfter } : {});
    }
    const vapid = verifyVapid(request.headers.authorization, { origin, expectedKey: entry.applicationServerKey });
    if (!vapid.ok) return refuse(vapid.status, vapid.reason);
    const ttl = request.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) return refuse(400, 'TTL header missing or not whole seconds');
    const urgency = request.headers.urgency ?? 'normal';
    if (typeof urgency !== 'string' || !URGENCIES.has(urgency)) return refuse(400, `unknown Urgency ${urgency}`);
    const topic = request.headers.topic;
    if (topic !== undefined && (typeof topic !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(topic))) {
      return refuse(400, 'Topic must be at most 32 base64url characters');
    }
    if (body === 'too large') return refuse(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    if (body.length > 0 && request.headers['content-encoding'] !== 'aes128gcm') {
      return refuse(415, 'a payload must be encrypted with Content-Encoding: aes128gcm');
    }

    // The push service only forwards; it is the browser that decrypts, and a
    // message it cannot decrypt is dropped there. Both happen here.
    const message: ReceivedPush = { body, ttl: Number(ttl), urgency, topic, vapid: vapid.claims };
    try {
      message.text = decryptAes128gcm(body, entry.keys).toString('utf8');
    } catch (error) {
      message.decryptionError = (error as Error).message;
    }
    entry.messages.push(message);
    send(response, 201, undefined, { location: `${origin}/messages/${randomUUID()}` });
  }

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://push.invalid');
    const pushId = PUSH_PATH.exec(pathname)?.[1];
    const messagesId = MESSAGES_PATH.exec(pathname)?.[1];
    if (pushId !== undefined && request.method === 'POST') {
      receive(entries.get(pushId), request, response).catch(() => send(response, 500));
    } else if (pathname === '/__push/subscriptions' && request.method === 'POST') {
      readBody(request, 1024)
        .then((body) => {
          const parsed = (body === 'too large' || body.length === 0 ? {} : JSON.parse(String(body))) as {
            applicationServerKey?: unknown;
          };
          const key = parsed.applicationServerKey;
          if (key !== undefined && typeof key !== 'string') throw new Error('applicationServerKey must be a string');
          send(response, 201, subscribe({ applicationServerKey: key }));
        })
        .catch(() => send(response, 400, { reason: 'expected {"applicationServerKey": "..."}' }));
    } else if (messagesId !== undefined && request.method === 'GET') {
      const entry = entries.get(messagesId);
      if (!entry) return send(response, 404, { reason: 'no such subscription' });
      send(
        response,
        200,
        entry.messages.map(({ text, decryptionError, ttl, urgency, topic }) => ({
          text,
          decryptionError,
          ttl,
          urgency,
          topic,
        })),
      );
    } else {
      send(response, 404, { reason: 'not a push service route' });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    subscribe,
    messages: (endpoint) => [...entryOf(endpoint).messages],
    refused: (endpoint) => [...entryOf(endpoint).refused],
    receiverKeys: (endpoint) => entryOf(endpoint).keys,
    respondWith(endpoint, status, { retryAfter, times = Infinity } = {}) {
      entryOf(endpoint).forced = { status, retryAfter, times };
    },
    unsubscribe(endpoint) {
      entryOf(endpoint).unsubscribed = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
