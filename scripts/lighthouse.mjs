// Lighthouse scores: `npm run lighthouse` (after `npm run build`), about 3 minutes.
//
// Starts its own sandbox and one production app instance (`next start`) on
// free ports in 3900-3999, connects anna@example.com over real HTTP (the
// OAuth journey of scripts/http-connect.mjs, no browser), and runs
// Lighthouse 12 (Node API, default mobile preset with simulated throttling,
// all four categories) in a fresh headless Chromium per run on:
//   /                          not connected
//   /dashboard                 connected, with prices (the session cookie in
//                              an extra `Cookie` header, with `hems_js=1` as
//                              every browser that ran the app's script has it)
//   /auth/error?reason=denied  the sign-in error page
// each in German and English (`NEXT_LOCALE` cookie), plus an accessibility
// snapshot of each in dark mode (`prefers-color-scheme: dark`), which
// Lighthouse's own runs never see. Prints one table, the failing audits of
// every score below 100 (and those that fail without costing points),
// writes the reports to lighthouse-reports/ and exits 1 when a score is
// below THRESHOLDS. `--runs N` (or LIGHTHOUSE_RUNS) sets the runs per page,
// `--pages home,dashboard` picks pages.
//
// Three runs per page, the best performance score counts. Measured on this
// shared 2-core machine (other people building beside it, load average up
// to 10), one run of the same page scored 73-100 on / and /auth/error and
// 65-95 on /dashboard.
// Simulated throttling computes its figures from the trace it observed:
// main-thread tasks are multiplied by the 4x CPU slowdown, so another
// process's load lands in Total Blocking Time; and Largest Contentful Paint
// counts every script that finished and ran before the observed first
// paint, which on localhost is a race between Next.js's async chunks and
// Chromium's first frame (the same page scores LCP 1.0 s or 2.3 s). Load
// only ever slows a run, and a slower page slows every run, so the best of
// three is the run least disturbed by the machine: over sixteen samples
// of 3-5 runs the dashboard's best ranged 82-95, its median 72-94. The
// accessibility, best-practices and SEO scores never differed between runs.
//
// Thresholds: 100 for accessibility (light and dark), best practices and
// SEO: pass/fail checks that do not depend on the machine, measured 100 on
// every page. Performance 90 for / and /auth/error (best of three measured
// 94-100: 94 when another build slowed all three runs), 75 for /dashboard
// (best of three measured 82-95; it hydrates about 2,000 elements, and the
// prices stream in after a skeleton). A few points of margin under the
// lowest best-of-three, so that the check fails when a page got slower, not
// when a neighbour builds. What keeps the scores below 100 is mostly the
// JavaScript every App Router page runs: React and the Next.js runtime are
// about 130 of the 142 KiB (compressed) that / loads; see README.md.
//
// Lighthouse 12.2.3 cannot read some of Chromium 156's trace events: six
// diagnostic audits (LCP element, layout-shift culprits, render-blocking
// resources, ...) end in an error. None is scored; the run lists them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Both come with Lighthouse (its own dependencies), in the versions it was tested with.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { snapshot } from 'lighthouse';
import puppeteer from 'puppeteer-core';

import { connect, setClock, waitFor } from './http-connect.mjs';

