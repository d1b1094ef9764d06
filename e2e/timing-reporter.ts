/**
 * A Playwright reporter that prints nothing and writes where the minutes of
 * an end-to-end run went to `test-results/timings.json` (the `outputFile`
 * option, relative to the config's folder), for `scripts/test.mjs` to print:
 *
 * - `phases`: start-up (clearing the output folder, starting the web
 *   servers, loading the specs), the tests, and shut-down (stopping the
 *   workers and the web servers), each in ms; `runMs` is all of it.
 * - `projects`: per Playwright project (one lane each), the time in tests
 *   (every attempt's duration, hooks and fixtures included) and the span
 *   from its first test's start to its last test's end.
 * - `files`: per spec file, the time in its tests and their projects.
 * - `counts` of tests by outcome (passed, failed, flaky, skipped), and the
 *   titles of the failed and flaky ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';

export type Timings = {
  status: FullResult['status'];
  startedAt: string;
  runMs: number;
  phases: { startUpMs: number; testsMs: number; shutDownMs: number };
  projects: Record<string, { ms: number; spanMs: number; tests: number }>;
  files: Record<string, { ms: number; tests: number; projects: string[] }>;
  counts: { passed: number; failed: number; flaky: number; skipped: number };
  failed: string[];
  flaky: string[];
};

type Options = { outputFile?: string };

export default class TimingReporter implements Reporter {
  private readonly outputFile: string;
  private configDir = process.cwd();
  private suite: Suite | undefined;
  private begunAt = 0;
  private lastEndAt = 0;
  private readonly projects = new Map<string, { ms: number; firstStart: number; lastEnd: number }>();
  private readonly files = new Map<string, { ms: number; projects: Set<string> }>();

  constructor(options: Options = {}) {
    this.outputFile = options.outputFile ?? 'test-results/timings.json';
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    if (config.configFile) this.configDir = path.dirname(config.configFile);
    this.suite = suite;
    this.begunAt = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const start = result.startTime.getTime();
    const end = start + result.duration;
    this.lastEndAt = Math.max(this.lastEndAt, end);

    const projectName = test.parent.project()?.name ?? '';
    const project = this.projects.get(projectName) ?? { ms: 0, firstStart: start, lastEnd: end };
    project.ms += result.duration;
    project.firstStart = Math.min(project.firstStart, start);
    project.lastEnd = Math.max(project.lastEnd, end);
    this.projects.set(projectName, project);

    const fileName = this.relative(test.location.file);
    const file = this.files.get(fileName) ?? { ms: 0, projects: new Set<string>() };
    file.ms += result.duration;
    file.projects.add(projectName);
    this.files.set(fileName, file);
  }

  onEnd(result: FullResult): void {
    const endedAt = Date.now();
    const startedAt = result.startTime.getTime();
    // Without tests (a web server that did not start, say) onBegin comes last.
    const begunAt = this.begunAt || endedAt;
    const testsEndAt = Math.max(this.lastEndAt, begunAt);

    const tests = this.suite?.allTests() ?? [];
    const testsPer = (key: (test: TestCase) => string) => {
      const counts = new Map<string, number>();
      for (const test of tests) counts.set(key(test), (counts.get(key(test)) ?? 0) + 1);
      return counts;
    };
    const perProject = testsPer((test) => test.parent.project()?.name ?? '');
    const perFile = testsPer((test) => this.relative(test.location.file));
    const title = (test: TestCase) => `${this.relative(test.location.file)} › ${test.titlePath().slice(3).join(' › ')}`;
    const outcome = (wanted: ReturnType<TestCase['outcome']>) => tests.filter((test) => test.outcome() === wanted);

    const timings: Timings = {
      status: result.status,
      startedAt: result.startTime.toISOString(),
      runMs: Math.round(result.duration),
      phases: {
        startUpMs: begunAt - startedAt,
        testsMs: testsEndAt - begunAt,
        shutDownMs: endedAt - testsEndAt,
      },
      projects: Object.fromEntries(
        [...new Set([...perProject.keys(), ...this.projects.keys()])].map((name) => {
          const p = this.projects.get(name);
          return [name, { ms: p?.ms ?? 0, spanMs: p ? p.lastEnd - p.firstStart : 0, tests: perProject.get(name) ?? 0 }];
        }),
      ),
      files: Object.fromEntries(
        [...this.files]
          .sort(([, a], [, b]) => b.ms - a.ms)
          .map(([name, f]) => [name, { ms: f.ms, tests: perFile.get(name) ?? 0, projects: [...f.projects] }]),
      ),
      counts: {
        passed: outcome('expected').length,
        failed: outcome('unexpected').length,
        flaky: outcome('flaky').length,
        skipped: outcome('skipped').length,
      },
      failed: outcome('unexpected').map(title),
      flaky: outcome('flaky').map(title),
    };

    const file = path.resolve(this.configDir, this.outputFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
  }

  private relative(file: string): string {
    return path.relative(this.configDir, file).split(path.sep).join('/');
  }
}
