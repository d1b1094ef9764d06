import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { cycles, describeCycle, importGraph, type Edge } from './check-import-cycles.mjs';

const edge = (target: string, line = 1, typeOnly = false): Edge => ({ target, line, typeOnly });

describe('check-import-cycles', () => {
  it('finds a cycle closed by a type-only import and names its import lines', () => {
    const graph = new Map([
      ['lib/a.ts', [edge('lib/b.ts', 3, true)]],
      ['lib/b.ts', [edge('lib/c.ts', 4)]],
      ['lib/c.ts', [edge('lib/a.ts', 5)]],
      ['lib/d.ts', [edge('lib/a.ts')]],
    ]);

    const found = cycles(graph);

    expect(found).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts']]);
    expect(describeCycle(graph, found[0]!)).toEqual([
      '  lib/a.ts:3 imports types of lib/b.ts',
      '  lib/b.ts:4 imports lib/c.ts',
      '  lib/c.ts:5 imports lib/a.ts',
    ]);
  });

  it('counts a module importing itself, and nothing in a graph without cycles', () => {
    expect(cycles(new Map([['lib/a.ts', [edge('lib/a.ts')]]]))).toEqual([['lib/a.ts']]);
    const chain = new Map([
      ['lib/a.ts', [edge('lib/b.ts')]],
      ['lib/b.ts', [edge('lib/c.ts')]],
      ['lib/c.ts', []],
    ]);
    expect(cycles(chain)).toEqual([]);
  });

  it(
    "reads the project's imports with its path aliases, type-only ones and the scripts' included",
    { timeout: 60_000 },
    () => {
      const graph = importGraph(path.resolve(import.meta.dirname, '..'));

      expect(graph.get('scripts/bench.mjs')).toContainEqual(
        expect.objectContaining({ target: 'scripts/processes.mjs' }),
      );
      expect(graph.get('app/dashboard/page.tsx')).toContainEqual(
        expect.objectContaining({ target: 'components/ui/script-cookie.ts', typeOnly: false }),
      );
      expect(graph.get('sandbox/oauth/journey.ts')).toContainEqual(
        expect.objectContaining({ target: 'sandbox/state.ts', typeOnly: true }),
      );
    },
  );
});
