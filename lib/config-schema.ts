import { z } from 'zod';

const DEFAULT_SANDBOX_PORT = 4000;
const DEFAULT_APP_PORT = 3000;
/** Only good for development against the sandbox; refused in production. */
export const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-0123456789';

const port = z.coerce.number().int().min(1).max(65535);

const DAY_SECONDS = 24 * 60 * 60;
/** Browsers cap a cookie's Max-Age at 400 days (RFC 6265bis); a session cannot outlive its cookie. */
const MAX_SESSION_SECONDS = 400 * DAY_SECONDS;
const MIN_SESSION_SECONDS = 10;

/** A duration in whole seconds, reported in one line whatever is wrong with it. */
const sessionSeconds = () => {
  const message = `must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS} (400 days)`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(MIN_SESSION_SECONDS, message).max(MAX_SESSION_SECONDS, message))
    .optional();
};

const httpUrl = z
  .string()
  .url('must be an absolute URL such as https://api.nomos.energy')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

export function wholeNumber(min: number, max: number, unit: string, messages: { belowMin?: string } = {}) {
  const error = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(min, { error: messages.belowMin ?? error })
    .max(max, { error });
}

/**
 * The core configuration: what signing in, refreshing and calling Nomos
 * need. Features parse their own variables apart (the sign-in rate limit in
 * lib/rate-limit/rate-limit-config.ts, alerts in lib/alerts/alerts-config.ts),
 * so the proxy loads only this; lib/config-check.ts parses them all at start.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(DEFAULT_APP_PORT),
  SANDBOX_PORT: port.default(DEFAULT_SANDBOX_PORT),
  APP_URL: httpUrl.optional(),
  NOMOS_ISSUER: httpUrl.optional(),
  NOMOS_API_URL: httpUrl.optional(),
  NOMOS_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}\.[a-z]+$/, 'must look like 2026-05-27.curie')
    .default('2026-05-27.curie'),
  NOMOS_CLIENT_ID: z.string().min(1).default('hems-demo'),
  NOMOS_CLIENT_SECRET: z.string().min(1).default('hems-demo-secret'),
  NOMOS_SCOPE: z.string().min(1).default('read:*'),
  SESSION_SECRET: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || value.split(',').every((s) => s.trim().length >= 32),
      'every comma-separated secret must be at least 32 characters',
    ),
  NOMOS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  NOMOS_TOKEN_TIMEOUT_MS: wholeNumber(1_000, 120_000, 'milliseconds').default(30_000),
  DEMO_CLOCK_URL: httpUrl.optional(),
  NOMOS_AUTH: z
    .enum(['iron-session', 'next-auth'], { error: 'must be iron-session or next-auth' })
    .default('iron-session'),
  SESSION_MAX_AGE_SECONDS: sessionSeconds(),
  SESSION_IDLE_TIMEOUT_SECONDS: sessionSeconds(),
  REDIS_URL: z
    .string()
    .refine(isRedisUrl, 'must be a redis:// or rediss:// URL such as redis://localhost:6379 (rediss:// for TLS)')
    .optional(),
  DATA_DIR: z.string().default('./data'),
});

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export type AppConfig = ReturnType<typeof parseConfig>;

/** Empty strings mean "not set", as in most .env tooling. */
export const withoutEmpty = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));

