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
// Steps, each an npm script of package.json, in stages; the steps of one
// stage run side by side (their lines prefixed with the step's name), since
// neither keeps both cores busy alone:
//   1  lockfile   npm run check:lockfile
//   2  typecheck  npm run typecheck
//      lint       npm run lint
//      format     npm run format:check           (Prettier)
//   3  unit       npm run test:unit
//      build      npm run build                  (next build; its own type-check pass is skipped,
//                                                 the typecheck step covers more files)
//   4  e2e        npm run test:e2e -- --no-build (Chromium, redis-server, Playwright)
// The build is a step of its own so that its minutes show apart from the
// end-to-end ones; `npm run test:e2e` alone still builds first. Without the
// build step, e2e needs an earlier build in .next. Ctrl-C or SIGTERM goes to
// the running steps; the table is printed all the same. Node built-ins only.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { exitStatus, start } from './processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const timingsFile = path.join(root, 'test-results', 'timings.json');

const steps = [
  { name: 'lockfile', script: 'check:lockfile', stage: 1 },
  { name: 'typecheck', script: 'typecheck', stage: 2 },
  { name: 'lint', script: 'lint', stage: 2 },
  { name: 'format', script: 'format:check', stage: 2 },
  { name: 'unit', script: 'test:unit', stage: 3 },
  { name: 'build', script: 'build', stage: 3, env: { NOMOS_BUILD_SKIP_TYPECHECK: '1' } },
  { name: 'e2e', script: 'test:e2e', args: ['--no-build'], stage: 4 },
];
const stepNames = steps.map((step) => step.name);

function usage(message, code = 2) {
  (code === 0
    ? console.log
    : console.error)(`${message ? `${message}\n` : ''}usage: node scripts/test.mjs [--only=step,...] [--from=step] [-- playwright arguments]
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
  else if (flag === '--from')
    selected = selected.filter((name) => stepNames.indexOf(name) >= stepNames.indexOf(names[0]));
  else if (flag === '--help') usage('', 0);
  else usage(`unknown argument ${arg}`);
}
if (selected.length === 0) usage('no step selected');
if (playwrightArgs.length > 0 && !selected.includes('e2e'))
  usage('arguments after -- are for the e2e step, which is not selected');
if (selected.includes('e2e') && !selected.includes('build') && !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  usage(
    'the e2e step runs against a production build, and there is none in .next: select the build step too, or run `npx next build`',
  );
}
const plan = steps.filter((step) => selected.includes(step.name));

// Running
// Each step runs in a process group of its own, so that a signal reaches all
// of it: `npm run` starts `sh -c`, which would not pass a SIGTERM on.
const running = new Set();
let interrupted;
let lastSignal = { name: '', at: 0 };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = signal;
    // npm passes a Ctrl-C on to this process as well: one is enough.
    if (lastSignal.name === signal && Date.now() - lastSignal.at < 1000) return;
    lastSignal = { name: signal, at: Date.now() };
    for (const step of running) if (step.running()) step.signal(signal);
  });
}

/** Runs `npm ARGS`; with `prefix`, its output goes line by line behind it (steps running side by side). */
async function run(args, env, prefix) {
  const posix = process.platform !== 'win32';
  const step = start(posix ? 'npm' : 'npm.cmd', args, {
    name: prefix,
    cwd: root,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    output: prefix ? 'prefix' : 'inherit',
    shell: !posix,
  });
  running.add(step);
  const result = await step.exited;
  running.delete(step);
  if (result.error) console.error(`[test] could not start npm: ${result.error.message}`);
  return exitStatus(result);
}

const results = [];
const startedAt = performance.now();
const stages = [...new Set(plan.map((step) => step.stage))];
for (const stage of stages) {
  const together = plan.filter((step) => step.stage === stage);
  const codes = await Promise.all(
    together.map(async (step) => {
      const args = ['run', step.script];
      const extra = [...(step.args ?? []), ...(step.name === 'e2e' ? playwrightArgs : [])];
      if (extra.length > 0) args.push('--', ...extra);
      console.log(`\n[test] ${plan.indexOf(step) + 1}/${plan.length} ${step.name}: npm ${args.join(' ')}`);
      // A run that dies before Playwright clears test-results/ must not show the last run's times.
      if (step.name === 'e2e') rmSync(timingsFile, { force: true });
      const stepStart = performance.now();
      const code = await run(args, step.env, together.length > 1 ? step.name : undefined);
      results.push({ step, code, ms: performance.now() - stepStart });
      return code;
    }),
  );
  if (codes.some((code) => code !== 0) || interrupted) break;
}
results.sort((a, b) => plan.indexOf(a.step) - plan.indexOf(b.step));
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
      [
        'tests, the lanes side by side',
        seconds(phases.testsMs),
        counts.passed + counts.failed + counts.flaky + counts.skipped,
        '',
      ],
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
