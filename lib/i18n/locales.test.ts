import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './locales';

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'de'],
    ['de-AT', 'de'],
    ['de-CH, fr;q=0.9', 'de'],
    ['en-GB,en;q=0.9,de;q=0.8', 'en'],
    ['fr-CH, fr;q=0.9, de;q=0.8, en;q=0.5', 'de'],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.5', 'en'],
    ['en;q=0.5, de;q=0.9', 'de'],
    ['de;q=0, en', 'en'],
    ['DE', 'de'],
    ['*', 'en'],
    ['fr, it', 'en'],
    ['', 'en'],
    [';;;,,,q=', 'en'],
    ['de;q=abc, en;q=0.1', 'en'],
  ] as const)('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it('falls back to English without a header', () => {
    expect(localeFromAcceptLanguage(null)).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });

  it('ignores absurdly long headers rather than parsing them', () => {
    expect(localeFromAcceptLanguage(`de,${'x;q=0.1,'.repeat(500)}`)).toBe('en');
  });
});

describe('resolveLocale', () => {
  it('prefers the cookie the language switch set', () => {
    expect(resolveLocale({ cookie: 'en', acceptLanguage: 'de-DE' })).toBe('en');
    expect(resolveLocale({ cookie: 'de', acceptLanguage: 'en-US' })).toBe('de');
  });

  it('ignores a cookie that names no language of ours', () => {
    expect(resolveLocale({ cookie: 'fr', acceptLanguage: 'de-DE' })).toBe('de');
    expect(resolveLocale({ cookie: '', acceptLanguage: null })).toBe('en');
  });
});
