import { describe, expect, it } from 'vitest';

import { flattenMessages, icuParts } from '@/lib/testing/icu';

import de from './messages/de.json';
import en from './messages/en.json';

const german = new Map(flattenMessages(de));
const english = flattenMessages(en);

describe('icuParts', () => {
  it('finds the words in every branch and the argument names', () => {
    expect(
      icuParts('{kind, select, feed_in {Best {duration} to feed in} other {Cheapest {duration}}} from {start}'),
    ).toEqual({ literals: ['Best', 'to feed in', 'Cheapest', 'from'], args: ['duration', 'kind', 'start'] });
    expect(icuParts('{count, plural, one {# interval} other {# intervals}}')).toEqual({
      literals: ['interval', 'intervals'],
      args: ['count'],
    });
    expect(icuParts('Price now, {range}')).toEqual({ literals: ['Price now,'], args: ['range'] });
  });

  it('reads rich-text tags as breaks between words, not as words', () => {
    expect(icuParts('<b>{amount}</b> cheaper than running now').literals).toEqual(['cheaper than running now']);
    expect(icuParts('Only <b>{available}</b> left').literals).toEqual(['Only', 'left']);
  });

  it('refuses malformed messages', () => {
    expect(() => icuParts('{kind, select, feed_in {x}')).toThrow(SyntaxError);
    expect(() => icuParts('{ , }')).toThrow(SyntaxError);
  });
});

describe('the German and English messages', () => {
  it('have the same keys', () => {
    expect([...german.keys()].sort()).toEqual(english.map(([key]) => key).sort());
  });

  it.each(english)('%s: German uses the same arguments and is not empty', (key, value) => {
    const translation = german.get(key);
    expect(translation, key).toBeTypeOf('string');
    expect(translation!.trim(), key).not.toBe('');
    expect(icuParts(translation!).args, key).toEqual(icuParts(value).args);
  });

  it('German is translated, not copied: long English sentences do not appear in German', () => {
    const words = (text: string) => text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length;
    const copied = english.filter(([key, value]) => words(value) >= 4 && german.get(key) === value);
    expect(copied).toEqual([]);
  });
});
