// Starts the Nomos sandbox and the app side by side: `node scripts/run.mjs start|dev`.
// Ctrl-C stops both; if either exits, the other is stopped and this exits non-zero.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'dev') {
  console.error('usage: node scripts/run.mjs start|dev');
  process.exit(2);
}

const appPort = process.env.PORT || '3000';
const sandboxPort = process.env.SANDBOX_PORT || '4000';
const appUrl = process.env.APP_URL || `http://localhost:${appPort}`;
const usesSandbox = !process.env.NOMOS_ISSUER;
const env = { ...process.env, PORT: appPort, SANDBOX_PORT: sandboxPort };

if (usesSandbox) {
  // The sandbox must accept this app's callback, wherever it runs.
  env.SANDBOX_REDIRECT_ORIGINS = [process.env.SANDBOX_REDIRECT_ORIGINS, new URL(appUrl).origin]
    .filter(Boolean)
    .join(',');
  // Let the dashboard travel in time with the sandbox's clock (POST /__sandbox/clock).
  env.DEMO_CLOCK_URL ??= `http://127.0.0.1:${sandboxPort}/__sandbox/clock`;
}
if (mode === 'start' && !env.SESSION_SECRET) {
  // `next start` runs in production mode, which refuses a default secret.
  // A fresh random one keeps the demo safe; sessions end when it restarts.
  env.SESSION_SECRET = randomBytes(32).toString('base64url');
  console.log('[run] SESSION_SECRET not set: using a random one for this run (sessions end on restart).');
}

const children = [];
let stopping = false;

function launch(name, command, args) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(prefix(line) + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[run] ${name} exited (${signal ?? `code ${code}`}); stopping the rest.`);
    stop(code === 0 ? 1 : (code ?? 1));
  });
  children.push(child);
}

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 5000);
  force.unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(exitCode),
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
if (usesSandbox) launch('sandbox', bin('tsx'), mode === 'dev' ? ['watch', 'sandbox/main.ts'] : ['sandbox/main.ts']);
launch('app', bin('next'), [mode, '--port', appPort]);

console.log(`
  App:      ${appUrl}
  Nomos:    ${usesSandbox ? `sandbox at http://127.0.0.1:${sandboxPort}` : process.env.NOMOS_ISSUER}
${usesSandbox ? '  Log in:   anna@example.com (the one-time code appears in the sandbox inbox box)\n' : ''}  Stop:     Ctrl-C
`);