/** Lowest passing score per category; performance per page (see the header). */
const THRESHOLDS = {
  performance: { home: 90, dashboard: 75, 'auth-error': 90 },
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
  'accessibility-dark': 100,
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const threshold = (category, page) =>
  typeof THRESHOLDS[category] === 'number' ? THRESHOLDS[category] : THRESHOLDS[category][page];
/** Lighthouse's default mobile screen (a Moto G Power), for the dark-mode snapshot. */
const MOBILE_SCREEN = { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const LANGUAGES = ['de', 'en'];
const PORT_RANGE = [3900, 3999];
const REPORT_DIR = new URL('../lighthouse-reports/', import.meta.url).pathname;
const SECRET = 'lighthouse-session-secret-0123456789abcdefghij';
// After the day-ahead auction: today's and tomorrow's prices are both published.
const CLOCK = '2026-11-23T15:07:00Z';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const option = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? process.env.LIGHTHOUSE_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 9) {
  console.error('--runs must be a whole number from 1 to 9');
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, '.next/BUILD_ID'))) {
  console.error('No production build found (.next/BUILD_ID): run npm run build first.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

/** True when nothing listens on `port`, on any address. */
function isFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` ports in PORT_RANGE that are free now. */
async function freePorts(count) {
  const found = [];
  for (let port = PORT_RANGE[0]; port <= PORT_RANGE[1] && found.length < count; port++) {
    if ((await isFree(port)) && (await isFree(port, '127.0.0.1'))) found.push(port);
  }
  if (found.length < count) throw new Error(`fewer than ${count} free ports in ${PORT_RANGE.join('-')}`);
  return found;
}

// Everything started here, stopped in `finally` and on Ctrl-C.
const children = [];
let chrome;

function start(name, command, args, env) {
  // Its own process group: tsx and next run child processes of their own.
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (!child.stopping) console.error(`[lighthouse] ${name} exited early (${signal ?? `code ${code}`})\n${stderr}`);
  });
  children.push(child);
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

/** Kills the browser's whole process group and waits for it to go. */
async function closeChrome() {
  if (!chrome) return;
  const child = chrome.process;
  const exited =
    child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : null;
  chrome.kill();
  chrome = undefined;
  await exited;
}

async function stopAll() {
  try {
    await closeChrome();
  } catch (error) {
    console.error('[lighthouse] stopping Chromium:', error);
  }
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) {
    child.stopping = true;
    signalGroup(child, 'SIGTERM');
  }
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(force);
            // Children of the group that outlived their parent.
            signalGroup(child, 'SIGKILL');
            resolve();
          });
        }),
    ),
  );
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n[lighthouse] ${signal}: stopping`);
    stopAll().finally(() => process.exit(130));
  });
}

const bin = (name) => join(root, 'node_modules/.bin', name);

/**
 * The audits of `category` that did not pass: id, title, displayValue, and
 * whether Lighthouse 12 weighs them (an audit of weight 0, such as
 * label-content-name-mismatch, fails without costing points).
 */
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(
      ({ audit }) =>
        audit.score !== null &&
        audit.score < 1 &&
        !['informative', 'notApplicable', 'manual', 'error'].includes(audit.scoreDisplayMode),
    )
    .map(({ ref, audit }) => ({
      id: audit.id,
      title: audit.title,
      displayValue: audit.displayValue ?? '',
      scored: ref.weight > 0,
    }));
}

const score = (lhr, category) => Math.round((lhr.categories[category].score ?? 0) * 100);

/**
 * Runs `work` against a fresh headless Chromium, as the Lighthouse CLI does
 * for each run, and closes it afterwards. A browser reused across runs now
 * and then lost the trace (NO_NAVSTART), and it sent the dashboard without
 * the session: once its own cookie jar holds a cookie for the site (the
 * app's script sets `hems_js`), Chromium sends the jar's cookies instead of
 * the extra `Cookie` header.
 */
async function withChrome(chromePort, work) {
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    port: chromePort,
    logLevel: 'silent',
    chromeFlags: CHROME_FLAGS,
    // Its own Ctrl-C handler would exit at once, leaving the app and sandbox running.
    handleSIGINT: false,
  });
  try {
    return await work(chrome.port);
  } finally {
    await closeChrome();
    // The next browser must not find this one still listening on the port.
    for (let i = 0; i < 50 && !(await isFree(chromePort, '127.0.0.1')); i++) await sleep(100);
  }
}

