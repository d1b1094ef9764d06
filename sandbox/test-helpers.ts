/** Drives the sandbox over HTTP the way the app and a browser would; used by the tests only. */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tokenResponseSchema, type ApiTokenResponse } from '../lib/nomos/schemas';
import { createSandbox, type Sandbox, type SandboxOptions } from './server';

export const REDIRECT_URI = 'http://localhost:3000/auth/callback';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({ port: 0, log: false, ...options });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const basicAuth = (id = 'hems-demo', secret = 'hems-demo-secret') =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export function authorizeUrl(sandbox: Sandbox, params: Record<string, string>): string {
  const url = new URL('/oauth/authorize', sandbox.url);
  const defaults = {
    response_type: 'code',
    client_id: 'hems-demo',
    redirect_uri: REDIRECT_URI,
    state: 'st-123',
    scope: 'read:*',
  };
  for (const [k, v] of Object.entries({ ...defaults, ...params })) url.searchParams.set(k, v);
  return url.toString();
}

export const hiddenRequestId = (html: string) => /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';

export async function postForm(sandbox: Sandbox, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(new URL(path, sandbox.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Walks e-mail → code → consent and returns the final redirect. */
export async function runJourney(
  sandbox: Sandbox,
  email: string,
  params: Record<string, string> = {},
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const page = await fetch(authorizeUrl(sandbox, params), { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}`);
  const request = hiddenRequestId(await page.text());
  const codePage = await postForm(sandbox, '/oauth/authorize/email', { request, email });
  if (codePage.status !== 200) throw new Error(`email step answered ${codePage.status}`);
  const inbox = (await (
    await fetch(new URL(`/__sandbox/inbox?email=${encodeURIComponent(email)}`, sandbox.url))
  ).json()) as { code: string };
  const verified = await postForm(sandbox, '/oauth/authorize/code', { request, code: inbox.code });
  if (verified.status === 303) return new URL(verified.headers.get('location') ?? '');
  const consent = await postForm(sandbox, '/oauth/authorize/consent', { request, decision });
  return new URL(consent.headers.get('location') ?? '');
}

export async function tokenRequest(
  sandbox: Sandbox,
  fields: Record<string, string>,
  auth = basicAuth(),
): Promise<Response> {
  return fetch(new URL('/oauth/token', sandbox.url), {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Full authorization-code flow with S256 PKCE; returns the token response. */
export async function customerTokens(sandbox: Sandbox, email: string): Promise<ApiTokenResponse> {
  const { verifier, challenge } = pkcePair();
  const callback = await runJourney(sandbox, email, { code_challenge: challenge, code_challenge_method: 'S256' });
  const response = await tokenRequest(sandbox, {
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code') ?? '',
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  if (response.status !== 200) throw new Error(`token answered ${response.status}: ${await response.text()}`);
  return tokenResponseSchema.parse(await response.json());
}

export async function organisationToken(sandbox: Sandbox): Promise<ApiTokenResponse> {
  const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' });
  return tokenResponseSchema.parse(await response.json());
}

export async function api(
  sandbox: Sandbox,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL(path, sandbox.url), { headers: { authorization: `Bearer ${token}`, ...headers } });
}

export async function control(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(`/__sandbox/${path}`, sandbox.url), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A request with full control over the headers, `Host` included, which
 * fetch does not allow to forge.
 */
export function rawRequest(
  sandbox: Sandbox,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, sandbox.url);
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
