/**
 * The words of an ICU message without its syntax: the literal text at every
 * level, including each branch of a `plural` or `select`, and the names of
 * its arguments. For tests: the German and English catalogues must use the
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
