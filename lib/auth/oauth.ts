import 'server-only';

import * as oauth from 'oauth4webapi';

import { config } from '@/lib/config';
import { NomosError, nomosErrorFromBody, nomosErrorFromException } from '@/lib/nomos/errors';
import { fetchWithRetry } from '@/lib/nomos/http';
import { tokenResponseSchema } from '@/lib/nomos/schemas';

/**
 * Protocol mechanics come from oauth4webapi: discovery, PKCE, validation of
 * the authorization response (state, RFC 9207 `iss`) and of token responses.
 * Nomos lists only `client_secret_basic`; oauth4webapi's default would be
 * `client_secret_post`, so the client authentication is set explicitly.
 */
export const client: oauth.Client = { client_id: config.nomos.clientId };
export const clientAuth = oauth.ClientSecretBasic(config.nomos.clientSecret);

const httpOptions = {
  // Plain HTTP is only ever allowed for the sandbox on this machine.
  [oauth.allowInsecureRequests]: config.nomos.allowInsecureHttp,
  [oauth.customFetch]: (url: string, init: RequestInit) => fetchWithRetry(url, init),
};

let metadata: Promise<oauth.AuthorizationServer> | undefined;

/** The issuer's RFC 8414 metadata, fetched once per process. A failed fetch is retried on next use. */
export function getAuthorizationServer(): Promise<oauth.AuthorizationServer> {
  metadata ??= (async () => {
    const issuer = new URL(config.nomos.issuer);
    try {
      const response = await oauth.discoveryRequest(issuer, { ...httpOptions, algorithm: 'oauth2' });
      return await oauth.processDiscoveryResponse(issuer, response);
    } catch (error) {
      metadata = undefined;
      throw nomosErrorFromException(error, 'Reading the Nomos sign-in configuration');
    }
  })();
  return metadata;
}

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** Epoch ms when it was obtained; with expiresAt, gives its lifetime. */
  obtainedAt: number;
  scope: string;
};

function toTokenSet(result: oauth.TokenEndpointResponse, obtainedAt: number): TokenSet {
  // oauth4webapi checked the OAuth shape (and lower-cased `token_type`);
  // zod pins the fields this app relies on, a refresh token above all.
  const tokens = tokenResponseSchema.omit({ token_type: true }).parse(result);
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: obtainedAt + tokens.expires_in * 1000,
    obtainedAt,
    scope: tokens.scope,
  };
}

/** Turns every failure at the token endpoint into a NomosError of the right kind. */
async function tokenRequest(
  context: string,
  send: (as: oauth.AuthorizationServer) => Promise<Response>,
  process: (as: oauth.AuthorizationServer, response: Response) => Promise<oauth.TokenEndpointResponse>,
): Promise<TokenSet> {
  const as = await getAuthorizationServer();
  const obtainedAt = Date.now();
  let response: Response;
  try {
    response = await send(as);
  } catch (error) {
    throw nomosErrorFromException(error, context);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const error = nomosErrorFromBody(response, body, context);
    // Nomos answers a dead grant with 401 UNAUTHORIZED (already `connection-ended`);
    // RFC 6749 §5.2 servers say `invalid_grant` with 400.
    const invalidGrant = typeof body === 'object' && body !== null && 'error' in body && body.error === 'invalid_grant';
    throw invalidGrant ? new NomosError('connection-ended', error.message, error.details) : error;
  }
  try {
    return toTokenSet(await process(as, response), obtainedAt);
  } catch (error) {
    throw new NomosError('rejected', `${context}: Nomos sent a token response this app cannot use`, { cause: error });
  }
}

/** Exchanges an authorization code, proving possession of the PKCE verifier. */
export function exchangeCode(callbackParams: URLSearchParams, codeVerifier: string): Promise<TokenSet> {
  return tokenRequest(
    'Connecting your Nomos account',
    (as) =>
      oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        callbackParams,
        config.nomos.redirectUri,
        codeVerifier,
        httpOptions,
      ),
    (as, response) => oauth.processAuthorizationCodeResponse(as, client, response),
  );
}

/**
 * Redeems a refresh token. Nomos rotates refresh tokens on every use: the
 * returned `refreshToken` MUST replace the old one, which is dead from now on.
 * Call it only through `lib/auth/refresh.ts`, which makes sure a token is
 * never presented twice.
 */
export function redeemRefreshToken(refreshToken: string): Promise<TokenSet> {
  return tokenRequest(
    'Renewing your Nomos connection',
    (as) => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, httpOptions),
    (as, response) => oauth.processRefreshTokenResponse(as, client, response),
  );
}

/** Logout must not wait long on Nomos: the person is leaving, and the revocation list has already done the work. */
const REVOCATION_TIMEOUT_MS = 3_000;

/**
 * Revokes the grant at the authorization server (RFC 7009) with its refresh
 * token, when the server publishes a `revocation_endpoint`. Nomos publishes
 * none today; this starts working the day it does. Resolves `false` when
 * there is no endpoint; throws `NomosError` when the call failed.
 */
export async function revokeRefreshToken(refreshToken: string): Promise<boolean> {
  const as = await getAuthorizationServer();
  if (!as.revocation_endpoint) return false;
  try {
    const response = await oauth.revocationRequest(as, client, clientAuth, refreshToken, {
      ...httpOptions,
      additionalParameters: { token_type_hint: 'refresh_token' },
      // One deadline for every attempt of the retrying fetch together.
      signal: AbortSignal.timeout(REVOCATION_TIMEOUT_MS),
    });
    await oauth.processRevocationResponse(response);
    return true;
  } catch (error) {
    throw nomosErrorFromException(error, 'Revoking the Nomos grant');
  }
}
