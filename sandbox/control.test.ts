import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nomosErrorSchema } from '../lib/nomos/schemas';
import type { Sandbox } from './server';
import { control, rawRequest, startSandbox } from './test-helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
  // State a reset would wipe, to prove that a refused request changed nothing.
  await control(sandbox, 'POST', 'clock', { now: '2026-03-29T10:00:00Z' });
});

const clockIsStillSet = async () =>
  ((await (await control(sandbox, 'GET', 'clock')).json()) as { overridden: boolean }).overridden;

const json = { 'content-type': 'application/json' };

describe('test controls answer only this machine', () => {
  it.each([
    ['POST', 'reset', 'evil.example'],
    ['POST', 'reset', 'evil.example:4000'],
    ['POST', 'reset', '127.0.0.1.nip.io'],
    ['GET', 'tokens?email=anna@example.com', 'evil.example'],
    ['GET', 'inbox?email=anna@example.com', 'evil.example'],
    ['GET', 'stats', '10.0.0.5'],
  ])('refuses %s /__sandbox/%s with Host %j: 403 and the error envelope', async (method, path, host) => {
    const response = await rawRequest(
      sandbox,
      method,
      `/__sandbox/${path}`,
      { ...json, host },
      method === 'POST' ? '{}' : undefined,
    );
    expect(response.status).toBe(403);
    const body = nomosErrorSchema.parse(JSON.parse(response.text));
    expect(body.code).toBe('FORBIDDEN');
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(await clockIsStillSet()).toBe(true);
  });

  it.each(['localhost', `localhost:4000`, '127.0.0.1', '127.0.0.2:1', '[::1]:4000'])(
    'accepts Host %j',
    async (host) => {
      const response = await rawRequest(sandbox, 'GET', '/__sandbox/stats', { host });
      expect(response.status).toBe(200);
    },
  );

  it('does not apply the Host rule to the OAuth and API routes, which real Nomos serves to anyone', async () => {
    const response = await rawRequest(sandbox, 'GET', '/.well-known/oauth-authorization-server', {
      host: 'evil.example',
    });
    expect(response.status).toBe(200);
  });
});

describe('test controls that change state take only JSON', () => {
  it.each([
    ['POST', 'reset', 'text/plain'],
    ['POST', 'reset', 'text/plain;charset=UTF-8'],
    ['POST', 'reset', 'application/x-www-form-urlencoded'],
    ['POST', 'reset', 'multipart/form-data; boundary=x'],
    ['POST', 'reset', undefined],
    ['POST', 'clock', 'text/plain'],
    ['POST', 'revoke', 'text/plain'],
    ['DELETE', 'faults', undefined],
  ])('refuses %s /__sandbox/%s with content-type %j: 415', async (method, path, type) => {
    const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
    const response = await rawRequest(
      sandbox,
      method,
      `/__sandbox/${path}`,
      headers,
      method === 'POST' ? '{"now":null}' : undefined,
    );
    expect(response.status).toBe(415);
    expect(nomosErrorSchema.parse(JSON.parse(response.text)).message).toContain('application/json');
    expect(await clockIsStillSet()).toBe(true);
  });

  it('resets with application/json, with or without a body', async () => {
    expect(
      (await rawRequest(sandbox, 'POST', '/__sandbox/reset', { 'content-type': 'application/json; charset=utf-8' }))
        .status,
    ).toBe(200);
    expect(await clockIsStillSet()).toBe(false);
  });
});
