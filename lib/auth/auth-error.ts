/** Why a sign-in did not complete; each has a fixed text on `/auth/error`. */
export const authErrorReasons = {
  denied: {
    title: 'You did not connect your Nomos account',
    text: 'You chose not to share your data on the Nomos consent screen, so nothing was shared with this app. You can connect whenever you like.',
  },
  expired: {
    title: 'This sign-in has expired',
    text: 'The sign-in took longer than 10 minutes or was already completed in another tab. Please start again.',
  },
  state: {
    title: 'This sign-in could not be verified',
    text: 'The answer from Nomos did not belong to the sign-in started in this browser, so it was ignored and nothing was connected. Please start again.',
  },
  'invalid-response': {
    title: 'Nomos sent an answer this app does not accept',
    text: 'The sign-in answer did not come from the expected Nomos server or was incomplete, so nothing was connected.',
  },
  'authorize-error': {
    title: 'Nomos could not complete the sign-in',
    text: 'Nomos reported a problem with this sign-in request. Please try again; if it keeps happening, contact support.',
  },
  exchange: {
    title: 'Connecting your account failed',
    text: 'Nomos accepted your consent, but handing over access to this app failed. Please try again.',
  },
  unavailable: {
    title: 'Nomos is not reachable right now',
    text: 'The Nomos sign-in could not be reached. Please try again in a few minutes.',
  },
} as const;

export type AuthErrorReason = keyof typeof authErrorReasons;

export function isAuthErrorReason(value: string | undefined): value is AuthErrorReason {
  return value !== undefined && Object.hasOwn(authErrorReasons, value);
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
