// The child processes of the scripts: start a command in a process group of
// its own (tsx, next and npm start children of their own), find free ports,
// wait until a port or a URL answers, and stop a whole group (SIGTERM, then
// SIGKILL after a grace period). Whatever is still running when the script
// exits is sent SIGTERM; `stopOnSignals` stops it all on Ctrl-C. Node
// built-ins only; types in processes.d.mts.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

const posix = process.platform !== 'win32';
/** Lines of output each process keeps for error messages. */
const TAIL_LINES = 40;

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null, error?: Error }} ExitResult */

/**
 * @typedef {object} ManagedProcess
 * @property {string} name
 * @property {NodeJS.Signals} stopSignal
 * @property {import('node:child_process').ChildProcess} child
 * @property {number | undefined} pid
 * @property {Promise<ExitResult>} exited resolves once it exited and its output is read
 * @property {() => boolean} running
 * @property {() => boolean} stopRequested true once `stop` was called for it
 * @property {() => string} output its last lines of output (stdout and stderr), when piped
 * @property {(signal: NodeJS.Signals) => void} signal sends `signal` to its whole group
 * @property {(graceMs?: number) => Promise<ExitResult>} stop
 */

/** @type {Set<ManagedProcess>} */
const started = new Set();
/** @type {Array<() => unknown>} */
const cleanups = [];

/** A binary of node_modules/.bin. */
export const bin = (/** @type {string} */ name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

/** `SIGTERM` or `code 1`: how a process ended, for messages. */
export const describeExit = (/** @type {ExitResult} */ { code, signal, error }) =>
  error ? error.message : (signal ?? `code ${code}`);

/** A shell's exit status for the result: the code, or 128 + the signal's number, or 1 when it never started. */
export function exitStatus(/** @type {ExitResult} */ { code, signal }) {
  if (code !== null) return code;
  return signal ? 128 + (constants.signals[signal] ?? 1) : 1;
}

/**
 * Starts `command` in a process group of its own (POSIX). `output`:
 * - `inherit`: on this terminal, as is (stdin included);
 * - `prefix`: each line of stdout and stderr behind `[name] `, on this process's stdout and stderr;
 * - `stderr`: stderr as is, stdout dropped;
 * - `none`: both dropped.
 * All but `inherit` keep the last lines for `output()` and for the errors of `waitForUrl` and `waitForPort`.
 * `stop` asks it to end with `stopSignal` (SIGTERM; Playwright wants SIGINT, on SIGTERM it would leave
 * its web servers running) and kills its group after `graceMs` (5 s).
 *
 * @param {string} command
 * @param {string[]} [args]
 * @param {{ name?: string, env?: Record<string, string | undefined>, cwd?: string,
 *   output?: 'inherit' | 'prefix' | 'stderr' | 'none', shell?: boolean,
 *   stopSignal?: NodeJS.Signals, graceMs?: number, onExit?: (result: ExitResult) => void }} [options]
 *   `env` is added to this process's; `onExit` is called when it exits without `stop` having been called.
 * @returns {ManagedProcess}
 */
export function start(command, args = [], options = {}) {
  const { name = command.split('/').at(-1) ?? command, env, cwd, output = 'inherit', shell, onExit } = options;
  const { stopSignal = 'SIGTERM', graceMs: defaultGraceMs = 5000 } = options;
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: posix,
    shell,
  });
  /** @type {string[]} */
  const tail = [];
  const keep = (/** @type {string} */ line) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  if (child.stdout && child.stderr) {
    for (const [stream, out] of /** @type {const} */ ([
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ])) {
      let rest = '';
      const emit = (/** @type {string} */ line) => {
        keep(line);
        if (output === 'prefix') out.write(`[${name}] ${line}\n`);
      };
      stream.setEncoding('utf8');
      stream.on('data', (/** @type {string} */ chunk) => {
        if (output === 'stderr' && out === process.stderr) out.write(chunk);
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(emit);
      });
      stream.on('end', () => rest && emit(rest));
    }
  }

  let stopRequested = false;
  /** @type {(result: ExitResult) => void} */
  let settle = () => {};
  /** @type {Promise<ExitResult>} */
  const exited = new Promise((resolve) => {
    let done = false;
    settle = (result) => {
      if (done) return;
      done = true;
      started.delete(managed);
      if (!stopRequested) onExit?.(result);
      resolve(result);
    };
  });
  // 'close' comes once the output is read too; a grandchild holding the pipes open must not delay it for long.
  child.on('exit', (code, signal) => setTimeout(() => settle({ code, signal }), 1000).unref());
  child.on('close', (code, signal) => settle({ code, signal }));
  child.on('error', (error) => settle({ code: null, signal: null, error }));

  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  /** @type {ManagedProcess} */
  const managed = {
    name,
    child,
    pid: child.pid,
    stopSignal,
    exited,
    running,
    stopRequested: () => stopRequested,
    output: () => tail.join('\n'),
    signal(signal) {
      if (child.pid === undefined) return;
      try {
        if (posix) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The group is gone.
      }
    },
    async stop(graceMs = defaultGraceMs) {
      stopRequested = true;
      if (running()) {
        managed.signal(stopSignal);
        const force = setTimeout(() => managed.signal('SIGKILL'), graceMs);
        await Promise.race([exited, new Promise((resolve) => child.once('exit', resolve))]);
        clearTimeout(force);
      }
      // Members of the group that outlived its leader.
      managed.signal('SIGKILL');
      return exited;
    },
  };
  started.add(managed);
  return managed;
}

