import { generateVAPIDKeys } from 'web-push';
import { describe, expect, it } from 'vitest';

import type { ConfigError } from '@/lib/config-schema';

import { parseAlertsConfig } from './alerts-config';

/** As the app parses it: APP_URL (default: plain http on localhost) decides the subject's default and loopback services. */
const parse = (env: Record<string, string>) => parseAlertsConfig(env, env.APP_URL ?? 'http://localhost:3000');

describe('VAPID keys (Web Push alerts)', () => {
  const keys = generateVAPIDKeys();
  const pair = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
  const issues = (env: Record<string, string>): string[] => {
    try {
      parse(env);
    } catch (error) {
      return (error as ConfigError).issues;
    }
    throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
  };

  it('leaves alerts off when no key is set', () => {
    expect(parse({}).vapid).toBeUndefined();
  });

  it('takes the pair that `npx web-push generate-vapid-keys` prints, with a mailto: or https: subject', () => {
    expect(parse({ ...pair, VAPID_SUBJECT: 'mailto:ops@example.com' }).vapid).toEqual({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: 'mailto:ops@example.com',
    });
    expect(parse({ ...pair, VAPID_SUBJECT: 'https://hems.example/contact' }).vapid?.subject).toBe(
      'https://hems.example/contact',
    );
    // An https app is its own contact.
    expect(parse({ ...pair, APP_URL: 'https://hems.example' }).vapid?.subject).toBe('https://hems.example');
  });

  it('refuses one key without the other', () => {
    expect(issues({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_SUBJECT: 'mailto:ops@example.com' })).toEqual([
      'VAPID_PRIVATE_KEY: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together or not at all (`npx web-push generate-vapid-keys` prints both)',
    ]);
    expect(issues({ VAPID_PRIVATE_KEY: keys.privateKey })).toEqual([
      'VAPID_PUBLIC_KEY: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together or not at all (`npx web-push generate-vapid-keys` prints both)',
    ]);
    expect(issues({ VAPID_SUBJECT: 'mailto:ops@example.com' })).toEqual([
      'VAPID_SUBJECT: set only with VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (alerts are off without them)',
    ]);
  });

  it('refuses keys that are not the base64url P-256 form, or not one pair, with one line each', () => {
    const subject = { VAPID_SUBJECT: 'mailto:ops@example.com' };
    const base64 = Buffer.from(keys.publicKey, 'base64url').toString('base64');
    expect(issues({ ...pair, ...subject, VAPID_PUBLIC_KEY: base64 })).toEqual([
      'VAPID_PUBLIC_KEY: must be the base64url public key that `npx web-push generate-vapid-keys` prints (87 characters)',
    ]);
    expect(issues({ ...pair, ...subject, VAPID_PRIVATE_KEY: keys.privateKey.slice(1) })).toEqual([
      'VAPID_PRIVATE_KEY: must be the base64url private key that `npx web-push generate-vapid-keys` prints (43 characters)',
    ]);
    // A compressed or otherwise foreign point of the right length.
    const foreign = Buffer.from(keys.publicKey, 'base64url');
    foreign[0] = 0x02;
    expect(issues({ ...pair, ...subject, VAPID_PUBLIC_KEY: foreign.toString('base64url') })).toEqual([
      'VAPID_PUBLIC_KEY: must be an uncompressed P-256 point (the key `npx web-push generate-vapid-keys` prints starts with B)',
    ]);
    expect(issues({ ...pair, ...subject, VAPID_PRIVATE_KEY: generateVAPIDKeys().privateKey })).toEqual([
      'VAPID_PRIVATE_KEY: does not belong to VAPID_PUBLIC_KEY (set both from the same key pair)',
    ]);
  });

  it('refuses a subject that is not mailto: or https:, and a missing one while APP_URL is not https', () => {
    for (const value of ['ops@example.com', 'http://hems.example', 'mailto:', 'not a url']) {
      expect(issues({ ...pair, VAPID_SUBJECT: value })).toEqual([
        'VAPID_SUBJECT: must be a mailto: address or an https:// URL at which the push service can reach you',
      ]);
    }
    expect(issues(pair)).toEqual([
      'VAPID_SUBJECT: must be set with the VAPID keys unless APP_URL is https (a mailto: address such as mailto:ops@example.com)',
    ]);
  });

  it('accepts loopback push services only while the app itself is on loopback', () => {
    expect(parse({}).allowLoopbackPushServices).toBe(true);
    expect(parse({ APP_URL: 'https://hems.example' }).allowLoopbackPushServices).toBe(false);
  });
});
