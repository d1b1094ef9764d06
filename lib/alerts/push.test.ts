import { generateVAPIDKeys } from 'web-push';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { decryptAes128gcm, DecryptionError, newReceiverKeys } from '@/sandbox/push-service/ece';
import { startPushService, type PushService } from '@/sandbox/push-service/server';

import { createPushSender, endpointLabel, pushPayloadSchema, pushSubscriptionSchema, type PushPayload } from './push';

const keys = generateVAPIDKeys();
const vapid = { ...keys, subject: 'mailto:ops@example.com' };

const alert: PushPayload = {
  title: 'Günstiger Strom ab 13:00',
  body: '2 Stunden für 18,4 ct/kWh – Spülmaschine jetzt einplanen',
  url: '/dashboard?duration=120',
  tag: 'window-2026-11-23',
  lang: 'de',
};

let push: PushService;
const lines: string[] = [];
const sendPush = createPushSender({ vapid, timeoutMs: 2_000, log: (line) => lines.push(line) });
const subscribe = () => push.subscribe({ applicationServerKey: keys.publicKey });
const parse = (value: unknown) => pushSubscriptionSchema({ allowLoopbackHttp: true }).parse(value);

beforeAll(async () => {
  push = await startPushService();
});
afterAll(() => push.close());

describe('sendPush to the test push service', () => {
  it('delivers the payload encrypted, and the subscription’s keys decrypt exactly the JSON the phone shows', async () => {
    const subscription = parse(subscribe());
    const result = await sendPush(subscription, alert, { ttlSeconds: 3600, urgency: 'high', topic: 'cheap-window' });
    expect(result).toEqual({ outcome: 'delivered', status: 201 });

    const [received, ...more] = push.messages(subscription.endpoint);
    expect(more).toEqual([]);
    expect(received?.decryptionError).toBeUndefined();
    expect(received?.text).toBe(
      '{"title":"Günstiger Strom ab 13:00","body":"2 Stunden für 18,4 ct/kWh – Spülmaschine jetzt einplanen","url":"/dashboard?duration=120","tag":"window-2026-11-23","lang":"de"}',
    );
    expect(JSON.parse(received!.text!)).toEqual(alert);
    expect(received).toMatchObject({ ttl: 3600, urgency: 'high', topic: 'cheap-window' });
    // The VAPID claim the push service verified: for its own origin, at most 24 h ahead, with the contact.
    expect(received!.vapid.aud).toBe(push.origin);
    expect(received!.vapid.sub).toBe('mailto:ops@example.com');
    expect(received!.vapid.exp * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    // Nothing of the payload is readable on the wire.
    expect(received!.body.includes(Buffer.from('Günstiger'))).toBe(false);
  });

  it('cannot be decrypted without the subscription’s own auth secret or private key', async () => {
    const subscription = parse(subscribe());
    await sendPush(subscription, alert, { ttlSeconds: 60 });
    const [received] = push.messages(subscription.endpoint);
    const own = push.receiverKeys(subscription.endpoint);
    expect(JSON.parse(decryptAes128gcm(received!.body, own).toString())).toEqual(alert);

    const otherSecret = { ecdh: own.ecdh, authSecret: Buffer.alloc(16, 7) };
    expect(() => decryptAes128gcm(received!.body, otherSecret)).toThrow(DecryptionError);
    expect(() => decryptAes128gcm(received!.body, otherSecret)).toThrow(/failed authentication/);
    const otherKey = newReceiverKeys(own.authSecret);
    expect(() => decryptAes128gcm(received!.body, otherKey)).toThrow(/failed authentication/);
    // One flipped bit of ciphertext fails too.
    const tampered = Buffer.from(received!.body);
    tampered[tampered.length - 20]! ^= 1;
    expect(() => decryptAes128gcm(tampered, own)).toThrow(DecryptionError);
  });

  it('is refused by the push service when signed with another VAPID key than the subscription’s', async () => {
    const subscription = parse(subscribe());
    const impostor = createPushSender({ vapid: { ...generateVAPIDKeys(), subject: 'mailto:ops@example.com' } });
    const result = await impostor(subscription, alert, { ttlSeconds: 60 });
    expect(result).toMatchObject({ outcome: 'rejected', status: 403 });
    expect(push.refused(subscription.endpoint)).toEqual([
      { status: 403, reason: 'the subscription was made for another application server key' },
    ]);
    expect(push.messages(subscription.endpoint)).toEqual([]);
  });

  it('is refused with 401 when the JWT does not verify with the key it names', async () => {
    const subscription = parse(push.subscribe());
    const other = generateVAPIDKeys();
    // The JWT signed with one private key, the header naming another public key.
    const forged = createPushSender({
      vapid: { publicKey: other.publicKey, privateKey: keys.privateKey, subject: vapid.subject },
    });
    const result = await forged(subscription, alert, { ttlSeconds: 60 });
    expect(result).toMatchObject({ outcome: 'rejected', status: 401 });
    expect(push.refused(subscription.endpoint)).toEqual([
      { status: 401, reason: 'the JWT signature does not verify with k' },
    ]);
  });

  it.each([410, 404] as const)('reports %s as gone: the caller deletes the subscription', async (status) => {
    const subscription = parse(subscribe());
    push.respondWith(subscription.endpoint, status);
    expect(await sendPush(subscription, alert, { ttlSeconds: 60 })).toEqual({ outcome: 'gone', status });
    // Logged by host and a short hash, never the endpoint's path or the keys.
    const line = lines.at(-1)!;
    expect(line).toBe(
      `[push] ${endpointLabel(subscription.endpoint)}: ${status}, the subscription has ended; deleting it`,
    );
    expect(line).toMatch(/^\[push\] 127\.0\.0\.1:\d+#[0-9a-f]{8}: /);
    expect(line).not.toContain(new URL(subscription.endpoint).pathname);
    expect(line).not.toContain(subscription.keys.auth);
  });

  it('reports a subscription the user ended as gone (410 from the push service)', async () => {
    const subscription = parse(subscribe());
    push.unsubscribe(subscription.endpoint);
    expect(await sendPush(subscription, alert, { ttlSeconds: 60 })).toEqual({ outcome: 'gone', status: 410 });
  });

  it('reports 429 and 5xx as failed, with the Retry-After in seconds when given, and delivers once it clears', async () => {
    const subscription = parse(subscribe());
    push.respondWith(subscription.endpoint, 429, { retryAfter: '120', times: 1 });
    expect(await sendPush(subscription, alert, { ttlSeconds: 60 })).toMatchObject({
      outcome: 'failed',
      status: 429,
      retryAfterSeconds: 120,
    });
    push.respondWith(subscription.endpoint, 503, { retryAfter: new Date(Date.now() + 30_000).toUTCString(), times: 1 });
    const unavailable = await sendPush(subscription, alert, { ttlSeconds: 60 });
    expect(unavailable).toMatchObject({ outcome: 'failed', status: 503 });
    expect(unavailable.outcome === 'failed' && unavailable.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    push.respondWith(subscription.endpoint, 500, { times: 1 });
    const failed = await sendPush(subscription, alert, { ttlSeconds: 60 });
    expect(failed).toMatchObject({ outcome: 'failed', status: 500 });
    expect(failed).not.toHaveProperty('retryAfterSeconds');

    expect(await sendPush(subscription, alert, { ttlSeconds: 60 })).toEqual({ outcome: 'delivered', status: 201 });
    expect(push.messages(subscription.endpoint)).toHaveLength(1);
  });

  it('reports other 4xx answers as rejected: not worth retrying', async () => {
    const subscription = parse(subscribe());
    push.respondWith(subscription.endpoint, 400);
    expect(await sendPush(subscription, alert, { ttlSeconds: 60 })).toMatchObject({ outcome: 'rejected', status: 400 });
  });

  it('reports a push service that does not answer in time, or cannot be reached, as failed', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const subscription = parse({ ...subscribe(), endpoint: `http://127.0.0.1:${port}/push/x` });
    const impatient = createPushSender({ vapid, timeoutMs: 200, log: () => undefined });
    expect(await impatient(subscription, alert, { ttlSeconds: 60 })).toEqual({
      outcome: 'failed',
      reason: 'no answer within 200 ms',
    });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(await impatient(subscription, alert, { ttlSeconds: 60 })).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^network error: .*ECONNREFUSED/),
    });
  });
});

