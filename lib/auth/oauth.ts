import 'server-only';

import * as oauth from 'oauth4webapi';
import { z } from 'zod';

import { now } from '@/lib/clock';
import { config } from '@/lib/config';
import {
  NomosError,
  OUTCOME_UNKNOWN,
  UNUSABLE_TOKEN_RESPONSE,
  nomosErrorFromBody,
  nomosErrorFromException,
} from '@/lib/nomos/errors';
import { fetchWithRetry, fetchWithoutReplay } from '@/lib/nomos/http';

import type { Tokens } from '@/lib/auth/session/session-data';

/**
 * Protocol mechanics come from oauth4webapi: discovery, PKCE, validation of
 * the authorization response (state, RFC 9207 `iss`) and of token responses.
 * Nomos lists only `client_secret_basic`; oauth4webapi's default would be
 * `client_secret_post`, so the client authentication is set explicitly.
 */
export const client: oauth.Client = { client_id: config.nomos.clientId };
export const clientAuth = oauth.ClientSecretBasic(config.nomos.clientSecret);

export const httpOptions = {
  // Plain HTTP is only ever allowed for the sandbox on this machine.
  [oauth.allowInsecureRequests]: config.nomos.allowInsecureHttp,
  [oauth.customFetch]: (url: string, init: RequestInit) => fetchWithRetry(url, init),
};

/** The token endpoint: never repeated once a call may have reached Nomos (see `fetchWithoutReplay`). */
export const tokenHttpOptions = {
  ...httpOptions,
  [oauth.customFetch]: (url: string, init: RequestInit) => fetchWithoutReplay(url, init),
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

/**
 * What RFC 6749 §5.1 promises of a successful token response, beyond what
 * oauth4webapi already checked: `expires_in` is only recommended, `scope`
 * may be left out when it is what was asked for, and a refresh response
 * may keep the old refresh token by not sending a new one (§6).
 */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/**
 * When Nomos states no lifetime, the app cannot know when the access token
 * ends; it assumes Nomos' documented hour and, should the token end
 * earlier, Nomos answers 401 and the person is asked to try again.
 */
export const ASSUMED_LIFETIME_SECONDS = 3_600;

function toTokens(
  result: oauth.TokenEndpointResponse,
  obtainedAt: number,
  previous: { refreshToken?: string; scope: string },
): Tokens {
  const tokens = tokenResponseSchema.parse(result);
  const refreshToken = tokens.refresh_token ?? previous.refreshToken;
  if (!refreshToken) throw new Error('the response carries no refresh_token, so the connection could not be kept');
  return {
    accessToken: tokens.access_token,
    refreshToken,
    expiresAt: obtainedAt + (tokens.expires_in ?? ASSUMED_LIFETIME_SECONDS) * 1000,
    obtainedAt,
    scope: tokens.scope ?? previous.scope,
  };
}

/** Turns every failure at the token endpoint into a NomosError of the right kind. */
export async function tokenRequest(
  context: string,
  previous: { refreshToken?: string; scope: string },
  send: (as: oauth.AuthorizationServer) => Promise<Response>,
  process: (as: oauth.AuthorizationServer, response: Response) => Promise<oauth.TokenEndpointResponse>,
): Promise<Tokens> {
  const as = await getAuthorizationServer();
  const obtainedAt = now();
  let response: Response;
  try {
    response = await send(as);
  } catch (error) {
    // Timed out or dropped after sending: Nomos may have processed it.
    const failure = nomosErrorFromException(error, context);
    throw new NomosError('unavailable', `${context}: Nomos did not answer, and may have processed the request`, {
      ...failure.details,
      code: OUTCOME_UNKNOWN,
    });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const error = nomosErrorFromBody(response, body, context);
    // Nomos answers a dead grant with 401 UNAUTHORIZED (already `connection-ended`);
    // RFC 6749 §5.2 servers say `invalid_grant` with 400.
    const invalidGrant = typeof body === 'object' && body !== null && 'error' in body && body.error === 'invalid_grant';
    if (invalidGrant) throw new NomosError('connection-ended', error.message, error.details);
    // 500, 502 and 504 come after the request reached Nomos: it may have rotated the token.
    const ambiguous = error.details.status !== undefined && [500, 502, 504].includes(error.details.status);
    throw ambiguous ? new NomosError('unavailable', error.message, { ...error.details, code: OUTCOME_UNKNOWN }) : error;
  }
  try {
    return toTokens(await process(as, response), obtainedAt, previous);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NomosError(
      'rejected',
      `${context}: Nomos answered, but with a token response this app cannot use (${reason})`,
      {
        cause: error,
        code: UNUSABLE_TOKEN_RESPONSE,
      },
    );
  }
}

/**
 * Redeems a refresh token. Nomos rotates refresh tokens on every use: the
 * returned `refreshToken` MUST replace the old one, which is dead from now on.
 * Call it only through `lib/auth/refresh.ts`, which makes sure a token is
 * never presented twice.
 */
export function redeemRefreshToken(refreshToken: string, scope: string): Promise<Tokens> {
  return tokenRequest(
    'Renewing your Nomos connection',
    { refreshToken, scope },
    (as) => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, tokenHttpOptions),
    (as, response) => oauth.processRefreshTokenResponse(as, client, response),
  );
}
