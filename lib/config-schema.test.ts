import { describe, expect, it } from 'vitest';

import { ConfigError, DEV_SESSION_SECRET, parseConfig } from './config-schema';

const strongSecret = 'x'.repeat(40);

describe('parseConfig', () => {
  it('refuses to start in production without SESSION_SECRET', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: must be set/);
  });

  it('refuses the development secret in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(
      /development default/,
    );
  });

  it('refuses a plain-HTTP APP_URL in production unless it is loopback', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: strongSecret };
    expect(() => parseConfig({ ...production, APP_URL: 'http://hems.example' })).toThrow(
      /APP_URL: must be https in production/,
    );
    expect(() => parseConfig({ ...production, APP_URL: 'http://192.168.1.20:3000' })).toThrow(/APP_URL/);
    expect(parseConfig({ ...production, APP_URL: 'http://localhost:3100' }).secureCookies).toBe(false);
    expect(parseConfig({ ...production, APP_URL: 'http://127.0.0.1:3000' }).appUrl).toBe('http://127.0.0.1:3000');
    expect(parseConfig({ ...production, APP_URL: 'https://hems.example' }).secureCookies).toBe(true);
    // Only production insists: a phone on the LAN may test a development server.
    expect(parseConfig({ APP_URL: 'http://192.168.1.20:3000' }).appUrl).toBe('http://192.168.1.20:3000');
  });

  it('lets `next build` load the modules without the run-time secret', () => {
    expect(parseConfig({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }).production).toBe(true);
  });

  it('reports every invalid variable at once, one line each', () => {
    try {
      parseConfig({ PORT: 'abc', NOMOS_ISSUER: 'not a url', SESSION_SECRET: 'short' });
      expect.unreachable('parseConfig accepted invalid input');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).issues;
      expect(lines.some((l) => l.startsWith('PORT:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('NOMOS_ISSUER:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('SESSION_SECRET:'))).toBe(true);
      expect(lines.filter((l) => l.startsWith('NOMOS_ISSUER:'))).toHaveLength(1);
    }
  });

  it('refuses a malformed REDIS_URL with one line naming the expected form', () => {
    for (const value of ['localhost:6379', 'http://localhost:6379', 'redis://', 'not a url']) {
      try {
        parseConfig({ REDIS_URL: value });
        expect.unreachable(`parseConfig accepted REDIS_URL=${value}`);
      } catch (error) {
        expect((error as ConfigError).issues).toEqual([
          'REDIS_URL: must be a redis:// or rediss:// URL such as redis://localhost:6379 (rediss:// for TLS)',
        ]);
      }
    }
  });

  it('refuses an unknown NOMOS_AUTH and defaults to iron-session', () => {
    expect(() => parseConfig({ NOMOS_AUTH: 'passport' })).toThrow(/NOMOS_AUTH: must be iron-session or next-auth/);
    expect(parseConfig({}).authStyle).toBe('iron-session');
    expect(parseConfig({ NOMOS_AUTH: 'next-auth' }).authStyle).toBe('next-auth');
  });

  it('accepts redis:// and rediss:// URLs, with credentials, and leaves Redis off when unset', () => {
    expect(parseConfig({ REDIS_URL: 'rediss://default:pw@eu1.example.upstash.io:6379' }).redisUrl).toBe(
      'rediss://default:pw@eu1.example.upstash.io:6379',
    );
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(parseConfig({}).redisUrl).toBeUndefined();
  });

  it.each(['SESSION_MAX_AGE_SECONDS', 'SESSION_IDLE_TIMEOUT_SECONDS'])(
    'refuses a %s that is not whole seconds from 10 to 400 days, with one line naming the range',
    (name) => {
      for (const value of ['abc', '-5', '1.5', '30d', '9', '0', String(400 * 86_400 + 1)]) {
        try {
          parseConfig({ [name]: value });
          expect.unreachable(`parseConfig accepted ${name}=${value}`);
        } catch (error) {
          expect((error as ConfigError).issues).toEqual([
            `${name}: must be a whole number of seconds from 10 to 34560000 (400 days)`,
          ]);
        }
      }
    },
  );

  it('ends sessions after 30 days, or 7 days unused, unless configured otherwise', () => {
    expect(parseConfig({}).session).toEqual({ maxAgeSeconds: 30 * 86_400, idleTimeoutSeconds: 7 * 86_400 });
    expect(parseConfig({ SESSION_MAX_AGE_SECONDS: '20', SESSION_IDLE_TIMEOUT_SECONDS: '3600' }).session).toEqual({
      maxAgeSeconds: 20,
      idleTimeoutSeconds: 3600,
    });
  });

  it('defaults to the sandbox and its demo client in development', () => {
    const config = parseConfig({});
    expect(config.nomos.issuer).toBe('http://127.0.0.1:4000');
    expect(config.nomos.clientId).toBe('hems-demo');
    expect(config.nomos.redirectUri).toBe('http://localhost:3000/auth/callback');
    expect(config.nomos.allowInsecureHttp).toBe(true);
    expect(config.secureCookies).toBe(false);
  });

  it('follows SANDBOX_PORT and PORT when no URLs are given', () => {
    const config = parseConfig({ SANDBOX_PORT: '4100', PORT: '3100' });
    expect(config.nomos.issuer).toBe('http://127.0.0.1:4100');
    expect(config.appUrl).toBe('http://localhost:3100');
  });

  it('allows plain HTTP only for a loopback issuer and uses Secure cookies for a public app', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: strongSecret,
      NOMOS_ISSUER: 'https://api.nomos.energy/',
      APP_URL: 'https://hems.example',
    });
    expect(config.nomos.issuer).toBe('https://api.nomos.energy');
    expect(config.nomos.allowInsecureHttp).toBe(false);
    expect(config.secureCookies).toBe(true);
  });

  it('keeps rotated secrets newest first', () => {
    const config = parseConfig({ SESSION_SECRET: `${'n'.repeat(32)},${'o'.repeat(32)}` });
    expect(config.sessionSecrets).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
  });

  it('keeps the durable store in ./data unless DATA_DIR says otherwise', () => {
    expect(parseConfig({}).dataDir).toBe('./data');
    expect(parseConfig({ DATA_DIR: '' }).dataDir).toBe('./data');
    expect(parseConfig({ DATA_DIR: '/var/lib/nomos-hems' }).dataDir).toBe('/var/lib/nomos-hems');
    expect(parseConfig({ DATA_DIR: 'state' }).dataDir).toBe('state');
  });
});