describe('pushSubscriptionSchema', () => {
  const valid = {
    endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
    expirationTime: null,
    keys: {
      p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url'),
      auth: Buffer.alloc(16, 2).toString('base64url'),
    },
  };
  const strict = pushSubscriptionSchema({ allowLoopbackHttp: false });
  const problems = (value: unknown, schema = strict) => {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts what a browser’s PushSubscription.toJSON() gives', () => {
    expect(strict.parse(valid)).toEqual(valid);
  });

  it('refuses a bad subscription with a clear error naming the field', () => {
    expect(problems({ ...valid, endpoint: 'http://push.example/abc' })).toEqual([
      'endpoint: endpoint must be an https:// URL of a push service',
    ]);
    expect(problems({ ...valid, endpoint: 'not a url' })).toEqual(['endpoint: endpoint must be an absolute URL']);
    expect(problems({ ...valid, endpoint: 'https://user:pw@push.example/abc' })).toEqual([
      'endpoint: endpoint must be an https:// URL of a push service',
    ]);
    expect(problems({ ...valid, keys: { ...valid.keys, auth: 'short' } })).toEqual([
      'keys.auth: keys.auth must be 16 bytes',
    ]);
    expect(problems({ ...valid, keys: { ...valid.keys, p256dh: 'a+b/c' } })).toEqual([
      'keys.p256dh: keys.p256dh must be base64url',
    ]);
    expect(problems({ endpoint: valid.endpoint })).toEqual(['keys: keys must hold p256dh and auth']);
  });

  it('accepts plain http only for a loopback push service, and only when allowed', () => {
    const local = { ...valid, endpoint: 'http://127.0.0.1:9999/push/abc' };
    expect(problems(local)).toEqual(['endpoint: endpoint must be an https:// URL of a push service']);
    expect(problems(local, pushSubscriptionSchema({ allowLoopbackHttp: true }))).toEqual([]);
    expect(
      problems({ ...local, endpoint: 'http://10.0.0.1/push/abc' }, pushSubscriptionSchema({ allowLoopbackHttp: true })),
    ).toEqual(['endpoint: endpoint must be an https:// URL of a push service (or plain http on loopback)']);
  });
});

