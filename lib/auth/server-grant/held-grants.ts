import 'server-only';

import { z } from 'zod';

import { now } from '@/lib/clock';
import { NomosError } from '@/lib/nomos/errors';
import { getDurableStore, type DurableStore } from '@/lib/store/durable';
import { keyHash } from '@/lib/store/shared-store';

import { getRevocationList } from '@/lib/auth/logout/revocation';
import { revokeRefreshToken } from '@/lib/auth/logout/revoke-grant';
import type { Generation, GrantArchive } from '@/lib/auth/refresh/refresh-coordinator';
import { getRefreshCoordinator } from '@/lib/auth/refresh/refresh';
import { sealer } from '@/lib/auth/session/cookies';
import { randomId, tokensSchema, type SessionData } from '@/lib/auth/session/session-data';

/**
 * A grant the server keeps for a customer who turned on alerts and the
 * calendar feed, so that jobs can fetch prices with no browser open.
 *
 * One per customer, in the durable store (SQLite in `DATA_DIR`, or Redis):
 * `held:<owner>` holds the grant's newest generation, sealed with
 * `SESSION_SECRET`; `held-grant:<hash of the grant id>` finds it from the
 * grant. `owner` is a hash of the Nomos customer id, and every record kept
 * for the customer (push subscriptions, feed addresses, settings) carries it,
 * so forgetting is one `deleteOwner`.
 *
 * The tokens here are never presented on their own: every refresh, by a job
 * or by a browser of this grant, goes through the one refresh coordinator,
 * which reads this record when the shared store has no chain (after a
 * restart on the memory store) and writes every generation it publishes to
 * it (`heldGrantArchive`). So a job and a browser never spend one token twice.
 */

/** How long the shared store keeps a kept grant's chain; the durable record outlives it. */
export const HELD_CHAIN_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

const heldRecordSchema = z.object({
  grantId: z.string().min(16),
  generation: z.number().int().min(0),
  tokens: tokensSchema,
  heldSince: z.number().int(),
  /** The browser that turned alerts on logged out: only the server uses the grant now. */
  browserLoggedOut: z.boolean(),
  /** Nomos refused the grant (consent revoked): every job for it stops; `notified` once the last notice went out. */
  ended: z.object({ at: z.number().int(), notified: z.boolean() }).nullable(),
});
type HeldRecord = z.infer<typeof heldRecordSchema>;

/** What jobs and the settings page see of a kept grant: never its tokens. */
export type HeldGrant = {
  owner: string;
  grantId: string;
  heldSince: number;
  ended: HeldRecord['ended'];
};

/** The owner of every durable record of a Nomos customer: a hash, never the id. */
export const customerOwner = (customerId: string) => keyHash('nomos-customer', customerId);

const HELD_KEY_PREFIX = 'held:';
const heldKey = (owner: string) => `${HELD_KEY_PREFIX}${owner}`;
const grantIndexKey = (grantId: string) => `held-grant:${keyHash(grantId)}`;

const publicView = (owner: string, record: HeldRecord): HeldGrant => ({
  owner,
  grantId: record.grantId,
  heldSince: record.heldSince,
  ended: record.ended,
});

async function read(store: DurableStore, owner: string): Promise<{ sealed: string; record: HeldRecord } | null> {
  const sealed = await store.get(heldKey(owner));
  if (sealed === null) return null;
  const record = heldRecordSchema.safeParse(await sealer.unseal(sealed, 0));
  // Sealed with a secret this instance does not know, or damaged: never guess at tokens.
  if (!record.success) throw new NomosError('unavailable', 'The connection kept for alerts could not be read');
  return { sealed, record: record.data };
}

/**
 * Changes the owner's record atomically (compare-and-set, retried when
 * another instance changed it first). `change` returns null to leave it.
 * Resolves with the record written, or null when there was none or nothing changed.
 */
async function update(owner: string, change: (record: HeldRecord) => HeldRecord | null): Promise<HeldRecord | null> {
  const store = await getDurableStore();
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await read(store, owner);
    if (!current) return null;
    const next = change(current.record);
    if (!next) return null;
    if (await store.compareAndSet(heldKey(owner), current.sealed, await sealer.seal(next, 0))) return next;
  }
  throw new NomosError('unavailable', 'The connection kept for alerts is being changed; try again');
}

async function ownerOfGrant(store: DurableStore, grantId: string): Promise<string | null> {
  return store.get(grantIndexKey(grantId));
}

/**
 * The coordinator's archive (see `GrantArchive`): the kept generation of a
 * grant the server keeps, and every newer one the coordinator publishes.
 */
export const heldGrantArchive: GrantArchive = {
  async load(grantId) {
    const store = await getDurableStore();
    const owner = await ownerOfGrant(store, grantId);
    const held = owner === null ? null : await read(store, owner);
    if (!held || held.record.grantId !== grantId) return null;
    return { generation: held.record.generation, tokens: held.record.tokens };
  },
  async save(grantId, next) {
    const owner = await ownerOfGrant(await getDurableStore(), grantId);
    if (owner === null) return;
    await update(owner, (record) =>
      record.grantId === grantId && next.generation > record.generation
        ? { ...record, generation: next.generation, tokens: next.tokens }
        : null,
    );
  },
};

/**
 * Keeps the grant of this browser's session on the server for `owner`.
 * The tokens kept are the grant's newest, as the coordinator knows them
 * (this cookie may have fallen behind). A grant kept before for the owner
 * (another browser's, or one Nomos refused) is let go; it is ended if no
 * browser uses it any more. Returns the session to seal into the cookie,
 * marked as kept.
 */
