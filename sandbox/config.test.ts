import { describe, expect, it } from 'vitest';
import { parseSandboxEnv } from './config';

describe('sandbox env', () => {
  it('reports every invalid field at once', () => {
    const result = parseSandboxEnv({
      SANDBOX_PORT: 'x',
      SANDBOX_ACCESS_TOKEN_TTL: '-5',
      SANDBOX_NULL_PRICES: '7',
      SANDBOX_REDIRECT_ORIGINS: 'nope',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.split(':')[0])).toEqual([
        'SANDBOX_PORT',
        'SANDBOX_REDIRECT_ORIGINS',
        'SANDBOX_ACCESS_TOKEN_TTL',
        'SANDBOX_NULL_PRICES',
      ]);
  });

  it('refuses a revocation-endpoint flag other than 0, 1, true or false', () => {
    const result = parseSandboxEnv({ SANDBOX_REVOCATION_ENDPOINT: 'yes' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^SANDBOX_REVOCATION_ENDPOINT:/);
  });

  it('defaults to 127.0.0.1:4000, one hour tokens, no null prices and no revocation endpoint', () => {
    expect(parseSandboxEnv({})).toEqual({
      ok: true,
      env: {
        SANDBOX_PORT: 4000,
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_REDIRECT_ORIGINS: [],
        SANDBOX_ACCESS_TOKEN_TTL: 3600,
        SANDBOX_NULL_PRICES: 0,
        SANDBOX_MISSING_USAGE: 0,
        SANDBOX_REVOCATION_ENDPOINT: false,
      },
    });
  });

  it('reads "1" as the default 5 % null sprinkle and a decimal as a share', () => {
    const one = parseSandboxEnv({
      SANDBOX_NULL_PRICES: '1',
      SANDBOX_REDIRECT_ORIGINS: 'http://a.test:3000, http://b.test',
    });
    expect(one.ok && one.env.SANDBOX_NULL_PRICES).toBe(0.05);
    expect(one.ok && one.env.SANDBOX_REDIRECT_ORIGINS).toEqual(['http://a.test:3000', 'http://b.test']);
    const share = parseSandboxEnv({ SANDBOX_NULL_PRICES: '0.2' });
    expect(share.ok && share.env.SANDBOX_NULL_PRICES).toBe(0.2);
  });

  it('turns the revocation endpoint on with 1 or true', () => {
    for (const value of ['1', 'true']) {
      const result = parseSandboxEnv({ SANDBOX_REVOCATION_ENDPOINT: value });
      expect(result.ok && result.env.SANDBOX_REVOCATION_ENDPOINT).toBe(true);
    }
  });
});
