import type { IncomingMessage, ServerResponse } from 'node:http';
import { nomosErrorStatus, type ApiErrorCode, type ApiVersion } from '../lib/nomos/schemas';

/** An answer computed but not sent yet. */
export type Reply = { status: number; body: unknown; headers: Record<string, string> };

export type RequestContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
  apiVersion: ApiVersion;
  baseUrl: string;
  /** Set while a fault waits for the request to be processed: sendJson keeps the answer here instead of sending it. */
  hold?: { reply: Reply | null };
};

/** A failure that becomes the Nomos error envelope; thrown anywhere in a handler. */
export class NomosHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'NomosHttpError';
  }
}

export const badRequest = (message: string) => new NomosHttpError(400, 'BAD_REQUEST', message);
export const unauthorized = (message: string) => new NomosHttpError(401, 'UNAUTHORIZED', message);
export const notFound = (message = 'Not found') => new NomosHttpError(404, 'NOT_FOUND', message);

/** Envelope code for a status, including the ones a fault injects (502, 503 …). */
export function codeForStatus(status: number): ApiErrorCode {
  const match = (Object.entries(nomosErrorStatus) as [ApiErrorCode, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (ctx.hold) {
    ctx.hold.reply = { status, body, headers };
    return;
  }
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  ctx.res.end(JSON.stringify(body));
}

export function sendError(ctx: RequestContext, error: NomosHttpError): void {
  sendJson(
    ctx,
    error.status,
    {
      code: error.code,
      message: error.message,
      requestId: ctx.requestId,
      docs: `https://docs.nomos.energy/api-references/errors/${error.code}`,
    },
    error.headers,
  );
}

export function redirect(ctx: RequestContext, location: string, status = 302): void {
  ctx.res.writeHead(status, { location, 'cache-control': 'no-store' });
  ctx.res.end();
}

const MAX_BODY = 64 * 1024;

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new NomosHttpError(413, 'BAD_REQUEST', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON or form-encoded body as string fields; Nomos documents both for /oauth/token. */
export async function readFields(req: IncomingMessage): Promise<Record<string, string>> {
  const text = await readText(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      throw badRequest('Request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw badRequest('Request body must be a JSON object');
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') fields[key] = value;
    return fields;
  }
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === undefined) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw badRequest(`Unsupported content-type '${type}': use application/json or application/x-www-form-urlencoded`);
}

/** Raw JSON for the /__sandbox controls. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