describe('pushPayloadSchema', () => {
  it('accepts a path of this app only, so a notification opens nothing elsewhere', () => {
    expect(pushPayloadSchema.safeParse(alert).success).toBe(true);
    for (const url of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'dashboard']) {
      expect(pushPayloadSchema.safeParse({ ...alert, url }).error?.issues[0]?.message).toBe(
        'url must be a path of this app, starting with a single /',
      );
    }
  });

  it('refuses unknown fields, unknown languages and a payload too large for a push message', () => {
    expect(pushPayloadSchema.safeParse({ ...alert, icon: '/x.png' }).success).toBe(false);
    expect(pushPayloadSchema.safeParse({ ...alert, lang: 'fr' }).success).toBe(false);
    expect(pushPayloadSchema.safeParse({ ...alert, body: '€'.repeat(400), title: '€'.repeat(100) }).success).toBe(true);
    // Control characters take 6 bytes each in JSON.
    const huge = { ...alert, title: '\u0001'.repeat(100), body: '\u0001'.repeat(400), url: `/${'a'.repeat(999)}` };
    expect(pushPayloadSchema.safeParse(huge).error?.issues.map((issue) => issue.message)).toEqual([
      'the payload must be at most 3993 bytes of JSON',
    ]);
  });

  it('makes sendPush refuse an invalid payload before anything is sent', async () => {
    const subscription = parse(subscribe());
    await expect(
      sendPush(subscription, { ...alert, url: 'https://evil.example/' }, { ttlSeconds: 60 }),
    ).rejects.toThrow(/url must be a path of this app/);
    expect(push.messages(subscription.endpoint)).toEqual([]);
  });
});

describe('sendPush under the app’s configuration', () => {
  it('is off without VAPID keys, and signs with the configured ones when set', async () => {
    vi.resetModules();
    const off = await import('./push');
    expect(off.pushEnabled).toBe(false);
    await expect(off.sendPush(parse(subscribe()), alert, { ttlSeconds: 60 })).rejects.toThrow(/alerts are off/);

    vi.resetModules();
    vi.stubEnv('VAPID_PUBLIC_KEY', keys.publicKey);
    vi.stubEnv('VAPID_PRIVATE_KEY', keys.privateKey);
    vi.stubEnv('VAPID_SUBJECT', 'mailto:ops@example.com');
    try {
      const on = await import('./push');
      expect(on.vapidPublicKey).toBe(keys.publicKey);
      const subscription = on.subscriptionSchema.parse(subscribe());
      expect(await on.sendPush(subscription, alert, { ttlSeconds: 60 })).toEqual({ outcome: 'delivered', status: 201 });
      expect(JSON.parse(push.messages(subscription.endpoint)[0]!.text!)).toEqual(alert);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
