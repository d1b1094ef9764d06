// Lighthouse scores: `npm run lighthouse` (after `npm run build`), about 6 minutes.
// Starts a sandbox and `next start` on free ports in 3900-3999, connects
// anna@example.com over real HTTP, and runs Lighthouse (mobile preset, all
// four categories) on /, /dashboard, /dashboard/usage and /auth/error in
// German and English, plus an accessibility snapshot of each in dark mode.
// Prints the scores and failing audits, writes lighthouse-reports/, exits 1
// below THRESHOLDS. `--runs N` (or LIGHTHOUSE_RUNS; 3) runs per page, in
// rounds that visit every page once; the best performance counts.
// `--pages home,dashboard,usage,auth-error,home-again` picks pages. The
// dashboard and the usage view must score within NEAR_HOME points of / in
// the same run (or their own threshold without /); home-again audits /
// once more as a control, to show how far the same page lands from itself.
// The thresholds, and the measurements behind them: docs/lighthouse.md.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Both come with Lighthouse (its own dependencies), in the versions it was tested with.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { snapshot } from 'lighthouse';
import puppeteer from 'puppeteer-core';

import { connect, setClock } from './http-connect.mjs';
import { bin, describeExit, freePorts, isPortFree, start, stopAll, stopOnSignals, waitForUrl } from './processes.mjs';

/** Lowest passing score per category; performance per page (docs/lighthouse.md says why). */
const THRESHOLDS = {
  performance: { home: 90, dashboard: 75, usage: 75, 'auth-error': 90 },
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
  'accessibility-dark': 100,
};
/** Performance points the dashboard and the usage view may be below / measured in the same run. */
const NEAR_HOME = 5;
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

let chrome;

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

const closeChromeOrSay = () => closeChrome().catch((error) => console.error('[lighthouse] stopping Chromium:', error));

