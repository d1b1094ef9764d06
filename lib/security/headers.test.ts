import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, createNonce } from './headers';

const production = { nonce: 'bm9uY2U=', development: false, https: true };

function directives(policy: string) {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('runs only scripts with the nonce or loaded by them, never eval in production', () => {
    const scriptSrc = directives(contentSecurityPolicy(production)).get('script-src');
    expect(scriptSrc).toEqual(["'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('lets the dev server eval, as React needs for server error stacks', () => {
    const scriptSrc = directives(contentSecurityPolicy({ ...production, development: true })).get('script-src');
    expect(scriptSrc).toContain("'unsafe-eval'");
    expect(scriptSrc).toContain("'nonce-bm9uY2U='");
  });

  it('puts the nonce where Next.js reads it for its own scripts', () => {
    expect(getScriptNonceFromHeader(contentSecurityPolicy(production))).toBe('bm9uY2U=');
  });

  it('forbids plugins, base and frame embedding, foreign forms and foreign connections', () => {
    const policy = directives(contentSecurityPolicy(production));
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('allows inline style attributes but style elements only with the nonce', () => {
    const policy = directives(contentSecurityPolicy(production));
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('lets the page register a service worker from its own origin only', () => {
    expect(directives(contentSecurityPolicy(production)).get('worker-src')).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only when served over HTTPS', () => {
    expect(directives(contentSecurityPolicy(production)).has('upgrade-insecure-requests')).toBe(true);
    expect(directives(contentSecurityPolicy({ ...production, https: false })).has('upgrade-insecure-requests')).toBe(
      false,
    );
  });
});

describe('createNonce', () => {
  it('is new every time and carries 128 bits', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(createNonce(), 'base64')).toHaveLength(16);
  });
});