export async function holdGrant(owner: string, session: SessionData): Promise<SessionData> {
  const coordinator = getRefreshCoordinator();
  const current = { generation: session.generation, tokens: tokensSchema.parse(session) };
  const newest = await coordinator.renew(session.grantId, current, HELD_CHAIN_KEEP_MS);
  const store = await getDurableStore();
  const previous = await read(store, owner).catch(() => null);
  const record: HeldRecord = {
    grantId: session.grantId,
    generation: newest.generation,
    tokens: newest.tokens,
    heldSince: now(),
    browserLoggedOut: false,
    ended: null,
  };
  await store.put(grantIndexKey(session.grantId), owner, { owner });
  await store.put(heldKey(owner), await sealer.seal(record, 0), { owner });
  // A refresh may have published between the read and the write: keep the newest.
  const later = await coordinator.newer(session.grantId, newest.generation, { archived: true });
  if (later) await heldGrantArchive.save(session.grantId, later);
  if (previous && previous.record.grantId !== session.grantId) {
    await store.delete(grantIndexKey(previous.record.grantId));
    if (previous.record.browserLoggedOut || previous.record.ended) await endGrant(previous.record);
  }
  const kept = later ?? newest;
  // A cookie from before browser sessions had their own id gets one: its
  // logout must end this browser's session, not the grant the server keeps.
  const sessionId = session.sessionId ?? randomId();
  return { ...session, ...kept.tokens, generation: kept.generation, sessionId, held: true };
}

/** The owner's kept grant, or null. */
export async function getHeldGrant(owner: string): Promise<HeldGrant | null> {
  const held = await read(await getDurableStore(), owner);
  return held ? publicView(owner, held.record) : null;
}

/** Every kept grant, for the jobs (ended ones included: they say so). */
export async function* listHeldGrants(): AsyncIterable<HeldGrant> {
  const store = await getDurableStore();
  for await (const entry of store.list(HELD_KEY_PREFIX)) {
    if (entry.owner === null) continue;
    const record = heldRecordSchema.safeParse(await sealer.unseal(entry.value, 0));
    if (!record.success) {
      console.error('[server-grant] a kept grant could not be read; skipped');
      continue;
    }
    yield publicView(entry.owner, record.data);
  }
}

/**
 * A valid access token of a kept grant, for code that runs without a
 * request (jobs, the calendar feed): refreshed through the coordinator, like
 * a browser's, so never with a spent token. Throws `NomosError`:
 * `connection-ended` when the grant was forgotten or Nomos refused it,
 * `unavailable` when Nomos or the store did not answer.
 */
export async function getAccessToken(grant: Pick<HeldGrant, 'owner' | 'grantId'>): Promise<string> {
  const held = await read(await getDurableStore(), grant.owner);
  if (!held || held.record.grantId !== grant.grantId) {
    throw new NomosError('connection-ended', 'Alerts were turned off for this connection');
  }
  if (held.record.ended) throw new NomosError('connection-ended', 'Nomos ended this connection');
  const current: Generation = { generation: held.record.generation, tokens: held.record.tokens };
  const newest = await getRefreshCoordinator().renew(grant.grantId, current, HELD_CHAIN_KEEP_MS, { archived: true });
  return newest.tokens.accessToken;
}

/**
 * Records that Nomos refused the grant: every job for it stops. `first` is
 * true for exactly one caller, the one that sends the last notice.
 */
export async function markGrantEnded(owner: string): Promise<{ first: boolean }> {
  const written = await update(owner, (record) =>
    record.ended ? null : { ...record, ended: { at: now(), notified: false } },
  );
  return { first: written !== null };
}

/**
 * Called when a browser of `grantId` logs out: true when the server keeps
 * the grant (alerts continue; the browser's session alone ends), noting
 * that no browser uses it any more.
 */
export async function keptOnLogout(grantId: string): Promise<boolean> {
  const owner = await ownerOfGrant(await getDurableStore(), grantId);
  if (owner === null) return false;
  const record = await update(owner, (current) =>
    current.grantId === grantId && !current.browserLoggedOut ? { ...current, browserLoggedOut: true } : null,
  );
  if (record) return true;
  const held = await getHeldGrant(owner);
  return held?.grantId === grantId && held.ended === null;
}

/**
 * "Stop alerts and forget my connection": deletes every record kept for the
 * customer at once (the grant, push subscriptions, feed addresses, settings,
 * sent alerts). The grant itself is ended (logged out everywhere, revoked at
 * Nomos) unless the browser that kept it still uses it: `browserGrantId`,
 * the grant of the browser asking, or a browser that never logged out.
 */
export async function forgetCustomer(
  owner: string,
  browserGrantId?: string,
): Promise<{ deleted: number; grantEnded: boolean }> {
  const store = await getDurableStore();
  const held = await read(store, owner).catch(() => null);
  const deleted = await store.deleteOwner(owner);
  const inUse =
    held !== null && !held.record.ended && (held.record.grantId === browserGrantId || !held.record.browserLoggedOut);
  if (held && !inUse) await endGrant(held.record);
  return { deleted, grantEnded: held !== null && !inUse };
}

/** Ends a grant nobody uses any more: refused to every cookie, its chain dropped, revoked at Nomos. */
async function endGrant(record: HeldRecord): Promise<void> {
  const results = await Promise.allSettled([
    getRevocationList().revoke(record.grantId),
    getRefreshCoordinator().forget(record.grantId),
    revokeRefreshToken(record.tokens.refreshToken),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('[server-grant] ending a kept grant did not finish', result.reason);
  }
}
