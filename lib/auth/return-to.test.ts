import { describe, expect, it } from 'vitest';

import { DEFAULT_RETURN_TO, safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  const hostile = [
    '//evil.example',
    '//evil.example/dashboard',
    'https://evil.example',
    'http://localhost:3000/dashboard',
    'javascript:alert(1)',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%09/evil.example',
    'dashboard',
    '',
    '/auth/login?returnTo=//evil.example',
    '/auth/callback',
    '/%E0%A4%A',
    `/${'a'.repeat(3000)}`,
  ];

  it.each(hostile)('refuses %j and falls back to the dashboard', (input) => {
    expect(safeReturnTo(input)).toBe(DEFAULT_RETURN_TO);
  });

  it('falls back to the dashboard when nothing is given', () => {
    expect(safeReturnTo(null)).toBe(DEFAULT_RETURN_TO);
    expect(safeReturnTo(undefined)).toBe(DEFAULT_RETURN_TO);
  });

  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?subscription=sub_1&date=2026-03-29', '/dashboard?subscription=sub_1&date=2026-03-29'],
    ['/dashboard#chart', '/dashboard#chart'],
    ['/', '/'],
  ])('keeps the same-origin path %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});
