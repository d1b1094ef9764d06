import 'server-only';

import { sealer } from '@/lib/auth/session/cookies';
import { now } from '@/lib/clock';
import type { Locale } from '@/lib/i18n/locales';
import { getAlertSettings } from '@/lib/alerts/settings-store';
import type { AlertSettings } from '@/lib/alerts/alert-settings';
import { getPrices, listSubscriptions } from '@/lib/nomos/client';
import { NomosError } from '@/lib/nomos/errors';
import { reshapePrice, reshapeSubscription } from '@/lib/nomos/reshape';
import { addDays, berlinDate } from '@/lib/prices/berlin-time';
import { loadWindows } from '@/lib/prices/load-windows';
import { getHeldGrant, getAccessToken, type HeldGrant } from '@/lib/auth/server-grant/held-grants';
import { getSharedStore } from '@/lib/store';
import { CACHE_KEY_PREFIX, isStoreUnavailable, keyHash } from '@/lib/store/shared-store';

import type { FeedModel, FeedWindow } from './feed-document';

/**
 * How long a customer's feed is served from the shared store before Nomos is
 * asked again: calendars and home-automation tools poll every minute or so,
 * and prices change at most once a day (tomorrow's, around 14:00).
 */
export const FEED_CACHE_SECONDS = 300;
/**
 * How long the last model is kept to tell whether the windows changed since
 * (their DTSTAMP and Last-Modified stay put while they do not).
 */
const FEED_MEMORY_MS = 48 * 3_600_000;

export type FeedOutcome =
  | { kind: 'feed'; model: FeedModel }
  /** The grant ended, or was forgotten, or the customer turned the feature off. */
  | { kind: 'gone'; locale: Locale }
  | { kind: 'unavailable' | 'rejected'; locale: Locale; requestId?: string; message: string };

type Cached = { fetchedAt: number; model: FeedModel };

// Concurrent fetches of one feed in this process share one call to Nomos.
const inFlight = new Map<string, Promise<FeedOutcome>>();

/**
 * The customer's feed: their loads' windows read through the grant the
 * server holds for them (`lib/auth/server-grant`), or why there are none. Served
 * from the shared store for {@link FEED_CACHE_SECONDS}; keyed by the grant
 * and the settings, so a new connection or an edited load shows at once.
 * The grant and the settings are read on every call: a feed whose grant
 * ended stops at once, cache or not.
 */
export async function loadFeed(owner: string): Promise<FeedOutcome> {
  const [grant, settings] = await Promise.all([getHeldGrant(owner), getAlertSettings(owner)]);
  if (!grant || grant.ended || !settings) return { kind: 'gone', locale: settings?.locale ?? 'en' };
  const key = `${CACHE_KEY_PREFIX}feed:${keyHash(owner, grant.grantId, JSON.stringify(settings))}`;
  const at = now();
  const cached = await readCache(key);
  if (cached && at - cached.fetchedAt < FEED_CACHE_SECONDS * 1000) return { kind: 'feed', model: cached.model };
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchFeed(owner, grant, settings, at, cached?.model ?? null, key).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function fetchFeed(
  owner: string,
  grant: HeldGrant,
  settings: AlertSettings,
  at: number,
  previous: FeedModel | null,
  key: string,
): Promise<FeedOutcome> {
  const { locale } = settings;
  let built: Omit<FeedModel, 'changedAt'>;
  try {
    built = await buildModel(owner, grant, settings, at);
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    if (error.kind === 'connection-ended') return { kind: 'gone', locale };
    return { kind: error.kind, locale, requestId: error.requestId, message: error.message };
  }
  const unchanged =
    previous !== null && JSON.stringify({ ...previous, changedAt: 0 }) === JSON.stringify({ ...built, changedAt: 0 });
  const model: FeedModel = { ...built, changedAt: unchanged ? previous.changedAt : at };
  await writeCache(key, { fetchedAt: at, model });
  return { kind: 'feed', model };
}

async function buildModel(
  owner: string,
  grant: HeldGrant,
  settings: AlertSettings,
  at: number,
): Promise<Omit<FeedModel, 'changedAt'>> {
  const accessToken = await getAccessToken(grant);
  const subscriptions = (await listSubscriptions(accessToken)).map(reshapeSubscription);
  const subscription = subscriptions.find((candidate) => candidate.id === settings.subscriptionId);
  const base = { locale: settings.locale, windows: [] as FeedWindow[] };
  if (!subscription) {
    return { ...base, subscription: { id: settings.subscriptionId, kind: 'consumption', status: 'missing' } };
  }
  const about = { id: subscription.id, kind: subscription.kind, status: subscription.status };
  if (subscription.status !== 'active') return { ...base, subscription: about };
  const today = berlinDate(at);
  // From yesterday: a window running since before midnight stays in the feed until it ends.
  const series = reshapePrice(await getPrices(accessToken, subscription.id, addDays(today, -1), addDays(today, 1)));
  const names = new Map(settings.loads.map((load) => [load.id, load.name]));
  // UIDs are global: a tag of the customer keeps two households' dishwashers at the same time apart in one calendar.
  const tag = keyHash('feed-uid', owner).slice(0, 8);
  const windows = loadWindows({ series, kind: subscription.kind, loads: settings.loads, now: at }).map((window) => ({
    ...window,
    loadName: names.get(window.loadId) ?? window.loadId,
    uid: `${window.loadId}-${new Date(window.start).toISOString().replace(/[-:]|\.\d+/g, '')}-${tag}@nomos-hems`,
  }));
  return { ...base, subscription: about, windows };
}

async function readCache(key: string): Promise<Cached | null> {
  try {
    const sealed = await getSharedStore().get(key);
    if (sealed === null) return null;
    // Sealed by this app with its own secret under a key only this customer's feed reaches: what we stored.
    return (await sealer.unseal(sealed, FEED_MEMORY_MS / 1000)) as Cached | null;
  } catch (error) {
    logStoreFailure(error);
    return null;
  }
}

async function writeCache(key: string, value: Cached): Promise<void> {
  try {
    await getSharedStore().set(key, await sealer.seal(value, FEED_MEMORY_MS / 1000), FEED_MEMORY_MS);
  } catch (error) {
    logStoreFailure(error);
  }
}

/** A cache that is down costs a call to Nomos, never the feed. */
function logStoreFailure(error: unknown) {
  if (!isStoreUnavailable(error)) throw error;
  console.warn(`[feed] cache unavailable: ${error.message}`);
}