/**
 * Starts `command` with its output on this terminal and resolves with its
 * exit code, 1 when a signal ended it (as `spawnSync(…).status ?? 1`).
 */
export async function run(
  /** @type {string} */ command,
  /** @type {string[]} */ args = [],
  /** @type {{ env?: Record<string, string | undefined>, cwd?: string, stopSignal?: NodeJS.Signals, graceMs?: number }} */ options = {},
) {
  return (await start(command, args, { ...options, output: 'inherit' }).exited).code ?? 1;
}

/** Registers work for `stopAll` after the processes are stopped (a daemon to end, files to remove). */
export function onStop(/** @type {() => unknown} */ cleanup) {
  cleanups.push(cleanup);
}

/** Stops every process started here and still running (each after its own grace period unless `graceMs` is given), then runs the `onStop` work. */
export async function stopAll(/** @type {number | undefined} */ graceMs = undefined) {
  await Promise.all([...started].map((managed) => managed.stop(graceMs)));
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      console.error(error);
    }
  }
}

let signalsHandled = false;
/**
 * On SIGINT or SIGTERM: `before(signal)`, then `stopAll`, then exit with
 * `exitCode` (default 128 + the signal's number). A second signal while
 * stopping (npm passes a Ctrl-C on too) changes nothing.
 *
 * @param {{ exitCode?: number, before?: (signal: NodeJS.Signals) => unknown }} [options]
 */
export function stopOnSignals({ exitCode, before } = {}) {
  if (signalsHandled) return;
  signalsHandled = true;
  let stopping = false;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      try {
        await before?.(signal);
      } catch (error) {
        console.error(error);
      }
      await stopAll();
      process.exit(exitCode ?? 128 + constants.signals[signal]);
    });
  }
}

// Whatever still runs when this process exits: no time to wait, but the stop signal reaches every group.
process.on('exit', () => {
  for (const managed of started) if (managed.running()) managed.signal(managed.stopSignal);
});

/** True when nothing listens on `port` at `host` (every address when omitted). */
export function isPortFree(/** @type {number} */ port, /** @type {string | undefined} */ host = undefined) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that the system says is free now. */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error())));
      });
    })
  );
}

/** `count` ports of `range` (inclusive) free now on every address and on 127.0.0.1, lowest first. */
export async function freePorts(/** @type {number} */ count, /** @type {[number, number]} */ range) {
  /** @type {number[]} */
  const found = [];
  for (let port = range[0]; port <= range[1] && found.length < count; port++) {
    if ((await isPortFree(port)) && (await isPortFree(port, '127.0.0.1'))) found.push(port);
  }
  if (found.length < count) throw new Error(`fewer than ${count} free ports in ${range.join('-')}`);
  return found;
}

/** The error for a process that ended while something waited for it: its name, how it ended, its last output. */
function diedError(
  /** @type {ManagedProcess} */ managed,
  /** @type {ExitResult} */ result,
  /** @type {string} */ what,
) {
  const output = managed.output();
  return new Error(
    `${managed.name} exited (${describeExit(result)}) before ${what}` +
      (output ? `; its last output:\n${output}` : ' (no output)'),
  );
}

/**
 * Polls `check` every `intervalMs` until it returns true; throws after
 * `timeoutMs`, or at once when `process` exits first (with its output).
 *
 * @param {() => Promise<boolean>} check
 * @param {string} what what is awaited, for errors: `http://localhost:3000/ answered`
 * @param {{ timeoutMs: number, intervalMs: number, process?: ManagedProcess }} options
 */
async function poll(check, what, { timeoutMs, intervalMs, process: managed }) {
  /** @type {ExitResult | undefined} */
  let died;
  managed?.exited.then((result) => (died = result));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (died && managed) throw diedError(managed, died, what);
    if (Date.now() >= deadline) {
      const output = managed?.output();
      throw new Error(
        `timed out after ${timeoutMs / 1000} s: ${what}` +
          (managed ? ` (${managed.name} still running${output ? `; its last output:\n${output}` : ''})` : ''),
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * Resolves once `url` answers 2xx. Throws after `timeoutMs` (30 s), or as
 * soon as `process` (the server behind it) exits, naming it with its last
 * output.
 *
 * @param {string} url
 * @param {{ timeoutMs?: number, process?: ManagedProcess }} [options]
 */
export function waitForUrl(url, { timeoutMs = 30_000, process: managed } = {}) {
  const check = async () => {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };
  return poll(check, `${url} answered`, { timeoutMs, intervalMs: 250, process: managed });
}

/** True when something accepts connections on `port` at `host`. */
function accepts(/** @type {number} */ port, /** @type {string} */ host) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Resolves once `port` on `host` (127.0.0.1) accepts connections; with
 * `closed`, once it no longer does. Throws after `timeoutMs` (10 s), or as
 * soon as `process` exits, naming it with its last output.
 *
 * @param {number} port
 * @param {{ host?: string, timeoutMs?: number, closed?: boolean, name?: string, process?: ManagedProcess }} [options]
 */
export function waitForPort(
  port,
  { host = '127.0.0.1', timeoutMs = 10_000, closed = false, name, process: managed } = {},
) {
  const what = `${name ?? managed?.name ?? 'a server'} on port ${port} ${closed ? 'stopped' : 'accepted connections'}`;
  return poll(async () => (await accepts(port, host)) !== closed, what, {
    timeoutMs,
    intervalMs: 50,
    process: managed,
  });
}
