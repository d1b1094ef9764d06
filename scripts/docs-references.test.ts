/**
 * The docs cite files and tests by name (README.md, docs/**): a rename must
 * not leave them pointing at nothing. Every `path` in backticks under one of
 * the project's folders must exist, and every test cited as
 * `file.test.ts` › "name" (or a spec in e2e/) must still be in that file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['app', 'components', 'lib', 'e2e', 'scripts', 'sandbox', 'docs', 'public'];

function markdownFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(relative);
    return entry.name.endsWith('.md') ? [relative] : [];
  });
}

const docs = ['README.md', 'sandbox/README.md', 'lib/auth/README.md', ...markdownFiles('docs')];

/** `lib/auth/refresh.ts`, `e2e/`, `app/**` and the like: what a reader would open. */
function citedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const [, cited] of text.matchAll(/`([A-Za-z0-9_.\-/[\]]+)`/g)) {
    const top = cited!.split('/')[0]!;
    if (!FOLDERS.includes(top) || !cited!.includes('/')) continue;
    found.add(cited!.replace(/\/$/, ''));
  }
  return [...found];
}

/** `file.test.ts` › "a" , › "b": each test name with the file it is cited in. */
function citedTests(text: string): { file: string; name: string }[] {
  const cited: { file: string; name: string }[] = [];
  for (const line of text.split('\n')) {
    let file: string | undefined;
    for (const match of line.matchAll(/`([\w./-]+\.(?:test|spec)\.tsx?)`|›\s*"((?:[^"\\]|\\.)*)"/g)) {
      if (match[1]) file = match[1];
      else if (file && match[2] !== undefined) cited.push({ file, name: match[2].replace(/\\"/g, '"') });
    }
  }
  return cited;
}

/**
 * A cited name matches a test when its longest stretch without a `…` (the
 * doc shortened it) or a `%s`/`%j` placeholder (a parameterised name) appears
 * in the file.
 */
function comparable(name: string): string {
  return name
    .split(/…|%[sjd]/)
    .map((part) => part.trim())
    .reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

describe.each(docs)('%s', (doc) => {
  const text = readFileSync(path.join(root, doc), 'utf8');

  it('cites only files and folders that exist', () => {
    const missing = citedPaths(text).filter((cited) => !existsSync(path.join(root, cited.replace(/\*\*.*$/, ''))));
    expect(missing).toEqual([]);
  });

  it('links only to files that exist (relative links resolve from the page)', () => {
    const broken = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(path.join(root, path.dirname(doc), target)));
    expect(broken).toEqual([]);
  });

  it('cites only tests that still exist under that name', () => {
    const missing = citedTests(text).filter(({ file, name }) => {
      const source = path.join(root, file);
      if (!existsSync(source)) return true;
      const escaped = readFileSync(source, 'utf8').replace(/\\'/g, "'");
      return !escaped.includes(comparable(name));
    });
    expect(missing).toEqual([]);
  });
});

it('finds citations to check, so that the checks above can fail', () => {
  const all = docs.map((doc) => readFileSync(path.join(root, doc), 'utf8')).join('\n');
  expect(citedPaths(all).length).toBeGreaterThan(50);
  expect(citedTests(all).length).toBeGreaterThan(30);
});
