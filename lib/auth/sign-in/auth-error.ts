/** Why a sign-in did not complete; each has a fixed title and text (messages `AuthError.<reason>`) on `/auth/error`. */
export const AUTH_ERROR_REASONS = [
  'denied',
  'expired',
  'state',
  'invalid-response',
  'authorize-error',
  'exchange',
  'unavailable',
] as const;

export type AuthErrorReason = (typeof AUTH_ERROR_REASONS)[number];

export function isAuthErrorReason(value: string | undefined): value is AuthErrorReason {
  return (AUTH_ERROR_REASONS as readonly (string | undefined)[]).includes(value);
}

/** Request ids are shown to the person; accept only their plain shape. */
export function isPlausibleRequestId(value: string | undefined): value is string {
  return value !== undefined && /^[\w.:-]{1,100}$/.test(value);
}

/**
 * The next-auth style: Auth.js sends failed sign-ins to this page with
 * `?error=<type>`. Only a few types are told apart (the rest are
 * "Configuration" to the browser, logged on the server).
 */
export function reasonForAuthJsError(type: string): AuthErrorReason {
  switch (type) {
    case 'AccessDenied':
      return 'denied';
    case 'OAuthCallbackError':
      return 'authorize-error';
    case 'InvalidCheck':
    case 'MissingCSRF':
      return 'state';
    case 'OAuthProfileParseError':
      return 'invalid-response';
    default:
      return 'exchange';
  }
}

export function authErrorPath(reason: AuthErrorReason, requestId?: string): string {
  const params = new URLSearchParams({ reason });
  if (requestId && isPlausibleRequestId(requestId)) params.set('requestId', requestId);
  return `/auth/error?${params}`;
}
