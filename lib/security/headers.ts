/** Request header through which the proxy hands the nonce to server components. */
export const NONCE_HEADER = 'x-nonce';

/** 128 random bits, base64: unguessable, and new for every response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export type PolicyOptions = {
  nonce: string;
  /** `next dev`: React rebuilds server error stacks in the browser with `eval`. */
  development: boolean;
  /** The app is served over HTTPS (APP_URL). */
  https: boolean;
};

/**
 * The Content-Security-Policy of every page. Scripts run only with this
 * response's nonce, or when a script holding it loads them ('strict-dynamic'),
 * which is how Next.js loads its chunks; so an injected `<script>` or inline
 * handler does not run, whatever origin it names.
 *
 * Next.js reads the nonce for its own scripts from the request's copy of this
 * header, in the first directive that starts with `script-src`: no
 * `script-src-elem` or `script-src-attr` may come before it.
 */
export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Style elements need the nonce (in development the dev server injects
    // its own without one). Style attributes cannot carry a nonce, and the
    // server-rendered chart places its labels and bands with them.
    ['style-src', "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    // Workers, the alerts' service worker (public/sw.js) among them, only from
    // scripts of this origin. Without it workers fall under script-src, whose
    // 'strict-dynamic' lets any trusted script start one from anything it can
    // name, a blob: included (so Chromium does).
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'"],
  ];
  // On plain-HTTP loopback there is nothing to upgrade to.
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * Two years, subdomains included. Sent only when APP_URL is HTTPS: behind a
 * TLS-terminating proxy the app itself sees plain HTTP, and only APP_URL
 * tells. Set in the proxy because `next.config.ts` headers are fixed at
 * build time, before APP_URL is known.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
