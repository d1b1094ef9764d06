import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createSealer } from '@/lib/auth/session/cookies';
import { SqliteDurableStore } from '@/lib/store/sqlite-durable-store';

import { createSubscriptionStore, SUBSCRIPTION_PREFIX, subscriptionKey } from './subscriptions';

const folder = mkdtempSync(path.join(tmpdir(), 'subscriptions-test-'));
const durable = new SqliteDurableStore({ dataDir: path.join(folder, 'data') });
afterAll(async () => {
  await durable.close();
  rmSync(folder, { recursive: true, force: true });
});

const secretA = 'a'.repeat(32);
const store = (secrets = [secretA]) =>
  createSubscriptionStore({ store: async () => durable, sealer: createSealer(secrets) });

let devices = 0;
function device() {
  devices++;
  return {
    endpoint: `https://push.example/send/device-${devices}`,
    expirationTime: null,
    keys: {
      p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, devices)]).toString('base64url'),
      auth: Buffer.alloc(16, devices).toString('base64url'),
    },
  };
}

describe('a customer’s push subscriptions', () => {
  it('are kept sealed under a hash of the endpoint, owned by the customer', async () => {
    const phone = device();
    await store().save('owner-a', phone);
    const [record, ...more] = await durable.listByOwner('owner-a');
    expect(more).toEqual([]);
    expect(record?.key).toBe(subscriptionKey(phone.endpoint));
    expect(record?.key.startsWith(SUBSCRIPTION_PREFIX)).toBe(true);
    for (const clear of [phone.endpoint, 'device-', phone.keys.auth, phone.keys.p256dh]) {
      expect(record?.key).not.toContain(clear);
      expect(record?.value).not.toContain(clear);
    }
    expect(await store().list('owner-a')).toEqual([phone]);
  });

  it('lists only the customer’s own, and one record per device whoever subscribed it last', async () => {
    const [mine, shared] = [device(), device()];
    await store().save('owner-b', mine);
    await store().save('owner-b', shared);
    await store().save('owner-c', shared);
    expect((await store().list('owner-b')).map((s) => s.endpoint)).toEqual([mine.endpoint]);
    expect((await store().list('owner-c')).map((s) => s.endpoint)).toEqual([shared.endpoint]);
  });

  it('removes a device only for its owner', async () => {
    const phone = device();
    await store().save('owner-d', phone);
    expect(await store().remove('owner-x', phone.endpoint)).toBe(false);
    expect(await store().list('owner-d')).toHaveLength(1);
    expect(await store().remove('owner-d', phone.endpoint)).toBe(true);
    expect(await store().list('owner-d')).toEqual([]);
  });

  it('skips a record sealed with a secret that is no longer configured, and reads it while the old one is kept', async () => {
    const phone = device();
    await store().save('owner-e', phone);
    expect(await store(['b'.repeat(32)]).list('owner-e')).toEqual([]);
    expect(await store(['b'.repeat(32), secretA]).list('owner-e')).toEqual([phone]);
  });

  it('refuses to keep something that is not a push subscription', async () => {
    await expect(store().save('owner-f', { ...device(), keys: { p256dh: 'x', auth: 'y' } })).rejects.toThrow();
    expect(await durable.listByOwner('owner-f')).toEqual([]);
  });
});
