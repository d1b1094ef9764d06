// Benchmark: `npm run bench` (after `npm run build`).
// Starts a sandbox and the production app on spare ports, connects a demo
// customer over real HTTP (the whole OAuth journey, no browser), then
// measures dashboard latency with a cold and a warm price cache, and what
// 50 parallel requests with an expired access token cost upstream.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3200);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4200);
const TOKEN_TTL = 8;
const app = `http://localhost:${APP_PORT}`;
const nomos = `http://127.0.0.1:${SANDBOX_PORT}`;
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

const children = [];
function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopAll);

async function waitFor(url) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`${url} did not come up`);
}

/** A tiny cookie jar for one origin. */
function jar() {
  const cookies = new Map();
  return {
    store(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair.split('=');
        if (value.join('=') === '' || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value.join('='));
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

async function connect(email) {
  const appCookies = jar();
  let response = await fetch(`${app}/auth/login`, { redirect: 'manual' });
  appCookies.store(response);
  const authorize = response.headers.get('location');
  const requestId = (await (await fetch(authorize)).text()).match(/name="request" value="([^"]+)"/)[1];
  const form = (fields) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, ...fields }),
    redirect: 'manual',
  });
  await fetch(`${nomos}/oauth/authorize/email`, form({ email }));
  const { code } = await (await fetch(`${nomos}/__sandbox/inbox?email=${encodeURIComponent(email)}`)).json();
  await fetch(`${nomos}/oauth/authorize/code`, form({ code }));
  response = await fetch(`${nomos}/oauth/authorize/consent`, form({ decision: 'allow' }));
  const callback = response.headers.get('location');
  response = await fetch(callback, { headers: { cookie: appCookies.header() }, redirect: 'manual' });
  appCookies.store(response);
  if (!appCookies.header().includes('nomos_session=')) throw new Error('connecting failed');
  return appCookies;
}

const stats = async () => (await fetch(`${nomos}/__sandbox/stats`)).json();
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

let lastBody = '';
async function timed(cookies, path) {
  const t0 = performance.now();
  const response = await fetch(`${app}${path}`, { headers: { cookie: cookies.header() }, redirect: 'manual' });
  const body = await response.text();
  // Like a browser: keep the rotated session the app sends back.
  cookies.store(response);
  lastBody = body;
  if (response.status !== 200 || !body.includes('data-testid="price-chart"')) {
    const text = body.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    throw new Error(`GET ${path}: ${response.status}: ${text.slice(0, 600)}`);
  }
  return performance.now() - t0;
}

try {
  start(bin('tsx'), ['sandbox/main.ts'], {
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_REDIRECT_ORIGINS: app,
    SANDBOX_ACCESS_TOKEN_TTL: String(TOKEN_TTL),
  });
  start(bin('next'), ['start', '--port', String(APP_PORT)], {
    NOMOS_ISSUER: nomos,
    APP_URL: app,
    DEMO_CLOCK_URL: `${nomos}/__sandbox/clock`,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdefghijklmn',
  });
  await Promise.all([waitFor(`${nomos}/.well-known/oauth-authorization-server`), waitFor(`${app}/`)]);
  // After publication, so that both days are final and cacheable.
  // The sandbox's controls take changes only as JSON from a loopback host.
  const clock = await fetch(`${nomos}/__sandbox/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '2026-11-23T15:07:00Z' }),
  });
  if (!clock.ok) throw new Error(`setting the sandbox clock: ${clock.status} ${await clock.text()}`);

  const cookies = await connect('anna@example.com');
  const rows = [];

  const cold = [];
  for (let day = 1; day <= 20; day++) cold.push(await timed(cookies, `/dashboard?date=2026-10-${String(day).padStart(2, '0')}`));
  rows.push(['dashboard, prices not cached (20 different days)', cold]);

  const warm = [];
  for (let i = 0; i < 50; i++) warm.push(await timed(cookies, '/dashboard?date=2026-10-05'));
  rows.push(['dashboard, prices cached (50 requests)', warm]);
  const page = Buffer.from(lastBody);
  const pageSize = `dashboard HTML (two days of 15-min prices): ${(page.length / 1024).toFixed(0)} KiB, ${(gzipSync(page).length / 1024).toFixed(0)} KiB gzipped`;

  await sleep((TOKEN_TTL + 1) * 1000);
  const before = await stats();
  const t0 = performance.now();
  const parallel = await Promise.all(Array.from({ length: 50 }, () => timed(cookies, '/dashboard')));
  const wall = performance.now() - t0;
  const after = await stats();
  rows.push(['50 parallel dashboards, expired token', parallel]);

  console.log('\nscenario                                            p50 ms   p95 ms   max ms');
  for (const [name, values] of rows) {
    const f = (v) => v.toFixed(0).padStart(8);
    console.log(`${name.padEnd(50)}${f(percentile(values, 0.5))}${f(percentile(values, 0.95))}${f(Math.max(...values))}`);
  }
  console.log(`\n${pageSize}`);
  const refreshes = after.grants.refresh_token - before.grants.refresh_token;
  const reuse = after.refresh_reuse_detected - before.refresh_reuse_detected;
  console.log(`\n50 parallel requests with an expired token: ${wall.toFixed(0)} ms wall, ${refreshes} refresh_token grant(s), ${reuse} reuse detected`);
  if (refreshes !== 1 || reuse !== 0) {
    console.error('FAIL: expected exactly one refresh and no reuse');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  stopAll();
}
