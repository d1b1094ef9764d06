/**
 * GET /oauth/authorize and the three hosted screens (e-mail, one-time code,
 * consent). The pending request lives in server memory under a random id
 * carried in a hidden field rather than a cookie, so the journey also works
 * when the app and the sandbox are on different sites.
 */
import { randomInt } from 'node:crypto';
import { badRequest, NomosHttpError, readFields, redirect, sendError, type RequestContext } from '../http';
import { codeScreen, consentScreen, emailScreen, errorScreen, sendPage } from '../pages/html';
import type { SandboxState } from '../state';
import { DEMO_EMAILS, type Client } from '../store';
import { CODE_TTL_MS, randomToken } from './grants';
import type { PendingAuthorization } from './pending';
import { CUSTOMER_SCOPE } from './token-endpoint';

const MAX_CODE_ATTEMPTS = 5;
const PENDING_TTL_MS = 30 * 60_000;
/** How long wrong codes count against an e-mail address. */
const CODE_FAILURE_WINDOW_MS = PENDING_TTL_MS;

/** Nomos accepts any redirect_uri under a registered origin (sub-paths included). */
export function isRegisteredRedirect(client: Client, redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.hash || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return client.origins.includes(url.origin);
}

function wantsJson(ctx: RequestContext): boolean {
  return (ctx.req.headers.accept ?? '').includes('application/json');
}

/** Before the redirect_uri is trusted we must never redirect: answer here. */
function untrustedError(ctx: RequestContext, message: string): void {
  const error = badRequest(message);
  if (wantsJson(ctx)) return sendError(ctx, error);
  sendPage(ctx.res, 400, 'Authorization error', errorScreen('This link cannot be used', message, ctx.requestId));
}

function redirectWith(
  ctx: RequestContext,
  redirectUri: string,
  params: Record<string, string | null>,
  status = 302,
): void {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  redirect(ctx, url.toString(), status);
}

export function handleAuthorize(ctx: RequestContext, state: SandboxState): void {
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client) return untrustedError(ctx, `Unknown client_id '${clientId ?? ''}'.`);
  if (!redirectUri || !isRegisteredRedirect(client, redirectUri)) {
    return untrustedError(ctx, `redirect_uri '${redirectUri ?? ''}' is not registered for client '${client.id}'.`);
  }
  const oauthState = q.get('state');
  // From here on the redirect_uri is trusted: report errors to the client (RFC 6749 §4.1.2.1).
  const fail = (error: string, description: string) =>
    redirectWith(ctx, redirectUri, { error, error_description: description, state: oauthState });
  const responseType = q.get('response_type');
  if (responseType !== 'code')
    return fail(responseType ? 'unsupported_response_type' : 'invalid_request', "response_type must be 'code'");
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256' && method !== 'plain')
    return fail('invalid_request', "code_challenge_method must be 'S256' or 'plain'");
  if (q.has('code_challenge_method') && !challenge)
    return fail('invalid_request', 'code_challenge_method without code_challenge');
  if (challenge !== null) {
    const valid =
      method === 'S256' ? /^[A-Za-z0-9_-]{43}$/.test(challenge) : /^[A-Za-z0-9\-._~]{43,128}$/.test(challenge);
    if (!valid) return fail('invalid_request', 'code_challenge is malformed');
  }
  const flowType = q.get('flow_type');
  if (flowType !== null && flowType !== 'login' && flowType !== 'signup')
    return fail('invalid_request', "flow_type must be 'login' or 'signup'");

  const pending: PendingAuthorization = {
    id: randomToken(18),
    client,
    redirectUri,
    state: oauthState,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    flowType,
    email: null,
    customerId: null,
    attempts: 0,
    verified: false,
    expiresAt: state.clock.now() + PENDING_TTL_MS,
  };
  state.pending.set(pending.id, pending);
  renderEmail(ctx, state, pending, 200);
}

function renderEmail(
  ctx: RequestContext,
  state: SandboxState,
  pending: PendingAuthorization,
  status: number,
  error?: string,
): void {
  sendPage(
    ctx.res,
    status,
    'Sign in',
    emailScreen({
      requestId: pending.id,
      clientName: pending.client.name,
      error,
      demoEmails: DEMO_EMAILS,
      signup: pending.flowType === 'signup',
    }),
  );
}

function renderCode(
  ctx: RequestContext,
  state: SandboxState,
  pending: PendingAuthorization,
  status: number,
  error?: string,
): void {
  const email = pending.email ?? '';
  // flow_type=login redirects straight from this form, so allow the client's origin.
  sendPage(
    ctx.res,
    status,
    'Enter code',
    codeScreen({ requestId: pending.id, email, code: state.inbox.get(email)?.code ?? '', error }),
    [new URL(pending.redirectUri).origin],
  );
}

function loadPending(state: SandboxState, fields: Record<string, string>): PendingAuthorization {
  const pending = state.pending.get(fields.request ?? '');
  if (!pending || state.clock.now() >= pending.expiresAt) {
    throw new NomosHttpError(
      400,
      'BAD_REQUEST',
      'This sign-in request has expired or is unknown. Start again from the application.',
    );
  }
  return pending;
}

