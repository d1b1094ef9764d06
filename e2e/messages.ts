import { readFileSync } from 'node:fs';

import { flattenMessages, icuParts } from '../lib/testing/icu';

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

/**
 * The English phrases that must never show on a German page: the literal
 * text of every English message (each branch of a plural or select
 * included) that German does not also use, of at least two words or eight
 * letters, so units, "Nomos" and the language's own name "English" pass.
 */
export function englishOnlyPhrases(): string[] {
  const germanLiterals = new Set([...german.values()].flatMap((value) => icuParts(value).literals));
  const phrases = new Set<string>();
  for (const value of english.values()) {
    for (const literal of icuParts(value).literals) {
      const text = literal.replace(/^[\s,.:;·–—()]+|[\s,.:;·–—()]+$/g, '');
      const letters = text.replace(/[^\p{L}]/gu, '').length;
      if (germanLiterals.has(literal) || germanLiterals.has(text)) continue;
      if (text.includes(' ') ? letters >= 4 : letters >= 8) phrases.add(text);
    }
  }
  return [...phrases];
}
