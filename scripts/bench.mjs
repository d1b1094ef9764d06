// Benchmark: `npm run bench` (after `npm run build`).
// Starts sandboxes and production app instances on spare ports, connects a
// demo customer over real HTTP (the whole OAuth journey, no browser), then
// measures dashboard latency with a cold and a warm price cache, the
// refresh storm (50 parallel requests at each of 3 token expiries, on one
// instance, on two instances without a shared store, on two instances
// sharing Redis, and in the next-auth style), and the fault drills (a lost
// response, a slow token endpoint, token calls that fail before or after
// Nomos processed them), ours beside Auth.js's `jwt`-callback recipe.
// Tokens live Nomos' hour; expiry comes from moving the sandbox's clock,
// which the apps follow (DEMO_CLOCK_URL).
// Benchmark: `npm run bench` (after `npm run build`), a few minutes.
// Starts sandboxes, production app instances (ports from BENCH_APP_PORT and
// BENCH_SANDBOX_PORT, 3200 and 4200) and a redis-server, connects a demo
// customer over real HTTP, and prints dashboard latency, the refresh storm
// and the fault drills; exits 1 when a result breaks what the pattern
// promises. What each part measures: docs/development.md.
import { gzipSync } from 'node:zlib';

import { advanceClock, connect, control, setClock } from './http-connect.mjs';
import { checkPageTargets, measurePages, printPages } from './page-weight.mjs';
import { bin, onStop, start, stopAll, stopOnSignals, waitForUrl } from './processes.mjs';
import { startRedis } from './redis-server.mjs';

if (process.argv.includes('--help')) {
  console.log(`usage: npm run bench (after npm run build); no options
environment: BENCH_APP_PORT (3200) and BENCH_SANDBOX_PORT (4200), the first of 7 app and 5 sandbox ports`);
  process.exit(0);
}

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3200);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4200);
const TOKEN_TTL = 3600;
const ROTATIONS = 3;
const STORM = 50;
const SECRET = 'bench-session-secret-0123456789abcdefghijklmn';

/** The server behind each URL the bench started, so that a wait for it fails with its output when it dies. */
const servers = new Map();
stopOnSignals();

const stats = async (nomos) => (await fetch(`${nomos}/__sandbox/stats`)).json();
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

let lastBody = '';
async function timed(app, cookies, path) {
  const t0 = performance.now();
  const response = await fetch(`${app}${path}`, { headers: { cookie: cookies.header() }, redirect: 'manual' });
  const body = await response.text();
  // Like a browser: keep the rotated session the app sends back.
  cookies.store(response);
  lastBody = body;
  if (response.status !== 200 || !body.includes('data-testid="price-chart"')) {
    const text = body
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    throw new Error(`GET ${path}: ${response.status}: ${text.slice(0, 600)}`);
  }
  return performance.now() - t0;
}

/** A dashboard request that may fail: status, whether prices rendered, and how long it took. */
async function attempt(app, cookies, path) {
  const t0 = performance.now();
  const response = await fetch(`${app}${path}`, { headers: { cookie: cookies.header() }, redirect: 'manual' });
  const body = await response.text();
  cookies.store(response);
  return { served: response.status === 200 && body.includes('data-testid="price-chart"'), ms: performance.now() - t0 };
}

function startSandbox(port, appOrigin) {
  const url = `http://127.0.0.1:${port}`;
  const env = {
    SANDBOX_PORT: String(port),
    SANDBOX_REDIRECT_ORIGINS: appOrigin,
    SANDBOX_ACCESS_TOKEN_TTL: String(TOKEN_TTL),
  };
  servers.set(url, start(bin('tsx'), ['sandbox/main.ts'], { name: `sandbox ${port}`, env, output: 'stderr' }));
  return url;
}

function startApp(port, appOrigin, nomos, extraEnv = {}) {
  const url = `http://localhost:${port}`;
  const env = {
    NOMOS_ISSUER: nomos,
    // Instances behind one load balancer share one public URL.
    APP_URL: appOrigin,
    DEMO_CLOCK_URL: `${nomos}/__sandbox/clock`,
    SESSION_SECRET: SECRET,
    ...extraEnv,
  };
  servers.set(
    url,
    start(bin('next'), ['start', '--port', String(port)], { name: `app ${port}`, env, output: 'stderr' }),
  );
  return url;
}