// Everything started here, stopped in `finally` and on Ctrl-C.
async function stopEverything() {
  await closeChromeOrSay();
  await stopAll();
}
stopOnSignals({
  exitCode: 130,
  before(signal) {
    console.error(`\n[lighthouse] ${signal}: stopping`);
    return closeChromeOrSay();
  },
});

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
/** A difference with its sign, `+2` or `-4.5`. */
const signed = (value, digits = 0) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

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
    for (let i = 0; i < 50 && !(await isPortFree(chromePort, '127.0.0.1')); i++) await sleep(100);
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
  const [appPort, sandboxPort, chromePort] = await freePorts(3, PORT_RANGE);
  const app = `http://localhost:${appPort}`;
  const nomos = `http://127.0.0.1:${sandboxPort}`;
  const server = (name, command, args, env) => {
    const started = start(command, args, {
      name,
      cwd: root,
      env,
      output: 'none',
      onExit: (result) =>
        console.error(`[lighthouse] ${name} exited early (${describeExit(result)})\n${started.output()}`),
    });
    return started;
  };
  const sandbox = server('sandbox', bin('tsx'), ['sandbox/main.ts'], {
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_REDIRECT_ORIGINS: app,
  });
  const appServer = server('app', bin('next'), ['start', '--port', String(appPort)], {
    NOMOS_ISSUER: nomos,
    APP_URL: app,
    DEMO_CLOCK_URL: `${nomos}/__sandbox/clock`,
    SESSION_SECRET: SECRET,
  });
  await waitForUrl(`${nomos}/.well-known/oauth-authorization-server`, { process: sandbox });
  await waitForUrl(`${app}/`, { process: appServer });
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
      // The prompt to connect has about 20 elements, the dashboard about 190.
      minElements: 100,
      nearHome: true,
    },
    {
      name: 'usage',
      path: '/dashboard/usage',
      cookie: `${session}; hems_js=1`,
      async check(cookie) {
        const response = await fetch(`${app}/dashboard/usage`, { headers: { cookie }, redirect: 'manual' });
        const body = await response.text();
        if (response.status !== 200 || !body.includes('data-testid="usage-chart"')) {
          throw new Error(`/dashboard/usage did not show usage for the connected session (${response.status})`);
        }
      },
      minElements: 100,
      nearHome: true,
    },
    { name: 'auth-error', path: '/auth/error?reason=denied', cookie: '' },
    // `/` once more, as a control: how far apart the same page lands in one
    // run, which no threshold can be tighter than. Reported, not scored.
    { name: 'home-again', path: '/', cookie: '', control: true },
  ];
  const only = option('--pages')?.split(',');
  if (only) pages.splice(0, pages.length, ...pages.filter((page) => only.includes(page.name)));
  // Reports of an earlier run would mix with this one's.
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  const rows = [];
  const erroredAudits = new Set();
  const targets = pages.flatMap((page) =>
    LANGUAGES.map((language) => ({
      page,
      language,
      url: `${app}${page.path}`,
      cookie: [page.cookie, `NEXT_LOCALE=${language}`].filter(Boolean).join('; '),
      runs: [],
    })),
  );
  for (const target of targets) if (target.page.check) await target.page.check(target.cookie);
  // Round by round, every page in turn: a page's runs are spread over the
  // whole measurement, as the others' are, so a slower minute of the machine
  // costs every page alike instead of the pages measured in it.
  for (let run = 1; run <= RUNS; run++) {
    for (const target of targets) {
      const { page, language, url, cookie } = target;
      const t0 = performance.now();
      const { lhr, report } = await audit(url, cookie, chromePort);
      if (page.minElements && lhr.audits['dom-size'].numericValue < page.minElements) {
        throw new Error(`${page.path}: Lighthouse saw ${lhr.audits['dom-size'].displayValue}, not the connected page`);
      }
      const file = `${page.name}-${language}${RUNS > 1 ? `-${run}` : ''}`;
      writeFileSync(join(REPORT_DIR, `${file}.json`), report[0]);
      writeFileSync(join(REPORT_DIR, `${file}.html`), report[1]);
      for (const [id, result] of Object.entries(lhr.audits))
        if (result.scoreDisplayMode === 'error') erroredAudits.add(id);
      target.runs.push(lhr);
      console.log(
        `[lighthouse] ${page.path}${page.control ? ' (again)' : ''} ${language} run ${run}: ${CATEGORIES.map((c) => score(lhr, c)).join(' / ')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  }
  for (const { page, language, url, cookie, runs } of targets) {
    if (page.control) continue;
    const dark = (await auditDark(url, cookie, chromePort)).lhr;
    writeFileSync(join(REPORT_DIR, `${page.name}-${language}-dark.json`), JSON.stringify(dark, null, 2));
    // The run with the best performance score stands for the page (docs/lighthouse.md says why).
    const lhr = runs.reduce((best, run) => (score(run, 'performance') > score(best, 'performance') ? run : best));
    rows.push({ page, language, lhr, dark, performanceScores: runs.map((r) => score(r, 'performance')) });
  }

  // One table: a column per category, and accessibility in dark mode.
  const columns = [...CATEGORIES, 'accessibility-dark'];
  const result = (row, column) => (column === 'accessibility-dark' ? row.dark : row.lhr);
  const categoryOf = (column) => (column === 'accessibility-dark' ? 'accessibility' : column);
  const pad = (value, width) => String(value).padEnd(width);
  const width = (column) => (column === 'performance' && RUNS > 1 ? 20 + 3 * RUNS : 20);
  console.log(`\n${pad('page', 28)}${pad('lang', 6)}${columns.map((c) => pad(c, width(c))).join('')}`);
  const home = (language) => rows.find((row) => row.page.name === 'home' && row.language === language);
  const limit = (column, row) =>
    column === 'performance' && row.page.nearHome && home(row.language)
      ? score(home(row.language).lhr, 'performance') - NEAR_HOME
      : threshold(column, row.page.name);
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = score(result(row, column), categoryOf(column));
      let cell = String(value);
      if (column === 'performance' && RUNS > 1) cell += ` (${row.performanceScores.join(',')})`;
      if (value < limit(column, row)) {
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
  console.log(
    `with / in the run, /dashboard and /dashboard/usage must score at least / minus ${NEAR_HOME} (same language) in performance`,
  );
  if (RUNS > 1) {
    console.log(`each row is the run with the best performance score of ${RUNS} (all of them in brackets)`);
    // The best of the runs decides; the means show how far apart the pages
    // are in a typical run, which a lucky run of / can hide (docs/lighthouse.md).
    const mean = (row) => row.performanceScores.reduce((sum, value) => sum + value, 0) / RUNS;
    const means = rows
      .filter((row) => row.page.nearHome && home(row.language))
      .map((row) => {
        const value = mean(row);
        const gap = value - mean(home(row.language));
        return `${row.page.path} ${row.language} ${value.toFixed(1)} (${signed(gap, 1)})`;
      });
    if (means.length > 0) {
      const homes = LANGUAGES.filter(home).map((language) => `/ ${language} ${mean(home(language)).toFixed(1)}`);
      console.log(`mean performance of the runs (not a threshold): ${[...homes, ...means].join(', ')}`);
    }
  }
  const controls = targets
    .filter((target) => target.page.control && home(target.language))
    .map(({ language, runs }) => {
      const scores = runs.map((run) => score(run, 'performance'));
      const best = Math.max(...scores);
      const gap = best - score(home(language).lhr, 'performance');
      return `${language} ${best} (${scores.join(',')}), ${signed(gap)} from /`;
    });
  if (controls.length > 0) {
    console.log(`/ audited again in the same rounds, as a control (not a threshold): ${controls.join('; ')}`);
  }

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
  await stopEverything();
}
process.exit(failed ? 1 : 0);
