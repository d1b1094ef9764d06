import 'server-only';

import { randomBytes, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { sealer as appSealer, type Sealer } from '@/lib/auth/session/cookies';
import { now as appNow } from '@/lib/clock';
import { config } from '@/lib/config';
import { getDurableStore } from '@/lib/store/durable';
import type { DurableStore } from '@/lib/store/durable-store';
import { keyHash } from '@/lib/store/shared-store';

/**
 * A customer's calendar feed address: `webcal://HOST/feed/<secret>.ics`.
 * The secret is the capability (no cookie, no session), so it is 256 random
 * bits, and the store never holds it where a lookup could use it:
 *
 * - `feed:<sha256(secret)>` → sealed `{ owner, createdAt }`: what a request
 *   is resolved by. The key is a hash, so the lookup compares hashes, and
 *   how long a guess takes says nothing about the secret.
 * - `feed-owner:<sha256(owner)>` → sealed `{ secret, createdAt }`: the
 *   customer's current address, for the settings page to show again, rotate
 *   or revoke. Sealed, because the page must show the secret itself.
 *
 * Both carry the customer's owner, so "forget my connection"
 * (`deleteOwner(owner)`) removes them with everything else. An address
 * resolves only while both agree, so a rotation stops the old one the
 * moment the index moves on, even before its record is deleted.
 */

/** base64url of 32 random bytes. */
const SECRET_BYTES = 32;
export const feedSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a feed secret');

const ADDRESS_PREFIX = 'feed:';
const INDEX_PREFIX = 'feed-owner:';
/** Sealed with no expiry: an address lives until it is rotated or revoked. */
const NO_EXPIRY = 0;
const ROTATE_ATTEMPTS = 5;

const addressRecordSchema = z.object({ owner: z.string().min(1), createdAt: z.number() });
const indexRecordSchema = z.object({ secret: feedSecretSchema, createdAt: z.number() });
type IndexRecord = z.infer<typeof indexRecordSchema>;

/** The addresses shown to the customer on the settings page. */
export type FeedAddress = {
  /** `webcal://HOST/feed/<secret>.ics`: what calendar apps subscribe to. */
  webcal: string;
  /** `https://HOST/feed/<secret>.ics`: the same, for apps that ask for an https link (Google Calendar). */
  ics: string;
  /** `https://HOST/feed/<secret>.json`: the same windows for home-automation tools. */
  json: string;
  createdAt: number;
};

/** A request's secret, resolved: whose feed it is. `tag` names the address in logs, never the secret. */
export type ResolvedFeed = { owner: string; createdAt: number; tag: string };

const addressKey = (secret: string) => `${ADDRESS_PREFIX}${keyHash('feed-address', secret)}`;
const indexKey = (owner: string) => `${INDEX_PREFIX}${keyHash('feed-owner', owner)}`;

/** A short hash of the secret for log lines: enough to tell addresses apart, useless to call the feed. */
export const feedTag = (secret: string) => keyHash('feed-log', secret).slice(0, 10);

export class FeedAddresses {
  constructor(
    private readonly store: DurableStore,
    private readonly sealer: Sealer,
    private readonly appUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The customer's current address, creating one when there is none. */
  async create(owner: string): Promise<FeedAddress> {
    const current = await this.readIndex(owner);
    if (current) return this.address(current.record);
    const record = await this.newAddress(owner);
    if (await this.store.compareAndSet(indexKey(owner), null, await this.sealIndex(record), { owner })) {
      return this.address(record);
    }
    // Another request created one meanwhile: keep that one.
    await this.store.delete(addressKey(record.secret));
    const winner = await this.readIndex(owner);
    if (!winner) throw new Error('The feed address was deleted while it was being created');
    return this.address(winner.record);
  }

  /** A new address; the old one stops answering at once. */
  async rotate(owner: string): Promise<FeedAddress> {
    const record = await this.newAddress(owner);
    const sealed = await this.sealIndex(record);
    for (let attempt = 0; attempt < ROTATE_ATTEMPTS; attempt += 1) {
      const current = await this.readIndex(owner);
      if (await this.store.compareAndSet(indexKey(owner), current?.sealed ?? null, sealed, { owner })) {
        if (current) await this.store.delete(addressKey(current.record.secret));
        return this.address(record);
      }
    }
    await this.store.delete(addressKey(record.secret));
    throw new Error('The feed address kept changing while it was being rotated');
  }

  /** Stops every address of the customer; resolves with how many records went. */
  async revoke(owner: string): Promise<number> {
    // By owner rather than through the index, so a record left by a crash mid-rotation goes too.
    const mine = await this.store.listByOwner(owner);
    let deleted = 0;
    // The index first: from then on no address of this customer resolves.
    const index = indexKey(owner);
    if (await this.store.delete(index)) deleted += 1;
    for (const { key } of mine) {
      if (key.startsWith(ADDRESS_PREFIX) && (await this.store.delete(key))) deleted += 1;
    }
    return deleted;
  }

  /** The customer's current address, or null. */
  async get(owner: string): Promise<FeedAddress | null> {
    const current = await this.readIndex(owner);
    return current ? this.address(current.record) : null;
  }

  /**
   * Whose feed `secret` opens, or null for anything else (malformed, never
   * issued, rotated, revoked, forgotten): the caller answers all of these
   * alike, so no answer tells whether an address ever existed.
   */
  async resolve(secret: string): Promise<ResolvedFeed | null> {
    if (!feedSecretSchema.safeParse(secret).success) return null;
    const sealed = await this.store.get(addressKey(secret));
    if (sealed === null) return null;
    const record = addressRecordSchema.safeParse(await this.sealer.unseal(sealed, NO_EXPIRY));
    if (!record.success) return null;
    const current = await this.readIndex(record.data.owner);
    // Compared as fixed-length hashes, in constant time.
    if (!current || !timingSafeEqual(hashOf(current.record.secret), hashOf(secret))) return null;
    return { owner: record.data.owner, createdAt: record.data.createdAt, tag: feedTag(secret) };
  }

  private async newAddress(owner: string): Promise<IndexRecord> {
    const record = { secret: randomBytes(SECRET_BYTES).toString('base64url'), createdAt: this.now() };
    const sealed = await this.sealer.seal({ owner, createdAt: record.createdAt }, NO_EXPIRY);
    // Written before the index names it, so an address shown to the customer always resolves.
    await this.store.put(addressKey(record.secret), sealed, { owner });
    return record;
  }

  private sealIndex(record: IndexRecord): Promise<string> {
    return this.sealer.seal(record, NO_EXPIRY);
  }

  private async readIndex(owner: string): Promise<{ sealed: string; record: IndexRecord } | null> {
    const sealed = await this.store.get(indexKey(owner));
    if (sealed === null) return null;
    const record = indexRecordSchema.safeParse(await this.sealer.unseal(sealed, NO_EXPIRY));
    return record.success ? { sealed, record: record.data } : null;
  }

  private address({ secret, createdAt }: IndexRecord): FeedAddress {
    const base = new URL(this.appUrl);
    const path = `/feed/${secret}`;
    return {
      webcal: `webcal://${base.host}${path}.ics`,
      ics: `${base.origin}${path}.ics`,
      json: `${base.origin}${path}.json`,
      createdAt,
    };
  }
}

const hashOf = (secret: string) => Buffer.from(keyHash('feed-compare', secret), 'base64url');

async function feedAddresses(): Promise<FeedAddresses> {
  return new FeedAddresses(await getDurableStore(), appSealer, config.appUrl, appNow);
}

/** TSDoc of each: see {@link FeedAddresses}. For the settings page (`owner`: the customer's hash). */
export const createFeedAddress = async (owner: string) => (await feedAddresses()).create(owner);
export const rotateFeedAddress = async (owner: string) => (await feedAddresses()).rotate(owner);
export const revokeFeedAddresses = async (owner: string) => (await feedAddresses()).revoke(owner);
export const getFeedAddress = async (owner: string) => (await feedAddresses()).get(owner);
/** For the feed's route: whose feed a secret opens, or null. */
export const resolveFeedSecret = async (secret: string) => (await feedAddresses()).resolve(secret);