/**
 * Connects once, then at each of ROTATIONS expiries sends STORM parallel
 * dashboard requests alternating between the instances, as a load
 * balancer would. Returns per rotation: refresh grants, reuse detected,
 * requests that rendered prices, and the requests' latencies.
 */
async function storm(instances, nomos) {
  const cookies = await connect('anna@example.com', instances[0], nomos);
  const rotations = [];
  for (let rotation = 1; rotation <= ROTATIONS; rotation++) {
    await advanceClock(nomos, TOKEN_TTL + 1);
    const before = await stats(nomos);
    const results = await Promise.all(
      Array.from({ length: STORM }, (_, i) => attempt(instances[i % instances.length], cookies, '/dashboard')),
    );
    const after = await stats(nomos);
    rotations.push({
      grants: after.grants.refresh_token - before.grants.refresh_token,
      reuse: after.refresh_reuse_detected - before.refresh_reuse_detected,
      served: results.filter((result) => result.served).length,
      latencies: results.map((result) => result.ms),
    });
  }
  return rotations;
}

/**
 * What waiting for another instance adds to a refresh: at each of ROUNDS
 * expiries, two requests at once (one per instance, or both to the one
 * instance), each timed against a request right after with a fresh token.
 * Small on purpose, so that rendering many pages on two cores does not
 * drown the figure.
 */
const ROUNDS = 5;
async function refreshCost(instances, nomos) {
  const cookies = await connect('anna@example.com', instances[0], nomos);
  const added = [];
  for (let round = 0; round < ROUNDS; round++) {
    await advanceClock(nomos, TOKEN_TTL + 1);
    const pair = await Promise.all([0, 1].map((i) => attempt(instances[i % instances.length], cookies, '/dashboard')));
    const warm = await Promise.all([0, 1].map((i) => attempt(instances[i % instances.length], cookies, '/dashboard')));
    if (!pair.every((r) => r.served)) throw new Error('a request at expiry was not served');
    pair.forEach((r, i) => added.push(r.ms - warm[i].ms));
  }
  return added;
}

/**
 * The faults a customer's phone and a real network cause every day, each
 * on a fresh connection: what happens to the grant at Nomos (reuse
 * detected revokes it) and whether the customer is still connected at the
 * end (a dashboard with prices, 10 s after the fault).
 */
const DRILLS = [
  {
    name: 'refresh response lost, back 35 s later',
    async run(app, nomos, cookies) {
      await advanceClock(nomos, TOKEN_TTL + 1);
      await attempt(app, cookies.copy(), '/dashboard');
      await advanceClock(nomos, 35);
    },
  },
  {
    name: 'token endpoint takes 9 s',
    async run(app, nomos, cookies) {
      await advanceClock(nomos, TOKEN_TTL + 1);
      await control(nomos, 'faults', { path: '/oauth/token', delay_ms: 9_000 });
      await attempt(app, cookies, '/dashboard');
    },
  },
  {
    name: '502 before Nomos processed it',
    async run(app, nomos, cookies) {
      await advanceClock(nomos, TOKEN_TTL + 1);
      await control(nomos, 'faults', { path: '/oauth/token', status: 502 });
      await attempt(app, cookies, '/dashboard');
    },
  },
  {
    name: '502 after Nomos rotated the token',
    async run(app, nomos, cookies) {
      await advanceClock(nomos, TOKEN_TTL + 1);
      await control(nomos, 'faults', { path: '/oauth/token', status: 502, when: 'after' });
      await attempt(app, cookies, '/dashboard');
    },
  },
  {
    name: 'connection dropped after rotating',
    async run(app, nomos, cookies) {
      await advanceClock(nomos, TOKEN_TTL + 1);
      await control(nomos, 'faults', { path: '/oauth/token', drop: true, when: 'after' });
      await attempt(app, cookies, '/dashboard');
    },
  },
];

async function drill(setup, scenario) {
  const [app] = setup.instances;
  await control(setup.nomos, 'reset');
  const cookies = await connect('anna@example.com', app, setup.nomos);
  await scenario.run(app, setup.nomos, cookies);
  // Past any failure the app remembers, the customer opens the dashboard again.
  await advanceClock(setup.nomos, 10);
  await attempt(app, cookies, '/dashboard');
  const last = await attempt(app, cookies, '/dashboard');
  const after = await stats(setup.nomos);
  return { connected: last.served, reuse: after.refresh_reuse_detected };
}

