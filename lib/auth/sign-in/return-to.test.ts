import { describe, expect, it } from 'vitest';

import { DEFAULT_RETURN_TO, returnToPath, returnToUrl, safeReturnTo } from './return-to';

const APP_URL = 'http://localhost:3000';

/** Values that must never leave the app's origin; each one answers the default path. */
const hostile: string[] = [
  // protocol-relative and backslash hosts
  '//evil.example',
  '//evil.example/dashboard',
  '///evil.example',
  '//user@evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  // dot segments the URL parser resolves into `//evil.example`
  '/.//evil.example',
  '/a/..//evil.example',
  '/./../..//evil.example',
  '/..//evil.example',
  '/dashboard/../..//evil.example',
  '/././/evil.example',
  // encoded dots
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/a/%2E%2E//evil.example',
  '/a/%2e%2e//evil.example',
  '/a/.%2e//evil.example',
  '/%2e%2e//evil.example',
  // encoded slashes and backslashes, single and double
  '/%2F%2Fevil.example',
  '/%2f%2fevil.example',
  '%2F%2Fevil.example',
  '/%2fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%252F%252Fevil.example',
  '/%252fevil.example',
  '/%25252f%25252fevil.example',
  '/%2e%2f/evil.example',
  // tabs, newlines, carriage returns, NUL, DEL, spaces inside
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d%0a/evil.example',
  '/%00/evil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/ /evil.example',
  // schemes
  'https://evil.example',
  'HTTPS://evil.example',
  ' https://evil.example',
  'http://localhost:3000/dashboard',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https:evil.example',
  // unicode look-alikes of `/` and `\`
  '／／evil.example',
  '/／evil.example',
  '\u2215\u2215evil.example',
  '/\u2215evil.example',
  '/\u29f8evil.example',
  '/%E2%88%95evil.example',
  '/%EF%BC%8Fevil.example',
  '/\uff3cevil.example',
  // not a path
  'dashboard',
  'evil.example',
  '?returnTo=//evil.example',
  '#//evil.example',
  // the sign-in routes themselves
  '/auth/login?returnTo=//evil.example',
  '/auth/callback',
  '/AUTH/login',
  '/%61uth/login',
  '/x/../auth/logout',
  // broken encoding, over-long, empty
  '/%E0%A4%A',
  `/${'a'.repeat(3000)}`,
  `/dashboard?x=${'a'.repeat(2040)}`,
  `/${'"'.repeat(700)}`,
  '',
];

describe('safeReturnTo', () => {
  it('has a corpus of at least 40 hostile values', () => {
    expect(new Set(hostile).size).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile)('refuses %j and falls back to the dashboard', (input) => {
    expect(safeReturnTo(input)).toBe(DEFAULT_RETURN_TO);
  });

  it('falls back to the dashboard when nothing is given', () => {
    expect(safeReturnTo(null)).toBe(DEFAULT_RETURN_TO);
    expect(safeReturnTo(undefined)).toBe(DEFAULT_RETURN_TO);
  });

  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?date=2026-11-24', '/dashboard?date=2026-11-24'],
    ['/dashboard?subscription=sub_1&date=2026-03-29', '/dashboard?subscription=sub_1&date=2026-03-29'],
    ['/dashboard#x', '/dashboard#x'],
    ['/dashboard#chart', '/dashboard#chart'],
    ['/', '/'],
    // `@` after a single slash is part of the path, not userinfo: it stays on this origin.
    ['/@evil.example', '/@evil.example'],
    // Harmless dot segments are resolved, and the resolved path is what is kept.
    ['/a/../dashboard', '/dashboard'],
    ['/./dashboard', '/dashboard'],
    ['/dashboard?next=//evil.example', '/dashboard?next=//evil.example'],
  ])('keeps the same-origin path %j as %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it('answers only values that are fixed points of itself', () => {
    for (const input of ['/a/../dashboard', '/dashboard?date=2026-11-24', '/@evil.example', ...hostile]) {
      const once = safeReturnTo(input);
      expect(safeReturnTo(once)).toBe(once);
    }
  });
});

describe('returnToUrl', () => {
  it.each(hostile)('sends %j to the dashboard on the app origin', (input) => {
    expect(returnToUrl(input, APP_URL).href).toBe(`${APP_URL}/dashboard`);
  });

  it('resolves against the configured app origin, ignoring any path in APP_URL', () => {
    expect(returnToUrl('/dashboard?date=2026-11-24', 'https://hems.example/ignored/').href).toBe(
      'https://hems.example/dashboard?date=2026-11-24',
    );
    expect(returnToUrl('/@evil.example', APP_URL).origin).toBe(APP_URL);
  });

  it('gives the path to store at login', () => {
    expect(returnToPath('/.//evil.example', APP_URL)).toBe('/dashboard');
    expect(returnToPath('/dashboard#x', APP_URL)).toBe('/dashboard#x');
  });
});
