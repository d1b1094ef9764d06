/**
 * POST /oauth/revoke (RFC 7009), only with SANDBOX_REVOCATION_ENDPOINT=1:
 * real Nomos publishes no revocation endpoint, so by default the sandbox has
 * none either, and an app must not count on one.
 */
import { badRequest, NomosHttpError, readFields, type RequestContext } from '../http';
import type { SandboxState } from '../state';
import { authenticateClient } from './client-auth';
import { revokeGrant } from './grants';

function grantOf(state: SandboxState, token: string): string | undefined {
  return state.auth.refreshTokens.get(token)?.grantId ?? state.auth.accessTokens.get(token);
}

export async function handleRevoke(ctx: RequestContext, state: SandboxState): Promise<void> {
  if (ctx.req.method !== 'POST') throw new NomosHttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST');
  const fields = await readFields(ctx.req);
  const client = authenticateClient(ctx, state);
  const token = fields.token;
  if (!token) throw badRequest("invalid_request: 'token' is required");
  // token_type_hint only speeds up the lookup (RFC 7009 §2.1); both kinds are searched anyway.
  const grant = state.auth.grants.get(grantOf(state, token) ?? '');
  // Another client's token is left alone and answered like an unknown one, which reveals nothing about it.
  if (grant && grant.clientId === client.id && !grant.revoked) {
    // The whole grant: revoking one token of a rotation family must not leave its siblings usable.
    revokeGrant(state.auth, grant.id);
    state.stats.revocations += 1;
  }
  // §2.2: 200 also for unknown or already revoked tokens, since the client cannot act on the difference.
  ctx.res.writeHead(200, { 'cache-control': 'no-store' });
  ctx.res.end();
}
