// `npm test`: every check, one step at a time, each a child process writing
// to this terminal. Stops at the first failing step with its exit code, and
// at the end (after a failure too) prints how long each step took, the
// end-to-end time per Playwright project (lane) and the slowest spec files,
// read from test-results/timings.json (written by e2e/timing-reporter.ts).
//
//   node scripts/test.mjs                       all steps
//   node scripts/test.mjs --only=lint,unit      only these steps, in the order below
//   node scripts/test.mjs --from=build          this step and those after it
//   node scripts/test.mjs --only=e2e -- e2e/home.spec.ts
//                                               arguments after `--` go to Playwright
//   (through npm: npm test -- --only=lint,unit)
//
// Steps, each an npm script of package.json:
//   lockfile   npm run check:lockfile
//   typecheck  npm run typecheck
//   lint       npm run lint
//   unit       npm run test:unit
//   build      npm run build                     (next build)
//   e2e        npm run test:e2e -- --no-build    (Chromium, redis-server, Playwright)
// The build is a step of its own so that its minutes show apart from the
// end-to-end ones; `npm run test:e2e` alone still builds first. Without the
// build step, e2e needs an earlier build in .next. Ctrl-C or SIGTERM goes to
// the running step; the table is printed all the same. Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const timingsFile = path.join(root, 'test-results', 'timings.json');

const steps = [
  { name: 'lockfile', script: 'check:lockfile' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit' },
  { name: 'build', script: 'build' },
  { name: 'e2e', script: 'test:e2e', args: ['--no-build'] },
];
const stepNames = steps.map((step) => step.name);

function usage(message, code = 2) {
  (code === 0 ? console.log : console.error)(`${message ? `${message}\n` : ''}usage: node scripts/test.mjs [--only=step,...] [--from=step] [-- playwright arguments]
steps: ${stepNames.join(', ')}`);
  process.exit(code);
}

// Arguments
const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const ownArgs = dashDash === -1 ? argv : argv.slice(0, dashDash);
const playwrightArgs = dashDash === -1 ? [] : argv.slice(dashDash + 1);
let selected = stepNames;
for (const arg of ownArgs) {
  const [flag, value = ''] = arg.split(/=(.*)/s);
  const names = value.split(',').filter(Boolean);
  const unknown = names.filter((name) => !stepNames.includes(name));
  if (unknown.length > 0 || (flag !== '--help' && names.length === 0)) {
    usage(`unknown or missing step in ${arg}`);
  }
  if (flag === '--only') selected = selected.filter((name) => names.includes(name));
  else if (flag === '--from') selected = selected.filter((name) => stepNames.indexOf(name) >= stepNames.indexOf(names[0]));
  else if (flag === '--help') usage('', 0);
  else usage(`unknown argument ${arg}`);
}
if (selected.length === 0) usage('no step selected');
if (playwrightArgs.length > 0 && !selected.includes('e2e')) usage('arguments after -- are for the e2e step, which is not selected');
if (selected.includes('e2e') && !selected.includes('build') && !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  usage('the e2e step runs against a production build, and there is none in .next: select the build step too, or run `npx next build`');
}
const plan = steps.filter((step) => selected.includes(step.name));

// Running
// Each step runs in a process group of its own, so that a signal reaches all
// of it: `npm run` starts `sh -c`, which would not pass a SIGTERM on.
const posix = process.platform !== 'win32';
let current;
let interrupted;
let lastSignal = { name: '', at: 0 };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = signal;
    // npm passes a Ctrl-C on to this process as well: one is enough.
    if (lastSignal.name === signal && Date.now() - lastSignal.at < 1000) return;
    lastSignal = { name: signal, at: Date.now() };
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    try {
      if (posix) process.kill(-current.pid, signal);
      else current.kill(signal);
    } catch {
      // already gone
    }
  });
}

function run(args) {
  return new Promise((resolve) => {
    current = spawn(posix ? 'npm' : 'npm.cmd', args, { cwd: root, stdio: 'inherit', detached: posix, shell: !posix });
    current.on('error', (error) => {
      console.error(`[test] could not start npm: ${error.message}`);
      resolve(1);
    });
    current.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 1)));
  });
}

