/**
 * What the authorization server has issued. A grant is one consent (or one
 * client_credentials exchange); its refresh tokens form a rotation family so
 * that a replayed one can revoke everything descended from it (RFC 9700 §4.14).
 */
import { randomBytes } from 'node:crypto';
import type { ChallengeMethod } from './pkce';

export const CODE_TTL_MS = 10 * 60_000;
/** Not published by Nomos; long enough for demos, short enough to be finite. */
export const REFRESH_TTL_MS = 30 * 86_400_000;

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export type Grant = {
  id: string;
  clientId: string;
  /** Customer id, or null for an organisation (client_credentials) grant. */
  customerId: string | null;
  scope: string;
  revoked: boolean;
};

export type AuthorizationCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: ChallengeMethod;
  customerId: string;
  scope: string;
  expiresAt: number;
  /** Set on first redemption, so a replay can revoke what it produced. */
  redeemedGrantId: string | null;
  used: boolean;
};

export type RefreshToken = { token: string; grantId: string; expiresAt: number; used: boolean };

export type GrantStore = {
  grants: Map<string, Grant>;
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshToken>;
  /** Issued access tokens → grant id, for revocation (RFC 7009) and so tests can look for leaks (/__sandbox/tokens). */
  accessTokens: Map<string, string>;
  /** Access tokens ended before their time (/__sandbox/expire-access-tokens); their grants and refresh tokens live on. */
  endedAccessTokens: Set<string>;
};

export const createGrantStore = (): GrantStore => ({
  grants: new Map(),
  codes: new Map(),
  refreshTokens: new Map(),
  accessTokens: new Map(),
  endedAccessTokens: new Set(),
});

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function createGrant(store: GrantStore, clientId: string, customerId: string | null, scope: string): Grant {
  const grant: Grant = { id: `gr_${randomToken(12)}`, clientId, customerId, scope, revoked: false };
  store.grants.set(grant.id, grant);
  return grant;
}

export function revokeGrant(store: GrantStore, grantId: string): void {
  const grant = store.grants.get(grantId);
  if (grant) grant.revoked = true;
  for (const refresh of store.refreshTokens.values()) if (refresh.grantId === grantId) refresh.used = true;
}
