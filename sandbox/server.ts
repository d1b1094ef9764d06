/**
 * The sandbox as a function, so tests run it in-process on a free port:
 * `const sandbox = await createSandbox({ port: 0, log: false })`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiVersionSchema } from '../lib/nomos/schemas';
import { handleApi } from './api/routes';
import { handleControl } from './control';
import { takeFault, type Fault } from './faults';
import { codeForStatus, NomosHttpError, sendError, sendJson, type Reply, type RequestContext } from './http';
import { handleAuthorize, handleJourneyStep } from './oauth/journey';
import { handleRevoke } from './oauth/revocation';
import { handleToken } from './oauth/token-endpoint';
import { createState, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type SandboxState } from './state';

export const DEFAULT_API_VERSION = '2026-05-27.curie';

export type SandboxOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Extra registered origins for the demo client, besides http://localhost:3000. */
  redirectOrigins?: string[];
  /** Access-token lifetime in seconds (Nomos: 3600). */
  accessTokenTtl?: number;
  /** Share of price intervals whose amount is null (0 = never). */
  nullPriceFraction?: number;
  /** Share of smart-meter quarter-hours left out of usage responses (0 = none). */
  missingUsageFraction?: number;
  /** Publish an RFC 7009 revocation endpoint, which real Nomos does not have (default off). */
  revocationEndpoint?: boolean;
  /** One line per request on stdout; off in tests. */
  log?: boolean;
  /** Real time, the base of the sandbox clock (which decides data and every lifetime); injectable for tests. */
  wallClock?: () => number;
};

export type Sandbox = {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** Direct access to the in-memory state, for tests. */
  state: SandboxState;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An injected fault's blow: drop the connection without a word, or answer its
 * status. Before processing, 429 and 503 carry `Retry-After: 1`, which tells
 * the client the request was not processed; after processing they do not, as
 * that would be a lie. False when the fault only delays.
 */
function strike(ctx: RequestContext, fault: Fault): boolean {
  if (fault.drop) {
    ctx.req.socket.destroy();
    return true;
  }
  if (fault.status === null) return false;
  const retryLater = fault.when === 'before' && (fault.status === 429 || fault.status === 503);
  const headers: Record<string, string> = retryLater ? { 'retry-after': '1' } : {};
  throw new NomosHttpError(
    fault.status,
    codeForStatus(fault.status),
    `Injected fault (sandbox): ${fault.status}`,
    headers,
  );
}

/**
 * A fault with `when: "after"`: the request is processed in full (a refresh
 * rotates, the stats count it) with its answer, or its error, held back; then,
 * after the delay, the fault strikes instead, or, with only a delay, the real
 * answer goes out late.
 */
async function processThenStrike(
  ctx: RequestContext,
  fault: Fault,
  serve: () => Promise<void>,
  held: Set<() => void>,
): Promise<void> {
  const hold: { reply: Reply | null } = { reply: null };
  let failure: NomosHttpError | null = null;
  ctx.hold = hold;
  try {
    await serve();
  } catch (error) {
    if (!(error instanceof NomosHttpError)) throw error;
    failure = error;
  } finally {
    ctx.hold = undefined;
  }
  if (fault.hold) await heldUntilReleased(held);
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  if (strike(ctx, fault)) return;
  if (failure) throw failure;
  if (!hold.reply) throw new Error('The handler answered without sendJson, so its answer could not be held');
  sendJson(ctx, hold.reply.status, hold.reply.body, hold.reply.headers);
}

/** Serves a request through its fault, if one was armed for its path: delayed, failed, or processed then failed. */
/** Waits for POST /__sandbox/faults/release, a reset, or a minute at most. */
function heldUntilReleased(held: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const release = () => {
      clearTimeout(timer);
      held.delete(release);
      resolve();
    };
    const timer = setTimeout(release, 60_000);
    held.add(release);
  });
}

