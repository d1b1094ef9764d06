import { randomBytes } from 'node:crypto';
import { createClock, type Clock } from './clock';
import type { Fault } from './faults';
import { createGrantStore, type GrantStore } from './oauth/grants';
import type { OmittableTokenField } from './oauth/omittable-token-fields';
import type { PendingAuthorization } from './oauth/pending';
import { seedStore, type Client, type Store } from './store';

export type Stats = {
  grants: { authorization_code: number; refresh_token: number; client_credentials: number };
  refresh_reuse_detected: number;
  /** Grants revoked through POST /oauth/revoke (SANDBOX_REVOCATION_ENDPOINT=1). */
  revocations: number;
  api_requests: number;
};

export type SandboxState = {
  accessTokenTtl: number;
  nullPriceFraction: number;
  missingUsageFraction: number;
  clients: Map<string, Client>;
  /** Decides data and every token, code and sign-in lifetime; runs on the wall clock given in the options. */
  clock: Clock;
  signingKey: Buffer;
  store: Store;
  auth: GrantStore;
  pending: Map<string, PendingAuthorization>;
  inbox: Map<string, { code: string; sentAt: string }>;
  /** Wrong one-time codes per e-mail address, across every pending request, so a new request or a re-sent e-mail cannot reset them. */
  codeFailures: Map<string, { count: number; firstAt: number }>;
  faults: Fault[];
  /** Releases the answers held back by `hold` faults (POST /__sandbox/faults/release). */
  held: Set<() => void>;
  /** Members left out of refresh-grant responses (POST /__sandbox/token-response). */
  tokenResponseOmit: Set<OmittableTokenField>;
  stats: Stats;
};

export type StateOptions = {
  accessTokenTtl: number;
  nullPriceFraction: number;
  missingUsageFraction: number;
  redirectOrigins: string[];
  /** Real time, the base of the sandbox clock; injectable so tests can move time without the clock control. */
  wallClock: () => number;
};

export const DEMO_CLIENT_ID = 'hems-demo';
export const DEMO_CLIENT_SECRET = 'hems-demo-secret';

const emptyStats = (): Stats => ({
  grants: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
  refresh_reuse_detected: 0,
  revocations: 0,
  api_requests: 0,
});

export function createState(options: StateOptions): SandboxState {
  const origins = ['http://localhost:3000', ...options.redirectOrigins.map((o) => new URL(o).origin)];
  return {
    accessTokenTtl: options.accessTokenTtl,
    nullPriceFraction: options.nullPriceFraction,
    missingUsageFraction: options.missingUsageFraction,
    clients: new Map([
      [
        DEMO_CLIENT_ID,
        { id: DEMO_CLIENT_ID, secret: DEMO_CLIENT_SECRET, name: 'HEMS Demo', origins: [...new Set(origins)] },
      ],
    ]),
    clock: createClock(options.wallClock),
    signingKey: randomBytes(32),
    store: seedStore(),
    auth: createGrantStore(),
    pending: new Map(),
    inbox: new Map(),
    codeFailures: new Map(),
    faults: [],
    held: new Set(),
    tokenResponseOmit: new Set(),
    stats: emptyStats(),
  };
}

/** Back to the seeded state: grants, sign-ups, clock, faults, token-response omissions and stats. */
export function resetState(state: SandboxState): void {
  state.clock.set(null);
  state.store = seedStore();
  state.auth = createGrantStore();
  state.pending.clear();
  state.inbox.clear();
  state.codeFailures.clear();
  state.faults = [];
  releaseHeld(state);
  state.tokenResponseOmit = new Set();
  state.stats = emptyStats();
}

/** Lets every held answer go; returns how many were waiting. */
export function releaseHeld(state: SandboxState): number {
  const waiting = [...state.held];
  state.held.clear();
  for (const release of waiting) release();
  return waiting.length;
}
