import 'server-only';

import * as oauth from 'oauth4webapi';

import { nomosErrorFromException } from '@/lib/nomos/errors';

import { client, clientAuth, getAuthorizationServer, httpOptions } from '@/lib/auth/oauth';

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