const results = [];
const startedAt = performance.now();
for (const [index, step] of plan.entries()) {
  const args = ['run', step.script];
  const extra = [...(step.args ?? []), ...(step.name === 'e2e' ? playwrightArgs : [])];
  if (extra.length > 0) args.push('--', ...extra);
  console.log(`\n[test] ${index + 1}/${plan.length} ${step.name}: npm ${args.join(' ')}`);
  // A run that dies before Playwright clears test-results/ must not show the last run's times.
  if (step.name === 'e2e') rmSync(timingsFile, { force: true });
  const stepStart = performance.now();
  const code = await run(args);
  results.push({ step, code, ms: performance.now() - stepStart });
  if (code !== 0 || interrupted) break;
}
const totalMs = performance.now() - startedAt;

// Report
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const table = (rows, align) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (align[i] === 'r' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n');
};

const lines = ['', '[test] where the time went'];
lines.push(
  table(
    [
      ['step', 'result', 'time', 'share'],
      ...steps.map((step) => {
        const result = results.find((r) => r.step === step);
        if (!result) return [step.name, plan.includes(step) ? 'not run' : 'not selected', '', ''];
        const share = `${Math.round((100 * result.ms) / totalMs)} %`;
        return [step.name, result.code === 0 ? 'ok' : `exit ${result.code}`, seconds(result.ms), share];
      }),
      ['total', '', seconds(totalMs), ''],
    ],
    ['l', 'l', 'r', 'r'],
  ),
);

const e2e = results.find((result) => result.step.name === 'e2e');
if (e2e) {
  let timings;
  try {
    timings = JSON.parse(readFileSync(timingsFile, 'utf8'));
  } catch (error) {
    lines.push('', `[test] end-to-end: no times (${path.relative(root, timingsFile)}: ${error.code ?? error.message})`);
  }
  if (timings) {
    const { counts, phases, projects, files } = timings;
    lines.push(
      '',
      `[test] end-to-end (Playwright: ${timings.status}): ${counts.passed} passed, ${counts.failed} failed, ` +
        `${counts.flaky} flaky (counted as failed), ${counts.skipped} skipped`,
    );
    const rows = [
      ['part', 'time', 'tests', ''],
      ['start-up: web servers, loading the specs', seconds(phases.startUpMs), '', ''],
      ['tests, the lanes side by side', seconds(phases.testsMs), counts.passed + counts.failed + counts.flaky + counts.skipped, ''],
      ...Object.entries(projects).map(([name, p]) => [
        `  lane "${name || '(default)'}"`,
        seconds(p.spanMs),
        p.tests,
        `first start to last end; ${seconds(p.ms)} of it in tests`,
      ]),
      ['shut-down: workers, web servers', seconds(phases.shutDownMs), '', ''],
      ['outside Playwright: Chromium lookup, redis-server, npx', seconds(Math.max(0, e2e.ms - timings.runMs)), '', ''],
    ];
    lines.push(table(rows, ['l', 'r', 'r', 'l']));
    const slowest = Object.entries(files)
      .sort(([, a], [, b]) => b.ms - a.ms)
      .slice(0, 8);
    if (slowest.length > 0) {
      lines.push('', `[test] slowest spec files (time in their tests, retries included)`);
      lines.push(
        table(
          [
            ['file', 'time', 'tests', 'lane'],
            ...slowest.map(([name, f]) => [name, seconds(f.ms), f.tests, f.projects.join(', ')]),
          ],
          ['l', 'r', 'r', 'l'],
        ),
      );
    }
    for (const [label, titles] of [
      ['failed', timings.failed],
      ['flaky (failed, then passed on retry)', timings.flaky],
    ]) {
      if (titles.length > 0) lines.push('', `[test] ${label}:`, ...titles.map((title) => `  ${title}`));
    }
  }
}

const failed = results.find((result) => result.code !== 0);
const passed = results.filter((result) => result.code === 0).length;
const subset = plan.length < steps.length ? ` (selected: ${plan.map((step) => step.name).join(', ')})` : '';
let summary;
if (failed || interrupted) {
  const last = failed ?? results.at(-1);
  const how = interrupted ? `was interrupted (${interrupted})` : `failed with exit code ${failed.code}`;
  summary =
    `npm test: step ${last.step.name} ${how} after ${Math.round(totalMs / 1000)} s; ` +
    `${passed} of ${plan.length} steps passed${subset}`;
} else {
  summary = `npm test: ${passed} step${passed === 1 ? '' : 's'} passed in ${Math.round(totalMs / 1000)} s${subset}`;
}
lines.push('', summary);
console.log(lines.join('\n'));
process.exit(failed?.code || (interrupted ? 128 + constants.signals[interrupted] : 0));