/** One navigation run; a run that Lighthouse reports as broken is tried again, at most twice. */
async function audit(url, cookie, chromePort) {
  for (let attempt = 1; ; attempt++) {
    const result = await withChrome(chromePort, (port) =>
      lighthouse(url, {
        port,
        logLevel: 'error',
        output: ['json', 'html'],
        onlyCategories: CATEGORIES,
        extraHeaders: { Cookie: cookie },
      }),
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const error = result.lhr.runtimeError;
    if (!error) return result;
    if (attempt === 3) throw new Error(`${url}: ${error.code} ${error.message}`);
    console.log(`[lighthouse] ${url}: ${error.code}, trying again`);
  }
}

/**
 * Accessibility in dark mode, which Lighthouse's own runs never see: the
 * page loaded on the mobile screen with `prefers-color-scheme: dark`, then
 * a Lighthouse snapshot of it (colour contrast included).
 */
async function auditDark(url, cookie, chromePort) {
  return withChrome(chromePort, async (port) => {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
    try {
      const page = await browser.newPage();
      await page.setViewport(MOBILE_SCREEN);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.setExtraHTTPHeaders({ Cookie: cookie });
      await page.goto(url, { waitUntil: 'networkidle0' });
      const result = await snapshot(page, {
        flags: {
          logLevel: 'error',
          output: 'json',
          onlyCategories: ['accessibility'],
          screenEmulation: { disabled: true },
        },
      });
      if (!(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))) {
        throw new Error(`${url}: the dark colour scheme was not in effect`);
      }
      return result;
    } finally {
      await browser.disconnect();
    }
  });
}

