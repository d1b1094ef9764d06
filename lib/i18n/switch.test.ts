import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';

import { backTo, switchLanguage } from './switch';

const APP = 'http://localhost:3000';

describe('backTo', () => {
  it.each([
    ['http://localhost:3000/dashboard?date=2026-11-24', '/dashboard?date=2026-11-24'],
    ['http://localhost:3000/dashboard/usage', '/dashboard/usage'],
    ['http://localhost:3000/auth/error?reason=denied', '/auth/error?reason=denied'],
    ['http://localhost:3000/', '/'],
  ])('goes back to the page the switch was on: %s', (referer, expected) => {
    const url = backTo(referer, APP);
    expect(url.origin).toBe(APP);
    expect(`${url.pathname}${url.search}`).toBe(expected);
  });

  it.each([
    null,
    '',
    'not a url',
    'https://evil.example/dashboard',
    'http://localhost:3001/dashboard',
    'http://localhost:3000//evil.example/x',
    'http://localhost:3000/auth/login?returnTo=/dashboard',
    'http://localhost:3000/auth/callback?code=x',
    `http://localhost:3000/${'a'.repeat(3000)}`,
  ])('goes to the start page for anything else: %s', (referer) => {
    expect(backTo(referer, APP).href).toBe(`${APP}/`);
  });

  it('drops the fragment and never follows the referer to another origin', () => {
    expect(backTo('http://localhost:3000/dashboard#x', APP).href).toBe(`${APP}/dashboard`);
  });
});

function post(body: string, headers: Record<string, string>) {
  return new NextRequest(`${APP}/language`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

describe('switchLanguage', () => {
  const sameOrigin = { 'sec-fetch-site': 'same-origin', origin: APP, referer: `${APP}/dashboard/usage` };

  it('remembers the choice in a cookie and goes back with 303', async () => {
    const response = await switchLanguage(post('locale=de', sameOrigin));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${APP}/dashboard/usage`);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^NEXT_LOCALE=de;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Max-Age=31536000/);
  });

  it('refuses a language it does not speak, and sets nothing', async () => {
    for (const body of ['locale=fr', 'locale=', '', 'language=de']) {
      const response = await switchLanguage(post(body, sameOrigin));
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.json()).toMatchObject({ code: 'INVALID_LOCALE' });
    }
  });

  it('refuses a cross-site post', async () => {
    const response = await switchLanguage(
      post('locale=de', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