/** Wrong codes for this address in the current window, across every pending request. */
function codeFailures(state: SandboxState, email: string): number {
  const entry = state.codeFailures.get(email);
  if (!entry) return 0;
  if (state.clock.now() - entry.firstAt >= CODE_FAILURE_WINDOW_MS) {
    state.codeFailures.delete(email);
    return 0;
  }
  return entry.count;
}

function recordCodeFailure(state: SandboxState, email: string): number {
  const count = codeFailures(state, email) + 1;
  state.codeFailures.set(email, { count, firstAt: state.codeFailures.get(email)?.firstAt ?? state.clock.now() });
  return count;
}

function findCustomerId(state: SandboxState, email: string): string | null {
  for (const customer of state.store.customers.values()) if (customer.email === email) return customer.id;
  return null;
}

/** Ends the journey: mint the single-use code and go back to the client. */
function approve(ctx: RequestContext, state: SandboxState, pending: PendingAuthorization): void {
  state.pending.delete(pending.id);
  const code = randomToken(24);
  state.auth.codes.set(code, {
    code,
    clientId: pending.client.id,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    customerId: pending.customerId ?? '',
    scope: CUSTOMER_SCOPE,
    expiresAt: state.clock.now() + CODE_TTL_MS,
    redeemedGrantId: null,
    used: false,
  });
  redirectWith(ctx, pending.redirectUri, { code, state: pending.state }, 303);
}

export async function handleJourneyStep(ctx: RequestContext, state: SandboxState, step: string): Promise<void> {
  if (ctx.req.method !== 'POST') throw new NomosHttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST');
  const fields = await readFields(ctx.req);
  let pending: PendingAuthorization;
  try {
    pending = loadPending(state, fields);
  } catch (error) {
    if (!(error instanceof NomosHttpError)) throw error;
    return sendPage(ctx.res, 400, 'Expired', errorScreen('Sign-in expired', error.message, ctx.requestId));
  }
  const formTargets = [new URL(pending.redirectUri).origin];

  if (step === 'email') {
    const email = (fields.email ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return renderEmail(ctx, state, pending, 400, 'Enter a valid e-mail address.');
    const customerId = findCustomerId(state, email);
    if (!customerId && pending.flowType !== 'signup') {
      return renderEmail(ctx, state, pending, 400, 'There is no Nomos contract for this e-mail address.');
    }
    // Neither this request's count nor the address's is reset here: otherwise re-sending
    // the e-mail, or starting a new request, would buy another five guesses.
    if (codeFailures(state, email) >= MAX_CODE_ATTEMPTS) {
      return renderEmail(
        ctx,
        state,
        pending,
        400,
        'The code for this address was wrong too often. Try again in 30 minutes.',
      );
    }
    pending.email = email;
    pending.customerId = customerId;
    state.inbox.set(email, {
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      sentAt: new Date(state.clock.now()).toISOString(),
    });
    return renderCode(ctx, state, pending, 200);
  }

  if (step === 'code') {
    if (!pending.email) return renderEmail(ctx, state, pending, 400, 'Enter your e-mail address first.');
    const expected = state.inbox.get(pending.email)?.code;
    if (!expected || fields.code?.trim() !== expected) {
      pending.attempts += 1;
      const used = Math.max(pending.attempts, recordCodeFailure(state, pending.email));
      if (used >= MAX_CODE_ATTEMPTS) {
        state.pending.delete(pending.id);
        state.inbox.delete(pending.email);
        return sendPage(
          ctx.res,
          400,
          'Too many attempts',
          errorScreen(
            'Too many attempts',
            'The code was wrong too often. Start again from the application.',
            ctx.requestId,
          ),
        );
      }
      const left = MAX_CODE_ATTEMPTS - used;
      return renderCode(
        ctx,
        state,
        pending,
        400,
        `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`,
      );
    }
    state.inbox.delete(pending.email);
    state.codeFailures.delete(pending.email);
    pending.verified = true;
    if (!pending.customerId) {
      // flow_type=signup: a new customer without a subscription.
      const id = `cus_${randomToken(9)}`;
      const local = pending.email.split('@')[0] ?? 'new';
      state.store.customers.set(id, {
        id,
        firstName: local,
        lastName: 'Sandbox',
        email: pending.email,
        createdAt: new Date(state.clock.now()).toISOString(),
      });
      pending.customerId = id;
    }
    if (pending.flowType === 'login') return approve(ctx, state, pending);
    return sendPage(
      ctx.res,
      200,
      'Consent',
      consentScreen({
        requestId: pending.id,
        clientName: pending.client.name,
        email: pending.email,
        scopeLines: [
          'Read your subscriptions and contract details',
          'Read your electricity prices',
          'Read your smart-meter usage',
        ],
      }),
      formTargets,
    );
  }

  if (step === 'consent') {
    if (!pending.verified) return renderEmail(ctx, state, pending, 400, 'Sign in first.');
    if (fields.decision === 'allow') return approve(ctx, state, pending);
    state.pending.delete(pending.id);
    return redirectWith(
      ctx,
      pending.redirectUri,
      { error: 'access_denied', error_description: 'The customer denied access', state: pending.state },
      303,
    );
  }
  throw new NomosHttpError(404, 'NOT_FOUND', 'Not found');
}
