// No import cycles, type-only imports included: `node scripts/check-import-cycles.mjs`
// (part of `npm run lint`). Reads every TypeScript and JavaScript module of
// the project, resolves its imports and re-exports (`import type`, and
// types written as `import('…')`, too; not `import()` calls) with the
// project's tsconfig by TypeScript itself, and fails naming each cycle with
// the import lines that close it. Only KNOWN_CYCLES may remain.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Cycles that exist and are allowed for now, each as its files (paths from
 * the project root). A cycle passes only when its files are exactly these.
 * @type {string[][]}
 */
const KNOWN_CYCLES = [];

/** @typedef {{ target: string, line: number, typeOnly: boolean }} Edge an import, at its line */

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.next', '.git', 'test-results', 'playwright-report']);
const MODULE = /\.(ts|tsx|mts|mjs)$/;

/** The project's modules under `dir` (declaration files aside), absolute. */
function modules(/** @type {string} */ dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...modules(full));
    } else if (MODULE.test(entry.name) && !/\.d\.m?ts$/.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

/**
 * The import graph of the project at `root`: for each module, the modules it
 * imports, with the line of each import.
 *
 * @param {string} root
 * @returns {Map<string, Edge[]>} paths relative to `root`
 */
export function importGraph(root) {
  const ts = createRequire(path.join(root, 'package.json'))('typescript');
  const configPath = path.join(root, 'tsconfig.json');
  const { options } = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  // The scripts are JavaScript: resolve their imports as well.
  const resolveOptions = { ...options, allowJs: true };
  const host = ts.createCompilerHost(resolveOptions);
  const cache = ts.createModuleResolutionCache(root, (/** @type {string} */ name) => name, resolveOptions);
  const files = modules(root);
  const known = new Set(files);

  /** @type {Map<string, Edge[]>} */
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    /** @type {Edge[]} */
    const edges = [];
    /**
     * @param {string} specifier
     * @param {import('typescript').Node} node
     * @param {boolean} typeOnly
     */
    const add = (specifier, node, typeOnly) => {
      const resolved = ts.resolveModuleName(specifier, file, resolveOptions, host, cache).resolvedModule;
      if (!resolved) return;
      // A declaration file beside a script (processes.d.mts) stands for the script.
      const target = path.resolve(resolved.resolvedFileName.replace(/\.d\.mts$/, '.mjs').replace(/\.d\.ts$/, '.js'));
      if (!known.has(target)) return;
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      edges.push({ target: path.relative(root, target), line, typeOnly });
    };
    /** @param {import('typescript').Node} node */
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!bindings &&
              ts.isNamedImports(bindings) &&
              bindings.elements.length > 0 &&
              bindings.elements.every((element) => element.isTypeOnly)));
        add(node.moduleSpecifier.text, node, typeOnly);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, node, node.isTypeOnly);
      } else if (
        ts.isImportEqualsDeclaration(node) &&
        ts.isExternalModuleReference(node.moduleReference) &&
        ts.isStringLiteral(node.moduleReference.expression)
      ) {
        add(node.moduleReference.expression.text, node, node.isTypeOnly);
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        add(node.argument.literal.text, node, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(path.relative(root, file), edges);
  }
  return graph;
}

/**
 * The strongly connected components of `graph` with a cycle in them (more
 * than one module, or a module importing itself), each sorted.
 *
 * @param {Map<string, { target: string }[]>} graph
 */
export function cycles(graph) {
  // Tarjan's algorithm, iterative: deep import chains must not exhaust the stack.
  let counter = 0;
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const found = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    /** @type {{ node: string, next: number }[]} */
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = /** @type {{ node: string, next: number }} */ (work.at(-1));
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = /** @type {{ target: string }} */ (edges[frame.next++]).target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(Number(low.get(frame.node)), Number(index.get(target))));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(Number(low.get(parent.node)), Number(low.get(frame.node))));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      /** @type {string[]} */
      const component = [];
      let member;
      do {
        member = /** @type {string} */ (stack.pop());
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfImport = (graph.get(frame.node) ?? []).some((edge) => edge.target === frame.node);
      if (component.length > 1 || selfImport) found.push(component.sort());
    }
  }
  return found;
}

/**
 * One shortest cycle through the first module of `component`, as lines
 * `file:line imports target` (`imports types of` for a type-only import).
 *
 * @param {Map<string, Edge[]>} graph
 * @param {string[]} component
 */
export function describeCycle(graph, component) {
  const inside = new Set(component);
  const first = /** @type {string} */ (component[0]);
  /** @type {Map<string, { from: string, line: number, typeOnly: boolean }>} */
  const via = new Map();
  /** @type {string[]} */
  const queue = [first];
  let closing;
  search: while (queue.length > 0) {
    const node = /** @type {string} */ (queue.shift());
    for (const { target, line, typeOnly } of graph.get(node) ?? []) {
      if (!inside.has(target)) continue;
      if (target === first) {
        closing = { from: node, line, typeOnly };
        break search;
      }
      if (!via.has(target)) {
        via.set(target, { from: node, line, typeOnly });
        queue.push(target);
      }
    }
  }
  if (!closing) return [];
  /** @type {string[]} */
  const imports = (/** @type {boolean} */ typeOnly) => (typeOnly ? 'imports types of' : 'imports');
  const steps = [`  ${closing.from}:${closing.line} ${imports(closing.typeOnly)} ${first}`];
  for (let node = closing.from; node !== first;) {
    const step = /** @type {{ from: string, line: number, typeOnly: boolean }} */ (via.get(node));
    steps.unshift(`  ${step.from}:${step.line} ${imports(step.typeOnly)} ${node}`);
    node = step.from;
  }
  return steps;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const graph = importGraph(root);
  const found = cycles(graph);
  const key = (/** @type {string[]} */ files) => [...files].sort().join('\n');
  const knownKeys = new Set(KNOWN_CYCLES.map(key));
  const newCycles = found.filter((component) => !knownKeys.has(key(component)));
  const foundKeys = new Set(found.map(key));
  const gone = KNOWN_CYCLES.filter((files) => !foundKeys.has(key(files)));
  for (const component of newCycles) {
    console.error(`import cycle through ${component.length} module(s): ${component.join(', ')}`);
    console.error(describeCycle(graph, component).join('\n'));
  }
  for (const files of gone) {
    console.error(
      `KNOWN_CYCLES in scripts/check-import-cycles.mjs lists a cycle that is gone; remove it: ${files.join(', ')}`,
    );
  }
  if (newCycles.length > 0 || gone.length > 0) process.exit(1);
  const allowed = found.length > 0 ? ` (${found.length} known, listed in KNOWN_CYCLES)` : '';
  console.log(`import cycles: none in ${graph.size} modules${allowed}`);
}