/** One line per variable: its first problem is the one to fix. */
export function configIssues(error: z.ZodError): string[] {
  const lines = new Map<string, string>();
  for (const issue of error.issues) {
    const name = issue.path.join('.') || 'env';
    if (!lines.has(name)) lines.set(name, `${name}: ${issue.message}`);
  }
  return [...lines.values()];
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into the app's typed configuration. Every invalid
 * variable is reported at once, one line each, naming what is expected.
 */
export function parseConfig(env: Record<string, string | undefined>) {
  const result = envSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new ConfigError(configIssues(result.error));
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  // `next build` loads route modules to collect their configuration; the
  // secret is a run-time setting and is checked when the server starts
  // (instrumentation.ts).
  const building = env.NEXT_PHASE === 'phase-production-build';
  if (production && !building && e.SESSION_SECRET === undefined) {
    throw new ConfigError([
      'SESSION_SECRET: must be set in production (at least 32 random characters, e.g. `openssl rand -base64 32`)',
    ]);
  }
  const secrets = (e.SESSION_SECRET ?? DEV_SESSION_SECRET).split(',').map((s) => s.trim());
  if (production && !building && secrets.includes(DEV_SESSION_SECRET)) {
    throw new ConfigError(['SESSION_SECRET: the development default cannot be used in production']);
  }
  const issuer = e.NOMOS_ISSUER ?? `http://127.0.0.1:${e.SANDBOX_PORT}`;
  // The app follows this clock for token expiry and session lifetimes: only
  // a sandbox on this machine may be it, and only while it is also the
  // issuer, so no deployment against the real Nomos can have its time moved.
  if (e.DEMO_CLOCK_URL !== undefined && !(isLoopbackHttp(e.DEMO_CLOCK_URL) && isLoopbackHttp(issuer))) {
    throw new ConfigError([
      'DEMO_CLOCK_URL: only for the local sandbox: it must be a plain-http loopback URL, and NOMOS_ISSUER the sandbox on this machine',
    ]);
  }
  const appUrl = e.APP_URL ?? `http://localhost:${e.PORT}`;
  // Over plain HTTP the session cookie could not be Secure, and a public
  // address in production would silently send it in clear text.
  if (production && !building && appUrl.startsWith('http:') && !isLoopbackHttp(appUrl)) {
    throw new ConfigError(['APP_URL: must be https in production (plain http only for localhost)']);
  }
  return {
    production,
    appUrl,
    /** Cookies are `Secure` unless the app itself is served over plain HTTP on loopback. */
    secureCookies: !isLoopbackHttp(appUrl),
    nomos: {
      issuer,
      apiUrl: e.NOMOS_API_URL ?? issuer,
      apiVersion: e.NOMOS_API_VERSION,
      clientId: e.NOMOS_CLIENT_ID,
      clientSecret: e.NOMOS_CLIENT_SECRET,
      scope: e.NOMOS_SCOPE,
      redirectUri: `${appUrl}/auth/callback`,
      timeoutMs: e.NOMOS_TIMEOUT_MS,
      /**
       * Time limit of one refresh-grant call. Longer than API calls: a
       * refresh that times out is ambiguous (Nomos may have rotated the
       * token), so a slow Nomos should rather be waited for than given up on.
       */
      tokenTimeoutMs: e.NOMOS_TOKEN_TIMEOUT_MS,
      /** Plain HTTP is allowed only for an issuer on this machine (the sandbox). */
      allowInsecureHttp: isLoopbackHttp(issuer),
    },
    /** Demo and tests only: the sandbox's clock, which the app then follows (see lib/clock.ts). */
    demoClockUrl: e.DEMO_CLOCK_URL,
    /** Newest first; the first one seals, all of them unseal. */
    sessionSecrets: secrets,
    /** How the app signs in and keeps the session: its own routes and iron-session, or Auth.js (next-auth). */
    authStyle: e.NOMOS_AUTH,
    session: {
      /** Absolute lifetime, counted from `connectedAt`: refreshes never extend it. */
      maxAgeSeconds: e.SESSION_MAX_AGE_SECONDS ?? 30 * DAY_SECONDS,
      /**
       * A session unused for this long ends. A week: a HEMS dashboard is looked at
       * every day or two, so a regular user never meets it, while a cookie left on
       * a shared computer or copied off a laptop stops working after a week
       * instead of a month. Connecting again costs one e-mail code.
       */
      idleTimeoutSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS ?? 7 * DAY_SECONDS,
    },
    /** Set: every instance coordinates refreshes and caches through this Redis. Unset: in process. */
    redisUrl: e.REDIS_URL,
    /** The durable store's folder when REDIS_URL is unset (server-side grants); on a persistent volume. */
    dataDir: e.DATA_DIR,
  };
}

export function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return (
    protocol === 'http:' && (hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname))
  );
}
