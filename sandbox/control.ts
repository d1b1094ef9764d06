/** /__sandbox/ test controls: inbox, tokens, stats, clock, faults, token-response, revoke, expire-access-tokens, reset. Never part of the real API. */
import { z } from 'zod';
import { badRequest, NomosHttpError, notFound, readJson, sendJson, type RequestContext } from './http';
import { createFault } from './faults';
import { isLoopbackHost } from './loopback';
import { revokeGrant } from './oauth/grants';
import { verifyJwt } from './oauth/jwt';
import { OMITTABLE_TOKEN_FIELDS } from './oauth/omittable-token-fields';
import { releaseHeld, resetState, type SandboxState } from './state';
import type { Customer } from './store';

/** The longest single jump of `advance_seconds`: past a refresh token's 30 days with room to spare. */
const MAX_ADVANCE_SECONDS = 400 * 86_400;
const clockBodySchema = z.object({
  now: z.iso.datetime({ offset: true }).nullable().optional(),
  advance_seconds: z.number().positive().max(MAX_ADVANCE_SECONDS).optional(),
});
const faultBodySchema = z.object({
  path: z.string().startsWith('/'),
  status: z.number().int().min(400).max(599).optional(),
  drop: z.boolean().default(false),
  when: z.enum(['before', 'after']).default('before'),
  times: z.number().int().min(1).default(1),
  delay_ms: z.number().int().min(0).max(60_000).default(0),
  hold: z.boolean().default(false),
});
const tokenResponseBodySchema = z.object({ omit: z.array(z.enum(OMITTABLE_TOKEN_FIELDS)) });
const emailBodySchema = z.object({ email: z.string() });

function customerByEmail(state: SandboxState, raw: string): Customer {
  const email = raw.trim().toLowerCase();
  const customer = [...state.store.customers.values()].find((c) => c.email === email);
  if (!customer) throw notFound(`No customer with e-mail '${email}'`);
  return customer;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw badRequest(result.error.issues.map((i) => `invalid '${i.path.join('.')}': ${i.message}`).join('; '));
  return result.data;
}

/**
 * The controls can wipe or rewrite the sandbox, so only this machine may use
 * them. A `Host` check stops pages reaching them through DNS rebinding; a
 * JSON content type on changes stops a cross-site `text/plain` form or
 * `no-cors` fetch, which a browser sends without asking first (a JSON
 * content type from another origin needs a CORS preflight, which the
 * sandbox never grants).
 */
function guardControl(ctx: RequestContext, method: string): void {
  if (!isLoopbackHost(ctx.req.headers.host)) {
    throw new NomosHttpError(
      403,
      'FORBIDDEN',
      'The sandbox test controls answer only requests to a loopback host (localhost, 127.0.0.1, [::1])',
    );
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new NomosHttpError(
        415,
        'BAD_REQUEST',
        `Unsupported content-type '${type ?? ''}': the test controls take application/json`,
      );
    }
  }
}