const started = performance.now();
let failed = false;
try {
  const [appPort, sandboxPort, chromePort] = await freePorts(3);
  const app = `http://localhost:${appPort}`;
  const nomos = `http://127.0.0.1:${sandboxPort}`;
  start('sandbox', bin('tsx'), ['sandbox/main.ts'], {
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_REDIRECT_ORIGINS: app,
  });
  start('app', bin('next'), ['start', '--port', String(appPort)], {
    NOMOS_ISSUER: nomos,
    APP_URL: app,
    DEMO_CLOCK_URL: `${nomos}/__sandbox/clock`,
    SESSION_SECRET: SECRET,
  });
  await waitFor(`${nomos}/.well-known/oauth-authorization-server`);
  await waitFor(`${app}/`);
  await setClock(nomos, CLOCK);
  const session = (await connect('anna@example.com', app, nomos)).header();
  console.log(`[lighthouse] app ${app}, sandbox ${nomos}, ${RUNS} run(s) per page`);

  const pages = [
    { name: 'home', path: '/', cookie: '' },
    {
      name: 'dashboard',
      path: '/dashboard',
      cookie: `${session}; hems_js=1`,
      // The connected page, not the prompt to connect: a lost session would score, too.
      async check(cookie) {
        const response = await fetch(`${app}/dashboard`, { headers: { cookie }, redirect: 'manual' });
        const body = await response.text();
        if (response.status !== 200 || !body.includes('data-testid="price-chart"')) {
          throw new Error(`/dashboard did not show prices for the connected session (${response.status})`);
        }
      },
      // The prompt to connect has about 20 elements, the dashboard about 2,000.
      minElements: 500,
    },
    { name: 'auth-error', path: '/auth/error?reason=denied', cookie: '' },
  ];
  const only = option('--pages')?.split(',');
  if (only) pages.splice(0, pages.length, ...pages.filter((page) => only.includes(page.name)));
  // Reports of an earlier run would mix with this one's.
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  const rows = [];
  const erroredAudits = new Set();
  for (const page of pages) {
    for (const language of LANGUAGES) {
      const cookie = [page.cookie, `NEXT_LOCALE=${language}`].filter(Boolean).join('; ');
      const url = `${app}${page.path}`;
      if (page.check) await page.check(cookie);
      const runs = [];
      for (let run = 1; run <= RUNS; run++) {
        const t0 = performance.now();
        const { lhr, report } = await audit(url, cookie, chromePort);
        if (page.minElements && lhr.audits['dom-size'].numericValue < page.minElements) {
          throw new Error(
            `${page.path}: Lighthouse saw ${lhr.audits['dom-size'].displayValue}, not the connected page`,
          );
        }
        const file = `${page.name}-${language}${RUNS > 1 ? `-${run}` : ''}`;
        writeFileSync(join(REPORT_DIR, `${file}.json`), report[0]);
        writeFileSync(join(REPORT_DIR, `${file}.html`), report[1]);
        for (const [id, result] of Object.entries(lhr.audits))
          if (result.scoreDisplayMode === 'error') erroredAudits.add(id);
        runs.push(lhr);
        console.log(
          `[lighthouse] ${page.path} ${language} run ${run}: ${CATEGORIES.map((c) => score(lhr, c)).join(' / ')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
      const dark = (await auditDark(url, cookie, chromePort)).lhr;
      writeFileSync(join(REPORT_DIR, `${page.name}-${language}-dark.json`), JSON.stringify(dark, null, 2));
      // The run with the best performance score stands for the page (see the header).
      const lhr = runs.reduce((best, run) => (score(run, 'performance') > score(best, 'performance') ? run : best));
      rows.push({ page, language, lhr, dark, performanceScores: runs.map((r) => score(r, 'performance')) });
    }
  }

  // One table: a column per category, and accessibility in dark mode.
  const columns = [...CATEGORIES, 'accessibility-dark'];
  const result = (row, column) => (column === 'accessibility-dark' ? row.dark : row.lhr);
  const categoryOf = (column) => (column === 'accessibility-dark' ? 'accessibility' : column);
  const pad = (value, width) => String(value).padEnd(width);
  const width = (column) => (column === 'performance' && RUNS > 1 ? 20 + 3 * RUNS : 20);
  console.log(`\n${pad('page', 28)}${pad('lang', 6)}${columns.map((c) => pad(c, width(c))).join('')}`);
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = score(result(row, column), categoryOf(column));
      let cell = String(value);
      if (column === 'performance' && RUNS > 1) cell += ` (${row.performanceScores.join(',')})`;
      if (value < threshold(column, row.page.name)) {
        cell += ' FAIL';
        failed = true;
      }
      return pad(cell, width(column));
    });
    console.log(`${pad(row.page.path, 28)}${pad(row.language, 6)}${cells.join('')}`);
  }
  const limits = columns.map((c) =>
    typeof THRESHOLDS[c] === 'number'
      ? `${c} ${THRESHOLDS[c]}`
      : `${c} ${Object.entries(THRESHOLDS[c])
          .map(([page, value]) => `${value} (${page})`)
          .join(', ')}`,
  );
  console.log(`\nthresholds: ${limits.join('; ')}`);
  if (RUNS > 1) console.log(`each row is the run with the best performance score of ${RUNS} (all of them in brackets)`);

  // What costs the points; and audits that fail without costing any.
  for (const row of rows) {
    for (const column of columns) {
      const lhr = result(row, column);
      const category = categoryOf(column);
      // Performance lists its diagnostics too, but only when it is below 100.
      if (category === 'performance' && score(lhr, category) === 100) continue;
      const failing = failingAudits(lhr, category);
      if (failing.length === 0) continue;
      console.log(`\n${row.page.path} (${row.language}), ${column} ${score(lhr, category)}:`);
      for (const audit of failing) {
        const value = audit.displayValue ? ` (${audit.displayValue})` : '';
        const note = audit.scored || category === 'performance' ? '' : ' [weight 0 in Lighthouse 12: costs no points]';
        console.log(`  - ${audit.id}: ${audit.title}${value}${note}`);
      }
    }
  }
  if (erroredAudits.size > 0) {
    // Lighthouse 12's trace engine does not read some of Chromium 156's trace events.
    console.log(
      `\naudits Lighthouse could not run (no score, see the reports): ${[...erroredAudits].sort().join(', ')}`,
    );
  }
  console.log(
    `\nreports: lighthouse-reports/ (JSON and HTML); ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  );
  if (failed) console.error('FAIL: a score is below its threshold');
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
