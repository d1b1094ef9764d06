export const DEFAULT_RETURN_TO = '/dashboard';

const MAX_LENGTH = 2048;
const PLACEHOLDER_ORIGIN = 'http://return-to.invalid';

// Characters some decoders, browsers or proxies fold into `/` or `\`.
const SLASH_LOOKALIKES = /[\u2044\u2215\u2216\u29f8\u29f9\ufe68\uff0f\uff3c]/;
// A raw returnTo is something the app itself built, so it is printable ASCII;
// anything else (spaces, tabs, CR/LF, non-ASCII) only serves to confuse a parser.
const PRINTABLE_ASCII = /^[\u0021-\u007e]*$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function decodeRepeatedly(value: string): string | null {
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A single leading `/`: not `//` or `/\`, which browsers read as another host. */
function isOriginRelativePath(value: string): boolean {
  return value.startsWith('/') && value[1] !== '/' && value[1] !== '\\';
}

function isAuthPath(pathname: string): boolean {
  const decoded = (decodeRepeatedly(pathname) ?? pathname).toLowerCase();
  return decoded === '/auth' || decoded.startsWith('/auth/');
}

/** Pathname, query and fragment of `value` parsed against the placeholder, or null when it leaves it. */
function normalise(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where to send the person after connecting: a path on this origin, or
 * {@link DEFAULT_RETURN_TO}. The value is normalised by the URL parser first
 * and the RESULT is checked, because the parser resolves dot segments and
 * encoded dots (`/.//evil.example`, `/%2e//evil.example`) into
 * `//evil.example`, which a browser reads as another host. Checking the raw
 * string alone is not enough; MUST be applied to every user-supplied
 * `returnTo`.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return DEFAULT_RETURN_TO;
  if (!PRINTABLE_ASCII.test(raw) || raw.includes('\\')) return DEFAULT_RETURN_TO;
  const decoded = decodeRepeatedly(raw);
  if (decoded === null) return DEFAULT_RETURN_TO;
  if (!isOriginRelativePath(raw) || !isOriginRelativePath(decoded)) return DEFAULT_RETURN_TO;
  if (decoded.includes('\\') || CONTROL.test(decoded) || SLASH_LOOKALIKES.test(decoded)) return DEFAULT_RETURN_TO;

  const result = normalise(raw);
  if (result === null || result.length > MAX_LENGTH) return DEFAULT_RETURN_TO;
  if (!isOriginRelativePath(result) || CONTROL.test(result)) return DEFAULT_RETURN_TO;
  // A proxy or framework that decodes before resolving (`/%2e%2f/x` → `/.//x`) must not reach `//` either.
  const decodedResult = decodeRepeatedly(result);
  if (decodedResult === null || !isOriginRelativePath(decodedResult)) return DEFAULT_RETURN_TO;
  const decodedNormalised = normalise(decodedResult);
  if (decodedNormalised === null || !isOriginRelativePath(decodedNormalised)) return DEFAULT_RETURN_TO;
  // Never send someone back into the sign-in machinery itself.
  if (isAuthPath(new URL(result, PLACEHOLDER_ORIGIN).pathname)) return DEFAULT_RETURN_TO;
  // A second parse must change nothing, or the browser's parse may differ from ours.
  if (normalise(result) !== result) return DEFAULT_RETURN_TO;
  return result;
}

/**
 * The absolute URL to redirect to after sign-in: {@link safeReturnTo}'s path
 * resolved against the app's own origin (`APP_URL`), never the request's
 * `Host`. Anything that would end on another origin gives the default path.
 * MUST be used both when the path is stored and when the redirect is sent.
 */
export function returnToUrl(raw: string | null | undefined, appUrl: string): URL {
  const appOrigin = new URL(appUrl).origin;
  const url = new URL(safeReturnTo(raw), appOrigin);
  if (url.origin !== appOrigin) return new URL(DEFAULT_RETURN_TO, appOrigin);
  return url;
}

/** {@link returnToUrl} as the path to keep in the login transaction. */
export function returnToPath(raw: string | null | undefined, appUrl: string): string {
  const url = returnToUrl(raw, appUrl);
  return `${url.pathname}${url.search}${url.hash}`;
}