export async function handleControl(ctx: RequestContext, state: SandboxState, name: string): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  guardControl(ctx, method);
  const route = `${method} ${name}`;
  switch (route) {
    case 'GET inbox': {
      const email = (ctx.url.searchParams.get('email') ?? '').trim().toLowerCase();
      const message = state.inbox.get(email);
      if (!message) throw notFound(`No code sent to '${email}'`);
      return sendJson(ctx, 200, { email, code: message.code, sent_at: message.sentAt });
    }
    case 'GET tokens': {
      // Every token ever issued to the customer, so an end-to-end test can
      // prove none of them reaches the browser.
      const customer = customerByEmail(state, ctx.url.searchParams.get('email') ?? '');
      const grantIds = new Set(
        [...state.auth.grants.values()].filter((g) => g.customerId === customer.id).map((g) => g.id),
      );
      return sendJson(ctx, 200, {
        access_tokens: [...state.auth.accessTokens]
          .filter(([, grantId]) => grantIds.has(grantId))
          .map(([token]) => token),
        refresh_tokens: [...state.auth.refreshTokens.values()]
          .filter((r) => grantIds.has(r.grantId))
          .map((r) => r.token),
      });
    }
    case 'GET stats':
      return sendJson(ctx, 200, state.stats);
    case 'GET clock':
      return sendJson(ctx, 200, {
        now: new Date(state.clock.now()).toISOString(),
        overridden: state.clock.overridden(),
      });
    case 'POST clock': {
      const body = parse(clockBodySchema, await readJson(ctx.req));
      if ((body.now === undefined) === (body.advance_seconds === undefined)) {
        throw badRequest(
          "invalid clock change: give exactly one of 'now' (an ISO instant, or null for real time) and 'advance_seconds' (seconds forward)",
        );
      }
      if (body.advance_seconds !== undefined) state.clock.advance(body.advance_seconds * 1000);
      else state.clock.set(body.now ?? null);
      return sendJson(ctx, 200, {
        now: new Date(state.clock.now()).toISOString(),
        overridden: state.clock.overridden(),
      });
    }
    case 'POST faults': {
      const body = parse(faultBodySchema, await readJson(ctx.req));
      if (body.status !== undefined && body.drop)
        throw badRequest("invalid 'drop': give a status or drop: true, not both");
      if (body.hold && body.when !== 'after') {
        throw badRequest('invalid \'hold\': an answer can only be held after processing (when: "after")');
      }
      if (body.status === undefined && !body.drop && body.delay_ms === 0 && !body.hold) {
        throw badRequest(
          "invalid 'status': give a status, drop: true, a delay_ms or hold: true (a delay combines with either)",
        );
      }
      state.faults.push(
        createFault({
          path: body.path,
          status: body.status ?? null,
          drop: body.drop,
          when: body.when,
          times: body.times,
          delayMs: body.delay_ms,
          hold: body.hold,
        }),
      );
      return sendJson(ctx, 201, { faults: state.faults.length });
    }
    case 'DELETE faults':
      state.faults = [];
      releaseHeld(state);
      return sendJson(ctx, 200, { faults: 0 });
    case 'GET faults/held':
      return sendJson(ctx, 200, { held: state.held.size });
    case 'POST faults/release':
      return sendJson(ctx, 200, { released: releaseHeld(state) });
    case 'GET token-response':
      return sendJson(ctx, 200, { omit: OMITTABLE_TOKEN_FIELDS.filter((f) => state.tokenResponseOmit.has(f)) });
    case 'POST token-response': {
      const body = parse(tokenResponseBodySchema, await readJson(ctx.req));
      state.tokenResponseOmit = new Set(body.omit);
      return sendJson(ctx, 200, { omit: OMITTABLE_TOKEN_FIELDS.filter((f) => state.tokenResponseOmit.has(f)) });
    }
    case 'POST revoke': {
      const customer = customerByEmail(state, parse(emailBodySchema, await readJson(ctx.req)).email);
      let revoked = 0;
      for (const grant of state.auth.grants.values()) {
        if (grant.customerId === customer.id && !grant.revoked) {
          revokeGrant(state.auth, grant.id);
          revoked += 1;
        }
      }
      return sendJson(ctx, 200, { revoked });
    }
    case 'POST expire-access-tokens': {
      // Ends the customer's access tokens that are still valid; grants and refresh tokens live on.
      const customer = customerByEmail(state, parse(emailBodySchema, await readJson(ctx.req)).email);
      const now = state.clock.now();
      let expired = 0;
      for (const [token, grantId] of state.auth.accessTokens) {
        const grant = state.auth.grants.get(grantId);
        if (grant?.customerId !== customer.id || grant.revoked || state.auth.endedAccessTokens.has(token)) continue;
        const claims = verifyJwt(token, state.signingKey);
        if (!claims || claims.exp * 1000 <= now) continue;
        state.auth.endedAccessTokens.add(token);
        expired += 1;
      }
      return sendJson(ctx, 200, { expired });
    }
    case 'POST reset':
      resetState(state);
      return sendJson(ctx, 200, { reset: true });
    default:
      throw new NomosHttpError(404, 'NOT_FOUND', `Unknown sandbox control '${route}'`);
  }
}
