import { createECDH } from 'node:crypto';

import { z } from 'zod';

import { ConfigError, configIssues, isLoopbackHttp, withoutEmpty } from '@/lib/config-schema';

/**
 * The configuration of Web Push alerts, parsed apart from the app's core
 * configuration (lib/config-schema.ts) so that only what sends alerts loads
 * it; `lib/config-check.ts` parses it at start-up all the same, so a bad
 * key stops the server with one line per variable.
 */
const alertsEnvSchema = z.object({
  VAPID_PUBLIC_KEY: vapidKey(65, 'public').optional(),
  VAPID_PRIVATE_KEY: vapidKey(32, 'private').optional(),
  VAPID_SUBJECT: z
    .string()
    .refine(isVapidSubject, 'must be a mailto: address or an https:// URL at which the push service can reach you')
    .optional(),
});

/**
 * A VAPID key as `npx web-push generate-vapid-keys` prints it: base64url
 * without padding, of an uncompressed P-256 point (65 bytes) or scalar (32).
 */
function vapidKey(bytes: number, kind: 'public' | 'private') {
  const length = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .regex(
      new RegExp(`^[A-Za-z0-9_-]{${length}}$`),
      `must be the base64url ${kind} key that \`npx web-push generate-vapid-keys\` prints (${length} characters)`,
    )
    .refine(
      (value) => kind === 'private' || Buffer.from(value, 'base64url')[0] === 0x04,
      'must be an uncompressed P-256 point (the key `npx web-push generate-vapid-keys` prints starts with B)',
    );
}

function isVapidSubject(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'mailto:' && url.pathname.includes('@')) || (url.protocol === 'https:' && url.hostname !== '')
    );
  } catch {
    return false;
  }
}

export type VapidDetails = { publicKey: string; privateKey: string; subject: string };

function vapidDetails(
  publicKey: string | undefined,
  privateKey: string | undefined,
  subject: string | undefined,
  appUrl: string,
): VapidDetails | undefined {
  if (publicKey === undefined && privateKey === undefined) {
    if (subject !== undefined) {
      throw new ConfigError([
        'VAPID_SUBJECT: set only with VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (alerts are off without them)',
      ]);
    }
    return undefined;
  }
  if (publicKey === undefined || privateKey === undefined) {
    throw new ConfigError([
      `${publicKey === undefined ? 'VAPID_PUBLIC_KEY' : 'VAPID_PRIVATE_KEY'}: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together or not at all (\`npx web-push generate-vapid-keys\` prints both)`,
    ]);
  }
  if (!keysMatch(publicKey, privateKey)) {
    throw new ConfigError(['VAPID_PRIVATE_KEY: does not belong to VAPID_PUBLIC_KEY (set both from the same key pair)']);
  }
  // Push services want a way to reach the app's operator: an https APP_URL
  // will do, a loopback one will not (Apple's refuses it).
  if (subject === undefined && !appUrl.startsWith('https:')) {
    throw new ConfigError([
      'VAPID_SUBJECT: must be set with the VAPID keys unless APP_URL is https (a mailto: address such as mailto:ops@example.com)',
    ]);
  }
  return { publicKey, privateKey, subject: subject ?? appUrl };
}

function keysMatch(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey().equals(Buffer.from(publicKey, 'base64url'));
  } catch {
    return false;
  }
}

export type AlertsConfig = {
  /**
   * The key pair that signs Web Push requests (VAPID, RFC 8292) and the
   * contact the push services see. Unset: alerts are off.
   */
  vapid: VapidDetails | undefined;
  /**
   * Subscriptions whose push service is plain HTTP on this machine are
   * accepted only while the app itself is served there (the demo and the
   * tests, with the test push service): a deployment never posts to its own
   * loopback services on a visitor's say-so.
   */
  allowLoopbackPushServices: boolean;
};

/** Parses the alert variables of `env` for the app at `appUrl`; throws `ConfigError` with one line per problem. */
export function parseAlertsConfig(env: Record<string, string | undefined>, appUrl: string): AlertsConfig {
  const result = alertsEnvSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new ConfigError(configIssues(result.error));
  const e = result.data;
  return {
    vapid: vapidDetails(e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT, appUrl),
    allowLoopbackPushServices: isLoopbackHttp(appUrl),
  };
}
