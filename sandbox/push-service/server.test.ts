import { generateVAPIDKeys } from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPushSender, pushSubscriptionSchema } from '@/lib/alerts/push';

import { startPushService, type PushService } from './server';

let push: PushService;
beforeAll(async () => {
  push = await startPushService();
});
afterAll(() => push.close());

const keys = generateVAPIDKeys();
const send = createPushSender({ vapid: { ...keys, subject: 'mailto:ops@example.com' }, log: () => undefined });
const alert = { title: 'Strom günstig', body: 'ab 13:00', url: '/dashboard', lang: 'de' as const };

describe('the test push service over HTTP (for tests that run the app in another process)', () => {
  it('hands out a subscription and lists the messages it decrypted', async () => {
    const created = await fetch(`${push.origin}/__push/subscriptions`, {
      method: 'POST',
      body: JSON.stringify({ applicationServerKey: keys.publicKey }),
    });
    expect(created.status).toBe(201);
    const subscription = pushSubscriptionSchema({ allowLoopbackHttp: true }).parse(await created.json());
    expect(subscription.endpoint).toMatch(new RegExp(`^${push.origin}/push/[0-9a-f-]{36}$`));

    expect(await send(subscription, alert, { ttlSeconds: 30, topic: 'prices' })).toEqual({
      outcome: 'delivered',
      status: 201,
    });
    const id = subscription.endpoint.split('/').pop();
    const listed = await fetch(`${push.origin}/__push/subscriptions/${id}/messages`);
    expect(await listed.json()).toEqual([{ text: JSON.stringify(alert), ttl: 30, urgency: 'normal', topic: 'prices' }]);
  });

  it('answers 404 for an endpoint it never handed out, and refuses a push without VAPID', async () => {
    const unknown = await fetch(`${push.origin}/push/00000000-0000-0000-0000-000000000000`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    const subscription = push.subscribe();
    const bare = await fetch(subscription.endpoint, { method: 'POST', headers: { TTL: '60' } });
    expect(bare.status).toBe(401);
    expect(push.refused(subscription.endpoint)).toEqual([{ status: 401, reason: 'no `Authorization: vapid` header' }]);
  });
});
