/** Ports of the end-to-end servers; override with E2E_PORT_BASE to run beside a demo. */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

/**
 * `main` and `views`: one instance each, for the pages (two, so that two
 * lanes can move their own sandbox's clock). `oneInstance`: one instance
 * with the in-process store, for the refresh and session tests; its sandbox
 * offers RFC 7009 revocation. `redis`: two instances (`app`, `appB`) behind
 * one cookie, sharing a Redis. `rateLimit`: one instance with a sign-in
 * limit of a few requests, behind one trusted proxy, so each test picks its
 * own client address. `nextAuth`: the next-auth integration style
 * (`NOMOS_AUTH=next-auth`) on two instances sharing Redis.
 */
export const e2ePorts = {
  main: { app: base, sandbox: base + 1000 },
  oneInstance: { app: base + 1, sandbox: base + 1001 },
  redis: { app: base + 2, appB: base + 3, sandbox: base + 1002 },
  rateLimit: { app: base + 4, sandbox: base + 1003 },
  views: { app: base + 5, sandbox: base + 1005 },
  nextAuth: { app: base + 6, appB: base + 7, sandbox: base + 1006 },
} as const;

export type Pair = keyof typeof e2ePorts;

export const sandboxUrl = (pair: Pair) => `http://127.0.0.1:${e2ePorts[pair].sandbox}`;
export const appUrl = (pair: Pair) => `http://localhost:${e2ePorts[pair].app}`;

/** Every instance of a pair: requests that alternate between them act like a load balancer. */
export const instanceUrls = (pair: Pair): string[] => {
  const ports = e2ePorts[pair];
  return 'appB' in ports ? [appUrl(pair), `http://localhost:${ports.appB}`] : [appUrl(pair)];
};

/**
 * Access-token lifetime of every sandbox, in seconds: Nomos' own hour. Tests
 * that need a token to expire move the sandbox's clock past it
 * (`sandbox(pair).advanceClock`), which the app follows; nobody waits.
 */
export const TOKEN_TTL_SECONDS = 3600;

/** The integration style of each pair's apps (`NOMOS_AUTH`). */
export const authStyle = (pair: Pair): 'iron-session' | 'next-auth' =>
  pair === 'nextAuth' ? 'next-auth' : 'iron-session';

/** The session cookie's name in each style, on plain HTTP (`__Host-` is for HTTPS only). */
export const sessionCookieName = (pair: Pair) =>
  authStyle(pair) === 'next-auth' ? 'authjs.session-token' : 'nomos_session';

/** Every app's `SESSION_MAX_AGE_SECONDS`: the default, 30 days. Tests that need a session to end move the clock past it. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Every app's `JOBS_SECRET`: tests run the jobs through `POST /api/jobs/run` (`JOBS_SCHEDULER=external`), when they choose. */
export const JOBS_SECRET = 'e2e-jobs-secret-0123456789abcdefghijklmnop';

/** The pairs whose sandbox publishes an RFC 7009 revocation endpoint. */
export const revocationEndpointPairs: readonly Pair[] = ['oneInstance'];
