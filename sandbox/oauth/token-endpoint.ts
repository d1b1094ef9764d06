/**
 * POST /oauth/token. Client authentication is HTTP Basic only, the single
 * method Nomos publishes. Errors use the Nomos envelope; the message starts
 * with the RFC 6749 error name so integrators can still tell them apart.
 */
import type { ApiTokenResponse } from '../../lib/nomos/schemas';
import { badRequest, NomosHttpError, readFields, sendJson, unauthorized, type RequestContext } from '../http';
import type { SandboxState } from '../state';
import { ORGANISATION_ID, type Client } from '../store';
import { authenticateClient } from './client-auth';
import { createGrant, randomToken, REFRESH_TTL_MS, revokeGrant, type Grant } from './grants';
import { signJwt } from './jwt';
import type { OmittableTokenField } from './omittable-token-fields';
import { challengeMatches, PKCE_VERIFIER_PATTERN } from './pkce';

export const CUSTOMER_SCOPE = 'read:*';
export const ORGANISATION_SCOPE = 'read:* write:*';

type TokenBody = Omit<ApiTokenResponse, OmittableTokenField> & Partial<Pick<ApiTokenResponse, OmittableTokenField>>;

function issueTokens(ctx: RequestContext, state: SandboxState, grant: Grant, withRefreshToken = true): TokenBody {
  const now = state.clock.now();
  const iat = Math.floor(now / 1000);
  const accessToken = signJwt(
    {
      iss: ctx.baseUrl,
      sub: grant.customerId ?? ORGANISATION_ID,
      aud: ctx.baseUrl,
      client_id: grant.clientId,
      scope: grant.scope,
      gid: grant.id,
      jti: randomToken(12),
      iat,
      exp: iat + state.accessTokenTtl,
    },
    state.signingKey,
  );
  state.auth.accessTokens.set(accessToken, grant.id);
  const body: TokenBody = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: state.accessTokenTtl,
    scope: grant.scope,
  };
  if (withRefreshToken) {
    const refreshToken = randomToken(32);
    state.auth.refreshTokens.set(refreshToken, {
      token: refreshToken,
      grantId: grant.id,
      expiresAt: now + REFRESH_TTL_MS,
      used: false,
    });
    body.refresh_token = refreshToken;
  }
  return body;
}

function required(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (!value) throw badRequest(`invalid_request: '${name}' is required`);
  return value;
}

function redeemCode(
  ctx: RequestContext,
  state: SandboxState,
  client: Client,
  fields: Record<string, string>,
): TokenBody {
  const code = state.auth.codes.get(required(fields, 'code'));
  if (!code || code.clientId !== client.id) throw badRequest('invalid_grant: unknown authorization code');
  if (code.used) {
    // RFC 6749 §4.1.2: a replayed code means it leaked; revoke what it produced.
    if (code.redeemedGrantId) revokeGrant(state.auth, code.redeemedGrantId);
    throw badRequest('invalid_grant: authorization code already used; the tokens it issued are revoked');
  }
  if (state.clock.now() >= code.expiresAt) throw badRequest('invalid_grant: authorization code expired');
  if (fields.redirect_uri !== code.redirectUri)
    throw badRequest('invalid_grant: redirect_uri does not match the authorization request');
  const verifier = fields.code_verifier;
  if (code.codeChallenge !== null) {
    if (!verifier) throw badRequest("invalid_grant: 'code_verifier' is required (PKCE was used)");
    if (!PKCE_VERIFIER_PATTERN.test(verifier))
      throw badRequest('invalid_grant: code_verifier must be 43–128 characters of [A-Za-z0-9-._~]');
    if (!challengeMatches(verifier, code.codeChallenge, code.codeChallengeMethod))
      throw badRequest('invalid_grant: PKCE verification failed');
  } else if (verifier) {
    throw badRequest('invalid_grant: code_verifier sent but the authorization request had no code_challenge');
  }
  code.used = true;
  const grant = createGrant(state.auth, client.id, code.customerId, code.scope);
  code.redeemedGrantId = grant.id;
  state.stats.grants.authorization_code += 1;
  return issueTokens(ctx, state, grant);
}

function rotateRefresh(
  ctx: RequestContext,
  state: SandboxState,
  client: Client,
  fields: Record<string, string>,
): TokenBody {
  const presented = state.auth.refreshTokens.get(required(fields, 'refresh_token'));
  if (!presented) throw unauthorized('invalid_grant: unknown refresh token');
  const grant = state.auth.grants.get(presented.grantId);
  if (!grant || grant.clientId !== client.id) throw unauthorized('invalid_grant: unknown refresh token');
  if (grant.revoked)
    throw unauthorized('invalid_grant: access was revoked; send the customer through /oauth/authorize again');
  if (presented.used) {
    // RFC 9700 §4.14: a rotated token coming back means two parties hold it. Kill the family.
    revokeGrant(state.auth, grant.id);
    state.stats.refresh_reuse_detected += 1;
    throw unauthorized('invalid_grant: refresh token already used; the whole grant is revoked');
  }
  if (state.clock.now() >= presented.expiresAt) throw unauthorized('invalid_grant: refresh token expired');
  const omit = state.tokenResponseOmit;
  // Without a new refresh token the client keeps the presented one (RFC 6749 §6), so it stays valid and is no reuse next time.
  const rotate = !omit.has('refresh_token');
  if (rotate) presented.used = true;
  state.stats.grants.refresh_token += 1;
  const body = issueTokens(ctx, state, grant, rotate);
  // The access token still lives accessTokenTtl seconds; the response just does not say so.
  if (omit.has('expires_in')) delete body.expires_in;
  if (omit.has('scope')) delete body.scope;
  return body;
}

export async function handleToken(ctx: RequestContext, state: SandboxState): Promise<void> {
  if (ctx.req.method !== 'POST') throw new NomosHttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST');
  const fields = await readFields(ctx.req);
  const client = authenticateClient(ctx, state);
  let body: TokenBody;
  switch (fields.grant_type) {
    case 'authorization_code':
      body = redeemCode(ctx, state, client, fields);
      break;
    case 'refresh_token':
      body = rotateRefresh(ctx, state, client, fields);
      break;
    case 'client_credentials': {
      const grant = createGrant(state.auth, client.id, null, ORGANISATION_SCOPE);
      state.stats.grants.client_credentials += 1;
      body = issueTokens(ctx, state, grant);
      break;
    }
    case undefined:
    case '':
      throw badRequest("invalid_request: 'grant_type' is required");
    default:
      throw badRequest(`unsupported_grant_type: '${fields.grant_type}'`);
  }
  sendJson(ctx, 200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
