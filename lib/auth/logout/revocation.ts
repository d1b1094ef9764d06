import 'server-only';

import { config } from '@/lib/config';
import { getSharedStore } from '@/lib/store';
import { isStoreUnavailable, type SharedStore, keyHash } from '@/lib/store/shared-store';

/** Store key of a logged-out grant: a hash, so the store never holds an id that could be looked up elsewhere. */
export const revocationKey = (grantId: string) => `session:revoked:${keyHash(grantId)}`;

/**
 * The grants that were logged out. Nomos publishes no revocation endpoint,
 * so the session a person logged out of stays valid at Nomos; a copy of its
 * cookie (a shared computer, malware) would still be accepted and refreshed.
 * Logging out therefore records the grant here, and the proxy and
 * `getConnection()` refuse every cookie of a recorded grant.
 *
 * An entry lives as long as a session can (the absolute lifetime): by then
 * every cookie of that grant has expired by itself.
 */
export class RevocationList {
  constructor(
    private readonly store: SharedStore,
    private readonly ttlMs: number,
  ) {}

  /** Throws `StoreUnavailableError` when the store cannot record it. */
  async revoke(grantId: string): Promise<void> {
    await this.store.set(revocationKey(grantId), '1', this.ttlMs);
  }

  /** Whether any of the ids was recorded; throws `StoreUnavailableError` when the store cannot be asked. */
  async isRevoked(...ids: string[]): Promise<boolean> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.store.get(revocationKey(id))));
    return found.some((value) => value !== null);
  }

  /**
   * Whether to refuse this grant, failing open while the store is down.
   *
   * Accepted risk: during a store outage a logged-out session's copied
   * cookie is not recognised while its access token is valid. Failing
   * closed would log everyone out for the outage, and requests with a valid
   * access token must keep working without the store. The exposure is
   * bounded: nothing from the refresh coordinator is handed out unless the
   * list answered (`isRevoked`, strictly), so such a copy works at most
   * until its access token expires (60 minutes at Nomos), and is refused
   * again as soon as the store answers.
   */
  async shouldRefuse(...ids: string[]): Promise<boolean> {
    return (await this.status(...ids)) === 'revoked';
  }

  /** `unknown` while the store is down (logged once a minute). */
  async status(...ids: string[]): Promise<'revoked' | 'active' | 'unknown'> {
    try {
      return (await this.isRevoked(...ids)) ? 'revoked' : 'active';
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      logOutage(error.message);
      return 'unknown';
    }
  }
}

let lastOutageLog = 0;
/** Once a minute per process is enough to see an outage; every request would flood the log. */
function logOutage(message: string) {
  const now = Date.now();
  if (now - lastOutageLog < 60_000) return;
  lastOutageLog = now;
  console.error(`[session] ${message}: logged-out sessions cannot be recognised until the store answers`);
}

/** The list of logged-out grants, in the store every instance shares. */
export function getRevocationList(): RevocationList {
  return new RevocationList(getSharedStore(), config.session.maxAgeSeconds * 1000);
}
