import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';
import * as oauth from 'oauth4webapi';

import { now } from '@/lib/clock';
import { config } from '@/lib/config';
import { NomosError } from '@/lib/nomos/errors';

import { authErrorPath, type AuthErrorReason } from './auth-error';
import { client, getAuthorizationServer } from '@/lib/auth/oauth';
import { exchangeCode } from './exchange-code';
import { DEFAULT_RETURN_TO, returnToUrl } from './return-to';
import { sessionCookie, type SessionData } from '@/lib/auth/session/session-cookie';
import { newSession } from '@/lib/auth/session/session-data';
import { isExpired, safeEqual, transactionCookie } from './transaction';

/**
 * Every redirect of the callback goes to the app's configured origin, never
 * to one derived from the request, so neither a crafted `returnTo` nor a
 * forged `Host` header can send the person elsewhere.
 */
function redirect(target: URL) {
  const response = NextResponse.redirect(target, 303);
  // The callback URL carries the authorization code: never leak it.
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('Cache-Control', 'no-store');
  // The transaction is single-use, whatever the outcome.
  response.cookies.delete(transactionCookie.deletion);
  return response;
}

/**
 * `GET /auth/callback`: completes a sign-in. Checks `state` against the
 * transaction cookie (constant time) and the response's `iss` (RFC 9207: checked whenever present, required only when the metadata advertises it),
 * exchanges the code with the PKCE verifier, stores the tokens in the
 * session cookie and sends the person on to where they started.
 */
export async function completeLogin(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const fail = (reason: AuthErrorReason, requestId?: string) =>
    redirect(new URL(authErrorPath(reason, requestId), config.appUrl));

  const transaction = await transactionCookie.unseal(request.cookies.get(transactionCookie.name)?.value);
  if (!transaction || isExpired(transaction)) {
    // A reload or the back button replays this URL after success: keep the session.
    const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value);
    if (session) return redirect(returnToUrl(DEFAULT_RETURN_TO, config.appUrl));
    return fail(params.get('error') === 'access_denied' ? 'denied' : 'expired');
  }

  const state = params.get('state');
  if (!state || !safeEqual(state, transaction.state)) return fail('state');

  let as: oauth.AuthorizationServer;
  try {
    as = await getAuthorizationServer();
  } catch (error) {
    return fail('unavailable', error instanceof NomosError ? error.requestId : undefined);
  }

  let callbackParams: URLSearchParams;
  try {
    callbackParams = oauth.validateAuthResponse(as, client, params, transaction.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      return fail(error.error === 'access_denied' ? 'denied' : 'authorize-error');
    }
    return fail('invalid-response');
  }

  let session: SessionData;
  try {
    session = newSession(await exchangeCode(callbackParams, transaction.verifier), now());
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    return fail(error.kind === 'unavailable' ? 'unavailable' : 'exchange', error.requestId);
  }

  // Checked again: the transaction may have been sealed by an older release with weaker checks.
  const response = redirect(returnToUrl(transaction.returnTo, config.appUrl));
  const sealed = await sessionCookie.seal(session);
  response.cookies.set(sessionCookie.name, sealed.value, sealed.options);
  return response;
}
