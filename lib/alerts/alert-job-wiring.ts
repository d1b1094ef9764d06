import 'server-only';

import { getAccessToken, listHeldGrants, markGrantEnded } from '@/lib/auth/server-grant/held-grants';
import type { Locale } from '@/lib/i18n/locales';
import { getPrices } from '@/lib/nomos/client';
import { reshapePrice } from '@/lib/nomos/reshape';
import { getDurableStore } from '@/lib/store/durable';

import { createAlertJob, sendTestAlertWith, type AlertJobDeps, type TestAlertResult } from './alert-job';
import { pushEnabled, sendPush } from './push';
import { createSentEvents } from './sent-events';
import { getAlertSettings } from './settings-store';
import { subscriptions } from './subscriptions';

/** The alert job's dependencies in this app: the kept grants, Nomos, the durable store, Web Push. */
export async function alertJobDeps(): Promise<AlertJobDeps> {
  return {
    listHeldGrants,
    getAccessToken,
    markGrantEnded,
    getAlertSettings,
    getPrices: async (accessToken, subscriptionId, start, end) =>
      reshapePrice(await getPrices(accessToken, subscriptionId, start, end)),
    subscriptions,
    sentEvents: createSentEvents(await getDurableStore()),
    sendPush: pushEnabled ? sendPush : null,
  };
}

/** The alert job, every five minutes (registered in lib/app-jobs.ts while alerts are on). */
export const alertJob = createAlertJob(alertJobDeps);

/**
 * The settings page's test button: one notification to each of the
 * customer's devices now, in `locale` (default: their settings' language).
 * Throws while alerts are off (`pushEnabled`).
 */
export async function sendTestAlert(owner: string, locale?: Locale): Promise<TestAlertResult> {
  return sendTestAlertWith(await alertJobDeps(), owner, locale);
}
