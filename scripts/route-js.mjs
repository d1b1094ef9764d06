// JavaScript per route, from the build's own manifests, without timing
// anything: `npm run build` runs it after `next build` (so `npm test` does),
// prints the gzipped JavaScript each page loads and fails when a page's own
// JavaScript (beyond what every page loads) exceeds its budget, or when the
// budgeted pages are missing from the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const next = join(root, '.next');

/** Gzipped KiB of JavaScript a page may load beyond the start page's; measured about a third below. */
export const ROUTE_JS_BUDGET = { '/dashboard': 10, '/dashboard/usage': 3 };

/** The JavaScript files a route loads in a current browser: the framework's, then its layouts', error boundaries' and page's entry chunks (the polyfills only load where modules do not run). */
export function routeFiles(route, buildManifest, clientManifest) {
  const entries = clientManifest.entryJSFiles ?? {};
  const segments = route === '/' ? [''] : ['', ...route.split('/').slice(1)];
  const own = [];
  for (let i = 1; i <= segments.length; i++) {
    const path = segments.slice(0, i).join('/');
    for (const name of [`[project]/app${path}/layout`, `[project]/app${path}/error`])
      own.push(...(entries[name] ?? []));
  }
  own.push(...(entries[`[project]/app${route === '/' ? '' : route}/page`] ?? []));
  return [...new Set([...buildManifest.rootMainFiles, ...own])];
}

function clientManifest(route) {
  const file =
    join(next, 'server/app', route === '/' ? 'page' : `${route.slice(1)}/page`) + '_client-reference-manifest.js';
  const context = { globalThis: {} };
  runInNewContext(readFileSync(file, 'utf8'), context);
  const manifest = context.globalThis.__RSC_MANIFEST?.[`${route === '/' ? '' : route}/page`];
  if (!manifest) throw new Error(`no client manifest for ${route} in ${file}`);
  return manifest;
}

const gzipped = (file) => gzipSync(readFileSync(join(next, file))).length;

export function measureRoutes(routes) {
  const buildManifest = JSON.parse(readFileSync(join(next, 'build-manifest.json'), 'utf8'));
  return routes.map((route) => {
    const files = routeFiles(route, buildManifest, clientManifest(route));
    return { route, files, bytes: files.reduce((sum, file) => sum + gzipped(file), 0) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [home, ...pages] = measureRoutes(['/', ...Object.keys(ROUTE_JS_BUDGET)]);
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`JavaScript per route (gzipped): ${home.route} ${kib(home.bytes)}`);
  let failed = false;
  for (const page of pages) {
    const extra = page.bytes - home.bytes;
    const budget = ROUTE_JS_BUDGET[page.route] * 1024;
    const over = extra > budget;
    failed ||= over;
    console.log(
      `  ${page.route} ${kib(page.bytes)}: ${kib(extra)} beyond ${home.route}, budget ${kib(budget)}${over ? ' FAIL' : ''}`,
    );
  }
  if (failed) {
    console.error('FAIL: a page loads more JavaScript than its budget (scripts/route-js.mjs)');
    process.exit(1);
  }
}
