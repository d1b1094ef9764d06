import 'server-only';

import { SESSION_STORE_UNAVAILABLE } from '@/lib/auth/refresh/refresh-coordinator';
import { mayRenewRefusedToken } from '@/lib/auth/refresh/renew-path';
import { getConnection, type Connection } from '@/lib/auth/session/session';
import { getNow, now } from '@/lib/clock';
import { NomosError, OUTCOME_UNKNOWN } from '@/lib/nomos/errors';
import type { Subscription } from '@/lib/nomos/reshape';

import { loadSubscriptions } from './load';
import { pickSubscription } from './select';

/** Why a page could not show what it asks Nomos for; each has its own wording (messages `NomosError`). */
export type NomosErrorReason = 'unavailable' | 'outcome-unknown' | 'store-unavailable' | 'rejected';

/** The states every page about a subscription shows before it has one to show. */
export type PageFailure =
  | { kind: 'not-connected' }
  | { kind: 'connection-ended' }
  /** Nomos refused an access token that was not fresh: renew it once (`renewPath`) and come back. */
  | { kind: 'token-refused' }
  | {
      kind: 'nomos-error';
      /**
       * `store-unavailable`: the app's own session store, not Nomos, was unreachable.
       * `outcome-unknown`: a renewal reached Nomos, or may have, and no answer came back.
       */
      reason: NomosErrorReason;
      message: string;
      requestId?: string;
    }
  | { kind: 'no-subscription' };

/** A page's state once it has a subscription to show: what `withSubscription` found, and what the page loaded. */
export type SubscriptionView<T> = {
  kind: 'subscription';
  subscriptions: Subscription[];
  subscription: Subscription;
  now: number;
} & T;

export type SubscriptionContext = {
  connection: Connection;
  now: number;
  subscriptions: Subscription[];
  subscription: Subscription;
};

/**
 * Runs `load` for the connected customer's chosen subscription. No
 * connection, no subscription and Nomos failures become states, so the
 * page can explain them; only an ended connection asks to connect again.
 */
export async function withSubscription<T>(
  subscriptionId: string | undefined,
  load: (context: SubscriptionContext) => Promise<T>,
): Promise<T | PageFailure> {
  let connection: Connection | null = null;
  try {
    connection = await getConnection();
    if (!connection) return { kind: 'not-connected' };
    const now = getNow();
    const subscriptions = await loadSubscriptions(connection);
    const subscription = pickSubscription(subscriptions, subscriptionId);
    if (!subscription) return { kind: 'no-subscription' };
    return await load({ connection, now, subscriptions, subscription });
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    if (error.kind === 'connection-ended') {
      // A 401 to a token believed valid: it may have ended early, or its lifetime was never stated.
      const stale = connection !== null && error.details.status === 401 && mayRenewRefusedToken(connection, now());
      return { kind: stale ? 'token-refused' : 'connection-ended' };
    }
    const reason: NomosErrorReason =
      error.details.code === SESSION_STORE_UNAVAILABLE
        ? 'store-unavailable'
        : error.details.code === OUTCOME_UNKNOWN
          ? 'outcome-unknown'
          : error.kind;
    return { kind: 'nomos-error', reason, message: error.message, requestId: error.requestId };
  }
}
