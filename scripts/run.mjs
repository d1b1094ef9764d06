// Starts the Nomos sandbox and the app side by side: `node scripts/run.mjs start|dev`.
// Ctrl-C stops both; if either exits, the other is stopped and this exits non-zero.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import { bin, describeExit, start, stopAll, stopOnSignals } from './processes.mjs';

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
if (!env.VAPID_PUBLIC_KEY && !env.VAPID_PRIVATE_KEY) {
  // Web Push alerts need a VAPID key pair; a fresh one per run keeps the demo
  // working, and subscriptions made under it stop on restart.
  const { publicKey, privateKey } = vapidKeyPair();
  env.VAPID_PUBLIC_KEY = publicKey;
  env.VAPID_PRIVATE_KEY = privateKey;
  env.VAPID_SUBJECT ||= 'mailto:hems-demo@example.com';
  console.log('[run] VAPID keys not set: using a random pair for this run (push subscriptions end on restart).');
}

/** A P-256 key pair in the base64url form `npx web-push generate-vapid-keys` prints. */
function vapidKeyPair() {
  const { x, y, d } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(x, 'base64url'), Buffer.from(y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: d };
}

let stopping = false;
function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  stopAll().then(() => process.exit(exitCode));
}
stopOnSignals({ exitCode: 0 });

function launch(name, command, args) {
  start(command, args, {
    name,
    env,
    output: 'prefix',
    onExit(result) {
      if (stopping) return;
      console.error(`[run] ${name} exited (${describeExit(result)}); stopping the rest.`);
      stop(result.code === 0 ? 1 : (result.code ?? 1));
    },
  });
}

if (usesSandbox) launch('sandbox', bin('tsx'), mode === 'dev' ? ['watch', 'sandbox/main.ts'] : ['sandbox/main.ts']);
launch('app', bin('next'), [mode, '--port', appPort]);

console.log(`
  App:      ${appUrl}
  Nomos:    ${usesSandbox ? `sandbox at http://127.0.0.1:${sandboxPort}` : process.env.NOMOS_ISSUER}
${usesSandbox ? '  Log in:   anna@example.com (the one-time code appears in the sandbox inbox box)\n' : ''}  Stop:     Ctrl-C
`);
