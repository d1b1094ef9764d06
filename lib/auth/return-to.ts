export const DEFAULT_RETURN_TO = '/dashboard';

const PLACEHOLDER_ORIGIN = 'http://return-to.invalid';

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

/**
 * Where to send the person after connecting. Only a path on this origin is
 * accepted; anything else (`//evil.example`, `https://…`, `/\evil`, encoded
 * or control-character variants) falls back to the dashboard, so the login
 * route can never be used as an open redirect.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return DEFAULT_RETURN_TO;
  const decoded = decodeRepeatedly(raw);
  if (decoded === null) return DEFAULT_RETURN_TO;
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/')) return DEFAULT_RETURN_TO;
    if (candidate.startsWith('//') || candidate.includes('\\')) return DEFAULT_RETURN_TO;
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return DEFAULT_RETURN_TO;
  }
  const url = new URL(raw, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_RETURN_TO;
  // Never send someone back into the sign-in machinery itself.
  if (url.pathname.startsWith('/auth/')) return DEFAULT_RETURN_TO;
  return `${url.pathname}${url.search}${url.hash}`;
}