try {
  const app = `http://localhost:${APP_PORT}`;
  const nomos = startSandbox(SANDBOX_PORT, app);
  startApp(APP_PORT, app, nomos);
  const redis = await startRedis();
  onStop(() => redis.destroy());
  const setups = [
    { name: 'iron-session, one instance', instances: [app], nomos },
    {
      name: 'iron-session, 2 instances, no Redis',
      nomos: startSandbox(SANDBOX_PORT + 1, `http://localhost:${APP_PORT + 1}`),
    },
    {
      name: 'iron-session, 2 instances, Redis',
      nomos: startSandbox(SANDBOX_PORT + 2, `http://localhost:${APP_PORT + 3}`),
      redis: true,
    },
  ];
  // The next-auth style: our coordinated refresh, and Auth.js's documented recipe
  // (refresh inside the `jwt` callback), each on one instance.
  setups.push(
    {
      name: 'next-auth, coordinated',
      nomos: startSandbox(SANDBOX_PORT + 3, `http://localhost:${APP_PORT + 5}`),
      instances: [],
    },
    {
      name: 'next-auth, jwt-callback recipe',
      nomos: startSandbox(SANDBOX_PORT + 4, `http://localhost:${APP_PORT + 6}`),
      instances: [],
    },
  );
  setups[3].instances = [
    startApp(APP_PORT + 5, `http://localhost:${APP_PORT + 5}`, setups[3].nomos, { NOMOS_AUTH: 'next-auth' }),
  ];
  // The guide's recipe is not in the app: a bench-only server runs it with Auth.js itself.
  const recipe = `http://localhost:${APP_PORT + 6}`;
  servers.set(
    recipe,
    start(bin('tsx'), ['scripts/authjs-recipe/server.ts'], {
      name: 'Auth.js recipe',
      output: 'stderr',
      env: {
        PORT: String(APP_PORT + 6),
        APP_URL: recipe,
        NOMOS_ISSUER: setups[4].nomos,
        DEMO_CLOCK_URL: `${setups[4].nomos}/__sandbox/clock`,
        SESSION_SECRET: SECRET,
      },
    }),
  );
  setups[4].instances = [recipe];
  setups[1].instances = [APP_PORT + 1, APP_PORT + 2].map((port) =>
    startApp(port, `http://localhost:${APP_PORT + 1}`, setups[1].nomos),
  );
  setups[2].instances = [APP_PORT + 3, APP_PORT + 4].map((port) =>
    startApp(port, `http://localhost:${APP_PORT + 3}`, setups[2].nomos, { REDIS_URL: redis.url }),
  );
  await Promise.all(
    setups.flatMap((setup) => [
      waitForUrl(`${setup.nomos}/.well-known/oauth-authorization-server`, { process: servers.get(setup.nomos) }),
      ...setup.instances.map((instance) => waitForUrl(`${instance}/`, { process: servers.get(instance) })),
    ]),
  );
  // After publication, so that both days are final and cacheable.
  for (const setup of setups) await setClock(setup.nomos, '2026-11-23T15:07:00Z');

  const cookies = await connect('anna@example.com', app, nomos);
  const rows = [];

  const cold = [];
  for (let day = 1; day <= 20; day++)
    cold.push(await timed(app, cookies, `/dashboard?date=2026-10-${String(day).padStart(2, '0')}`));
  rows.push(['dashboard, prices not cached (20 different days)', cold]);

  const warm = [];
  for (let i = 0; i < 50; i++) warm.push(await timed(app, cookies, '/dashboard?date=2026-10-05'));
  rows.push(['dashboard, prices cached (50 requests)', warm]);
  const page = Buffer.from(lastBody);
  const pageSize = `dashboard HTML (two days of 15-min prices): ${(page.length / 1024).toFixed(0)} KiB, ${(gzipSync(page).length / 1024).toFixed(0)} KiB gzipped`;
  // Beside the start page on the same instance; a browser that runs the app's script sends `hems_js`.
  // In German: its words are longer, so its pages are the heavier.
  const pages = await measurePages(app, `${cookies.header()}; hems_js=1; NEXT_LOCALE=de`, [
    '/',
    '/dashboard',
    '/dashboard/usage',
  ]);

  // The three storms run one after another, so they do not share the two cores.
  const results = [];
  for (const setup of setups) results.push({ ...setup, rotations: await storm(setup.instances, setup.nomos) });
  const drillSetups = [setups[0], setups[2], setups[3], setups[4]];
  const drillResults = [];
  for (const scenario of DRILLS) {
    const row = { name: scenario.name, results: [] };
    for (const setup of drillSetups) row.results.push(await drill(setup, scenario));
    drillResults.push(row);
  }
  const costOne = await refreshCost(setups[0].instances, setups[0].nomos);
  const costShared = await refreshCost(setups[2].instances, setups[2].nomos);

  const f = (v) => v.toFixed(0).padStart(8);
  console.log('\nscenario                                            p50 ms   p95 ms   max ms');
  for (const [name, values] of rows) {
    console.log(
      `${name.padEnd(50)}${f(percentile(values, 0.5))}${f(percentile(values, 0.95))}${f(Math.max(...values))}`,
    );
  }
  console.log(`\n${pageSize}`);
  printPages(pages);
  for (const failure of checkPageTargets(pages)) {
    console.error(`FAIL (page target): ${failure}`);
    process.exitCode = 1;
  }

  console.log(
    `\nRefresh storm: ${STORM} parallel dashboard requests at each token expiry, alternating between the instances`,
  );
  console.log(
    `grants = refresh_token grants at the sandbox, reuse = refresh-token reuse detected (Nomos revokes the grant), served = pages with prices`,
  );
  // One line per setup and rotation: the table stays readable at any width.
  console.log(`\n${'setup'.padEnd(34)}rotation  grants  reuse  served`);
  for (const { name, rotations } of results) {
    rotations.forEach((r, i) => {
      console.log(
        `${(i === 0 ? name : '').padEnd(34)}${String(i + 1).padStart(8)}${String(r.grants).padStart(8)}${String(r.reuse).padStart(7)}${`${r.served}/${STORM}`.padStart(8)}`,
      );
    });
  }
  console.log('\nlatency of the storm requests (the refresh included), all rotations:');
  for (const { name, rotations } of results) {
    const all = rotations.flatMap((r) => r.latencies);
    console.log(`  ${name.padEnd(28)} p50 ${f(percentile(all, 0.5))} ms   p95 ${f(percentile(all, 0.95))} ms`);
  }
  console.log(
    `\ntime a refresh adds to a request (two requests at expiry minus the same two just after, ${ROUNDS} expiries):`,
  );
  console.log(
    `  one instance, in process     p50 ${f(percentile(costOne, 0.5))} ms   p95 ${f(percentile(costOne, 0.95))} ms`,
  );
  console.log(
    `  two instances through Redis  p50 ${f(percentile(costShared, 0.5))} ms   p95 ${f(percentile(costShared, 0.95))} ms`,
  );

  console.log(
    '\nFault drills, one customer each: connected afterwards (a dashboard with prices), and reuse detected at Nomos (it revokes the grant)',
  );
  const column = (name) => name.replace('iron-session, ', '').padStart(32);
  console.log(`${'drill'.padEnd(40)}${drillSetups.map((setup) => column(setup.name)).join('')}`);
  for (const { name, results: cells } of drillResults) {
    console.log(
      `${name.padEnd(40)}${cells.map((cell) => `${cell.connected ? 'connected' : 'LOGGED OUT'}, reuse ${cell.reuse}`.padStart(32)).join('')}`,
    );
  }

  // What the pattern promises (docs/decisions/009): connected after every fault but a rotation lost
  // between Nomos and the app, which ends the grant with one reuse detection at most.
  for (const [i, setup] of drillSetups.slice(0, 3).entries()) {
    for (const { name, results: cells } of drillResults) {
      const cell = cells[i];
      const lostRotation = name.includes('after');
      if (lostRotation ? cell.reuse > 1 || cell.connected : !cell.connected || cell.reuse !== 0) {
        console.error(`FAIL (${setup.name}, ${name}): connected ${cell.connected}, reuse ${cell.reuse}`);
        process.exitCode = 1;
      }
    }
  }

  for (const { name, rotations } of [results[0], results[2], results[3]]) {
    if (rotations.some((r) => r.grants !== 1 || r.reuse !== 0 || r.served !== STORM)) {
      console.error(`FAIL (${name}): expected exactly one refresh, no reuse and every request served at each rotation`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
