import { generateVAPIDKeys } from 'web-push';
import { describe, expect, it } from 'vitest';

import { applicationServerKey } from './push-subscription';

describe('applicationServerKey', () => {
  it('turns the base64url VAPID public key into the 65 bytes of its P-256 point', () => {
    const { publicKey } = generateVAPIDKeys();
    const bytes = applicationServerKey(publicKey);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(4);
    expect(Buffer.from(bytes).toString('base64url')).toBe(publicKey);
  });
});
