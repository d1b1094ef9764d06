/**
 * The words of an ICU message without its syntax: the literal text at every
 * level, including each branch of a `plural` or `select` and the text inside
 * rich-text tags, and the names of its arguments. For tests: the German and English catalogues must use the
 * same arguments, and no English words may show on a German page.
 */
export type IcuParts = { literals: string[]; args: string[] };

const BRANCHING = new Set(['plural', 'select', 'selectordinal']);

export function icuParts(message: string): IcuParts {
  const literals: string[] = [];
  const args = new Set<string>();
  parseMessage(message, 0, false, literals, args);
  return { literals: literals.map((text) => text.trim()).filter(Boolean), args: [...args].sort() };
}

/** Parses from `start` up to an unmatched `}` (or the end); returns the index after the message. */
function parseMessage(text: string, start: number, inPlural: boolean, literals: string[], args: Set<string>): number {
  let current = '';
  let i = start;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '}') break;
    if (char === '{') {
      literals.push(current);
      current = '';
      i = parseArgument(text, i + 1, literals, args);
      continue;
    }
    const tag = char === '<' ? /^<\/?[\w-]+>/.exec(text.slice(i)) : null;
    if (tag) {
      // A rich-text tag (`<b>…</b>`) separates words; it is not one.
      literals.push(current);
      current = '';
      i += tag[0].length;
      continue;
    }
    if (char === '#' && inPlural) {
      literals.push(current);
      current = '';
      i++;
      continue;
    }
    current += char;
    i++;
  }
  literals.push(current);
  return i;
}

/** From just after `{` to just after its matching `}`. */
function parseArgument(text: string, start: number, literals: string[], args: Set<string>): number {
  const header = /^\s*([\w-]+)\s*(?:,\s*(\w+)\s*)?(,|\})/.exec(text.slice(start));
  if (!header) throw new SyntaxError(`Malformed ICU argument at ${start} in: ${text}`);
  const [whole, name = '', type, end] = header;
  args.add(name);
  let i = start + whole.length;
  if (end === '}') return i;
  if (!type || !BRANCHING.has(type)) {
    // A style such as `{n, number, integer}`: skip to the closing brace.
    const close = text.indexOf('}', i);
    if (close < 0) throw new SyntaxError(`Unclosed ICU argument in: ${text}`);
    return close + 1;
  }
  // Branches: `key {message} key {message} … }`.
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] === '}') return i + 1;
    const key = /^(=?[\w-]+)\s*\{/.exec(text.slice(i));
    if (!key) throw new SyntaxError(`Malformed ICU branch at ${i} in: ${text}`);
    i = parseMessage(text, i + key[0].length, type !== 'select', literals, args);
    if (text[i] !== '}') throw new SyntaxError(`Unclosed ICU branch in: ${text}`);
    i++;
  }
}

/** Every message of a catalogue as `[dotted.key, value]`. */
export function flattenMessages(messages: object, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [[path, value]];
    if (value && typeof value === 'object') return flattenMessages(value as object, path);
    return [];
  });
}

/**
 * The English phrases that must never show on a German page: the literal
 * text of every English message (each branch of a plural or select
 * included) that German does not also use, trimmed of punctuation,
 * symbols and a closing unit in brackets. By default only phrases of several words with 4 letters or
 * more, or single words of 8 letters or more, so that units, "Nomos", the
 * language's own name "English" and short words German shares ("in",
 * "an") cannot match a German page by chance; a test of known markup can
 * ask for shorter ones. Pass whole catalogues, or the same namespaces of both.
 */
export function englishOnlyPhrases(
  english: object,
  german: object,
  minLetters: { phrase: number; word: number } = { phrase: 4, word: 8 },
): string[] {
  // "Cost per quarter-hour (ct)" → "Cost per quarter-hour": a unit in brackets is not what makes it English.
  const trim = (text: string) =>
    text.replace(/\s*\([^()\s]*\)\s*$/u, '').replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
  const germanLiterals = new Set(flattenMessages(german).flatMap(([, value]) => icuParts(value).literals.map(trim)));
  const phrases = new Set<string>();
  for (const [, value] of flattenMessages(english)) {
    for (const text of icuParts(value).literals.map(trim)) {
      const letters = text.replace(/[^\p{L}]/gu, '').length;
      if (germanLiterals.has(text)) continue;
      if (letters >= (/\s/.test(text) ? minLetters.phrase : minLetters.word)) phrases.add(text);
    }
  }
  return [...phrases];
}

/** The phrases that occur in `text` as whole words. */
export function phrasesIn(text: string, phrases: string[]): string[] {
  return phrases.filter((phrase) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text),
  );
}

/** What a person reads or hears in server-rendered HTML: its text, and the names and tooltips in attributes. */
export function readableHtml(html: string): string {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&');
  const attributes = [...html.matchAll(/\s(?:aria-label|data-tip|title|alt|placeholder)="([^"]*)"/g)].map(
    (m) => m[1] ?? '',
  );
  return decode([html.replace(/<[^>]*>/g, '\n'), ...attributes].join('\n'));
}
