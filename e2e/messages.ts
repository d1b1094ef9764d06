import { readFileSync } from 'node:fs';

import { englishOnlyPhrases, flattenMessages } from '../lib/testing/icu';

function catalogue(locale: 'de' | 'en'): Map<string, string> {
  const path = new URL(`../lib/i18n/messages/${locale}.json`, import.meta.url);
  return new Map(flattenMessages(JSON.parse(readFileSync(path, 'utf8')) as object));
}

export const german = catalogue('de');
export const english = catalogue('en');

/** A message's text with its arguments filled in, for matching what a page shows. */
export function message(locale: 'de' | 'en', key: string, values: Record<string, string> = {}): string {
  const text = (locale === 'de' ? german : english).get(key);
  if (text === undefined) throw new Error(`No message ${key} in ${locale}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The English phrases that must never show on a German page (see `englishOnlyPhrases`). */
export const englishPhrases = englishOnlyPhrases(Object.fromEntries(english), Object.fromEntries(german));