async function withFault(
  ctx: RequestContext,
  fault: Fault | null,
  serve: () => Promise<void>,
  held: Set<() => void>,
): Promise<void> {
  if (fault?.when === 'after') return processThenStrike(ctx, fault, serve, held);
  if (fault) {
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (strike(ctx, fault)) return;
  }
  return serve();
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = createState({
    accessTokenTtl: options.accessTokenTtl ?? 3600,
    nullPriceFraction: options.nullPriceFraction ?? 0,
    missingUsageFraction: options.missingUsageFraction ?? 0,
    redirectOrigins: options.redirectOrigins ?? [],
    wallClock: options.wallClock ?? Date.now,
  });
  let baseUrl = '';
  const revocation = options.revocationEndpoint ?? false;

  async function handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
    const path = ctx.url.pathname;
    if (path.startsWith('/__sandbox/')) return handleControl(ctx, state, path.slice('/__sandbox/'.length));

    const version = apiVersionSchema.safeParse(req.headers['x-api-version'] ?? DEFAULT_API_VERSION);
    if (!version.success) {
      throw new NomosHttpError(
        400,
        'BAD_REQUEST',
        `invalid 'X-API-Version': supported are ${apiVersionSchema.options.join(', ')}`,
      );
    }
    ctx.apiVersion = version.data;
    res.setHeader('x-api-version', ctx.apiVersion);

    if (path === '/.well-known/oauth-authorization-server') {
      // Faults reach discovery too: a slow Nomos after an app restart.
      return withFault(ctx, takeFault(state.faults, path), async () => serveMetadata(ctx), state.held);
    }
    if (path === '/oauth/authorize' && req.method === 'GET') return handleAuthorize(ctx, state);
    if (path.startsWith('/oauth/authorize/'))
      return handleJourneyStep(ctx, state, path.slice('/oauth/authorize/'.length));

    const isToken = path === '/oauth/token';
    const isApi = /^\/(subscriptions|customers|plans)(\/|$)/.test(path);
    if (isApi) state.stats.api_requests += 1;
    const fault = isToken || isApi ? takeFault(state.faults, path) : null;
    return withFault(ctx, fault, () => route(ctx, isToken, isApi), state.held);
  }

  function serveMetadata(ctx: RequestContext): void {
    sendJson(ctx, 200, {
      issuer: baseUrl,
      authorization_endpoint: `${baseUrl}/oauth/authorize`,
      token_endpoint: `${baseUrl}/oauth/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
      code_challenge_methods_supported: ['S256', 'plain'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      ...(revocation
        ? {
            revocation_endpoint: `${baseUrl}/oauth/revoke`,
            revocation_endpoint_auth_methods_supported: ['client_secret_basic'],
          }
        : {}),
    });
  }

  async function route(ctx: RequestContext, isToken: boolean, isApi: boolean): Promise<void> {
    const path = ctx.url.pathname;
    if (isToken) return handleToken(ctx, state);
    if (revocation && path === '/oauth/revoke') return handleRevoke(ctx, state);
    if (isApi && handleApi(ctx, state)) return;
    throw new NomosHttpError(404, 'NOT_FOUND', `No route for ${ctx.req.method ?? ''} ${path}`);
  }

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    const ctx: RequestContext = {
      req,
      res,
      url: new URL(req.url ?? '/', baseUrl),
      requestId,
      apiVersion: DEFAULT_API_VERSION,
      baseUrl,
    };
    res.setHeader('x-request-id', requestId);
    if (options.log !== false) {
      // 'close' rather than 'finish', so a connection dropped by a fault is logged too.
      res.on('close', () =>
        console.log(
          `${req.method ?? '-'} ${ctx.url.pathname} ${res.writableFinished ? res.statusCode : 'dropped'} ${requestId}`,
        ),
      );
    }
    handle(req, res, ctx).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof NomosHttpError) return sendError(ctx, error);
      console.error(`sandbox: ${requestId}`, error);
      sendError(ctx, new NomosHttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal error in the sandbox'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    port: address.port,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
