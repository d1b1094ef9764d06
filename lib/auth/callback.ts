import 'server-only';

import { randomBytes } from 'node:crypto';

import { NextResponse, type NextRequest } from 'next/server';
import * as oauth from 'oauth4webapi';

import { NomosError } from '@/lib/nomos/errors';

import { authErrorPath, type AuthErrorReason } from './auth-error';
import { client, exchangeCode, getAuthorizationServer } from './oauth';
import { DEFAULT_RETURN_TO } from './return-to';
import { sessionCookie, type SessionData } from './session-cookie';
import { isExpired, safeEqual, transactionCookie } from './transaction';

function redirect(request: NextRequest, path: string) {
  const response = NextResponse.redirect(new URL(path, request.url), 303);
  // The callback URL carries the authorization code: never leak it.
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('Cache-Control', 'no-store');
  // The transaction is single-use, whatever the outcome.
  response.cookies.delete({ name: transactionCookie.name, path: transactionCookie.options.path });
  return response;
}

/**
 * `GET /auth/callback`: completes a sign-in. Checks `state` against the
 * transaction cookie (constant time) and the response's `iss` (RFC 9207),
 * exchanges the code with the PKCE verifier, stores the tokens in the
 * session cookie and sends the person on to where they started.
 */
export async function completeLogin(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const fail = (reason: AuthErrorReason, requestId?: string) =>
    redirect(request, authErrorPath(reason, requestId));

  const transaction = await transactionCookie.unseal(request.cookies.get(transactionCookie.name)?.value);
  if (!transaction || isExpired(transaction)) {
    // A reload or the back button replays this URL after success: keep the session.
    const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value);
    if (session) return redirect(request, DEFAULT_RETURN_TO);
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
    const tokens = await exchangeCode(callbackParams, transaction.verifier);
    session = { grantId: randomBytes(16).toString('base64url'), ...tokens, connectedAt: Date.now() };
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    return fail(error.kind === 'unavailable' ? 'unavailable' : 'exchange', error.requestId);
  }

  const response = redirect(request, transaction.returnTo);
  response.cookies.set(sessionCookie.name, await sessionCookie.seal(session), sessionCookie.options);
  return response;
}
