import type { ChildProcess } from 'node:child_process';

export type ExitResult = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

export type ManagedProcess = {
  name: string;
  /** What `stop` sends first. */
  stopSignal: NodeJS.Signals;
  child: ChildProcess;
  pid: number | undefined;
  /** Resolves once it exited and its output is read. */
  exited: Promise<ExitResult>;
  running(): boolean;
  /** True once `stop` was called for it. */
  stopRequested(): boolean;
  /** Its last lines of output (stdout and stderr), when piped. */
  output(): string;
  /** Sends `signal` to its whole process group. */
  signal(signal: NodeJS.Signals): void;
  /** `stopSignal` to its group, SIGKILL after `graceMs` (the start option's, 5 s), and SIGKILL to what outlived its leader. */
  stop(graceMs?: number): Promise<ExitResult>;
};

export type StartOptions = {
  name?: string;
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  output?: 'inherit' | 'prefix' | 'stderr' | 'none';
  shell?: boolean;
  /** What `stop` sends first: SIGTERM; Playwright wants SIGINT (on SIGTERM it leaves its web servers running). */
  stopSignal?: NodeJS.Signals;
  /** How long `stop` waits before SIGKILL: 5 s. */
  graceMs?: number;
  /** Called when it exits without `stop` having been called. */
  onExit?: (result: ExitResult) => void;
};

export function bin(name: string): string;
export function describeExit(result: ExitResult): string;
export function exitStatus(result: ExitResult): number;
export function start(command: string, args?: string[], options?: StartOptions): ManagedProcess;
/** Its exit code, 1 when a signal ended it. */
export function run(
  command: string,
  args?: string[],
  options?: Pick<StartOptions, 'env' | 'cwd' | 'stopSignal' | 'graceMs'>,
): Promise<number>;
export function onStop(cleanup: () => unknown): void;
export function stopAll(graceMs?: number): Promise<void>;
export function stopOnSignals(options?: { exitCode?: number; before?: (signal: NodeJS.Signals) => unknown }): void;
export function isPortFree(port: number, host?: string): Promise<boolean>;
export function freePort(): Promise<number>;
export function freePorts(count: number, range: [number, number]): Promise<number[]>;
export function waitForUrl(url: string, options?: { timeoutMs?: number; process?: ManagedProcess }): Promise<void>;
export function waitForPort(
  port: number,
  options?: { host?: string; timeoutMs?: number; closed?: boolean; name?: string; process?: ManagedProcess },
): Promise<void>;
