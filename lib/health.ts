import 'server-only';

import { getAuthorizationServer } from '@/lib/auth/oauth';
import { getSharedStore } from '@/lib/store';

type Check = { status: 'up' | 'down'; latencyMs: number; error?: string };

export type Health = {
  status: 'ok' | 'unavailable';
  checks: {
    nomosDiscovery: Check;
    sessionStore: Check & { kind: 'memory' | 'redis' };
  };
};

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await check();
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The kind of failure only: messages may carry hosts or credentials.
    const name = error instanceof Error ? error.name : 'Error';
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: name };
  }
}

/**
 * What a load balancer needs to know: can this instance read the Nomos
 * sign-in configuration (RFC 8414 discovery, cached once it succeeded),
 * and reach the store it shares with other instances. No configuration,
 * URLs or secrets in the answer.
 */
export async function checkHealth(): Promise<Health> {
  const store = getSharedStore();
  const [nomosDiscovery, storeCheck] = await Promise.all([
    timed(() => getAuthorizationServer()),
    timed(() => store.ping()),
  ]);
  const up = nomosDiscovery.status === 'up' && storeCheck.status === 'up';
  return {
    status: up ? 'ok' : 'unavailable',
    checks: { nomosDiscovery, sessionStore: { kind: store.kind, ...storeCheck } },
  };
}
