import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { config } from '@/lib/config';
import { NomosError } from '@/lib/nomos/errors';

import { authErrorPath } from './auth-error';
import { getAuthorizationServer } from '@/lib/auth/oauth';
import { returnToPath } from './return-to';
import { createLoginTransaction, transactionCookie } from './transaction';

/**
 * `GET /auth/login?returnTo=/path&flow=login|signup`: starts a sign-in by
 * sending the person to Nomos' authorization endpoint with PKCE and `state`.
 * In the next-auth style, Auth.js builds that redirect (and receives the
 * callback at `/api/auth/callback/nomos`); the `returnTo` check and the rate
 * limit stay here for both styles.
 */
export async function startLogin(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const returnTo = returnToPath(params.get('returnTo'), config.appUrl);
  const flowParam = params.get('flow');
  const flow = flowParam === 'login' || flowParam === 'signup' ? flowParam : undefined;

  let authorizationEndpoint: string | undefined;
  try {
    authorizationEndpoint = (await getAuthorizationServer()).authorization_endpoint;
  } catch (error) {
    const requestId = error instanceof NomosError ? error.requestId : undefined;
    return NextResponse.redirect(new URL(authErrorPath('unavailable', requestId), config.appUrl), 303);
  }
  if (!authorizationEndpoint) throw new Error('The Nomos metadata names no authorization_endpoint');

  if (config.authStyle === 'next-auth') {
    // Auth.js makes the PKCE verifier and state and keeps them in its own cookies (loaded in this style only).
    const { startNextAuthSignIn } = await import('@/lib/auth/next-auth/auth');
    const { redirect, cookies } = await startNextAuthSignIn(returnTo, flow, request.headers.get('cookie'));
    if (!redirect) throw new Error('Auth.js gave no sign-in redirect');
    const response = NextResponse.redirect(redirect, 303);
    response.headers.set('Cache-Control', 'no-store');
    for (const cookie of cookies) response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  }

  const { transaction, codeChallenge } = await createLoginTransaction(returnTo);
  const url = new URL(authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.nomos.clientId,
    redirect_uri: config.nomos.redirectUri,
    scope: config.nomos.scope,
    state: transaction.state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    ...(flow ? { flow_type: flow } : {}),
  }).toString();

  const response = NextResponse.redirect(url, 303);
  response.headers.set('Cache-Control', 'no-store');
  response.cookies.set(transactionCookie.name, await transactionCookie.seal(transaction), transactionCookie.options);
  return response;
}
