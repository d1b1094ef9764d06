import 'server-only';

import { createHash } from 'node:crypto';

import type { HeldGrant } from '@/lib/auth/server-grant/held-grants';
import { translatorFor } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import type { Job, JobContext } from '@/lib/jobs/job';
import { withRetries, type JobRetryPolicy } from '@/lib/jobs/retry';
import { NomosError } from '@/lib/nomos/errors';
import { addDays, berlinDate } from '@/lib/prices/berlin-time';
import type { PriceSeries } from '@/lib/prices/types';

import type { AlertSettings } from './alert-settings';
import type { PushOptions, PushPayload, PushResult, PushSubscription } from './push';
import { ALERTS_PAGE } from './alert-settings';
import { dueAlerts, MIN_LEAD_MINUTES, type DueAlert } from './rules';
import type { SentEvents } from './sent-events';
import type { SubscriptionStore } from './subscriptions';

/**
 * The alert job: every five minutes, for each customer whose grant the
 * server holds, fetch today's and tomorrow's prices with that grant, run the
 * rules (`./rules.ts`), claim each due event once across instances
 * (`./sent-events.ts`) and push it to each of the customer's devices.
 *
 * It reaches the grants through `lib/auth/server-grant/held-grants.ts` and the
 * settings through `./settings-store.ts`, handed in as `AlertJobDeps`
 * (`./alert-job-wiring.ts` binds them), so that tests run it against fakes and
 * the real push service.
 */

export type SendPush = (
  subscription: PushSubscription,
  payload: PushPayload,
  options: PushOptions,
) => Promise<PushResult>;

export type AlertJobDeps = {
  /** Every customer's held grant. */
  listHeldGrants(): AsyncIterable<HeldGrant>;
  /** Through the refresh coordinator; throws NomosError `connection-ended` for a refused or forgotten grant, `unavailable` when Nomos is busy. */
  getAccessToken(grant: HeldGrant): Promise<string>;
  /** Stops every job for the grant; `first` is true exactly once. */
  markGrantEnded(owner: string): Promise<{ first: boolean }>;
  getAlertSettings(owner: string): Promise<AlertSettings | null>;
  /** Prices of the subscription from `start` to `end` (Berlin dates, both inclusive), reshaped. */
  getPrices(accessToken: string, subscriptionId: string, start: string, end: string): Promise<PriceSeries>;
  subscriptions: Pick<SubscriptionStore, 'list' | 'remove'>;
  sentEvents: SentEvents;
  /** Null while alerts are off (no VAPID keys): the job then does nothing. */
  sendPush: SendPush | null;
  retryPolicy?: JobRetryPolicy;
  /** Grants handled at once. */
  concurrency?: number;
};

export const ALERT_JOB_NAME = 'alerts';
/** As often as the rules expect (`MIN_LEAD_MINUTES`). */
export const ALERT_JOB_PERIOD_MS = MIN_LEAD_MINUTES * 60_000;

type DeviceCounts = { delivered: number; gone: number; failed: number; rejected: number };
const noDevices = (): DeviceCounts => ({ delivered: 0, gone: 0, failed: 0, rejected: 0 });

/** What the job did for one grant. */
export type GrantOutcome =
  'alerted' | 'nothing-due' | 'no-settings' | 'no-devices' | 'already-ended' | 'ended' | 'nomos-unavailable' | 'failed';

type GrantReport = {
  outcome: GrantOutcome;
  due: number;
  sent: number;
  claimedElsewhere: number;
  retries: number;
  devices: DeviceCounts;
};

/** A customer in logs: a short hash of their (already opaque) owner hash. */
export function ownerLabel(owner: string): string {
  return `owner#${createHash('sha256').update(owner).digest('hex').slice(0, 8)}`;
}

/** How long a push service keeps a message for an offline device: until the alert means nothing, at least a minute, at most a day. */
function ttlSeconds(expiresAt: number, now: number): number {
  return Math.min(86_400, Math.max(60, Math.ceil((expiresAt - now) / 1000)));
}

/** Sends one payload to each device; forgets the devices whose push service says they are gone. */
async function sendToDevices(
  deps: Pick<AlertJobDeps, 'subscriptions' | 'sendPush'>,
  owner: string,
  devices: PushSubscription[],
  payload: PushPayload,
  options: PushOptions,
): Promise<DeviceCounts> {
  const counts = noDevices();
  if (!deps.sendPush) return counts;
  for (const device of devices) {
    const result = await deps.sendPush(device, payload, options);
    counts[result.outcome]++;
    if (result.outcome === 'gone') await deps.subscriptions.remove(owner, device.endpoint);
  }
  return counts;
}

const addCounts = (into: DeviceCounts, from: DeviceCounts) => {
  for (const key of Object.keys(into) as (keyof DeviceCounts)[]) into[key] += from[key];
};

/** The one last notice of a grant that ended: "reconnect in the settings". */
function connectionEndedPayload(locale: Locale): PushPayload {
  const t = translatorFor(locale, 'pushAlerts');
  return {
    title: t('connectionEndedTitle'),
    body: t('connectionEndedBody'),
    url: ALERTS_PAGE,
    tag: 'connection-ended',
    lang: locale,
  };
}

async function runForGrant(deps: AlertJobDeps, grant: HeldGrant, context: JobContext): Promise<GrantReport> {
  const report: GrantReport = {
    outcome: 'nothing-due',
    due: 0,
    sent: 0,
    claimedElsewhere: 0,
    retries: 0,
    devices: noDevices(),
  };
  const finish = (outcome: GrantOutcome) => ({ ...report, outcome });
  if (grant.ended) return finish('already-ended');
  const settings = await deps.getAlertSettings(grant.owner);
  if (!settings) return finish('no-settings');
  const devices = await deps.subscriptions.list(grant.owner);
  // Nobody to tell: Nomos is not asked.
  if (devices.length === 0) return finish('no-devices');

  let prices: PriceSeries;
  const retrying = <T>(call: () => Promise<T>) =>
    withRetries(call, context, { policy: deps.retryPolicy, onRetry: () => void report.retries++ });
  try {
    const accessToken = await retrying(() => deps.getAccessToken(grant));
    const today = berlinDate(context.now());
    // Yesterday too: a stretch below the threshold that runs on over midnight is not announced twice.
    prices = await retrying(() =>
      deps.getPrices(accessToken, settings.subscriptionId, addDays(today, -1), addDays(today, 1)),
    );
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    if (error.kind === 'unavailable') return finish('nomos-unavailable');
    if (error.kind === 'connection-ended') {
      const { first } = await deps.markGrantEnded(grant.owner);
      if (first) {
        const payload = connectionEndedPayload(settings.locale);
        addCounts(report.devices, await sendToDevices(deps, grant.owner, devices, payload, { ttlSeconds: 7 * 86_400 }));
        report.sent = 1;
      }
      return finish('ended');
    }
    return finish('failed');
  }

  const now = context.now();
  const alerts = dueAlerts({ settings, prices, now });
  report.due = alerts.length;
  for (const alert of alerts) {
    const claim = await deps.sentEvents.claim(grant.owner, alert.eventKey);
    if (!claim) {
      report.claimedElsewhere++;
      continue;
    }
    const counts = await sendToDevices(deps, grant.owner, devices, alert.payload, pushOptions(alert, now));
    addCounts(report.devices, counts);
    if (counts.delivered === 0 && counts.failed > 0) {
      // No device has it and some may yet: give the event back for the next run, while it is still due.
      await deps.sentEvents.release(claim);
    } else {
      report.sent++;
    }
  }
  return finish(alerts.length === 0 ? 'nothing-due' : 'alerted');
}

function pushOptions(alert: DueAlert, now: number): PushOptions {
  return {
    ttlSeconds: ttlSeconds(alert.expiresAt, now),
    // A window about to start is worth waking a phone in power saving for; a summary is not.
    urgency: alert.kind === 'prices-published' ? 'normal' : 'high',
  };
}

function grantLine(owner: string, report: GrantReport): string {
  const { devices } = report;
  return (
    `[jobs] alerts ${ownerLabel(owner)}: ${report.outcome}; ` +
    `due ${report.due}, sent ${report.sent}, claimed elsewhere ${report.claimedElsewhere}, Nomos retries ${report.retries}; ` +
    `devices delivered ${devices.delivered}, gone ${devices.gone}, failed ${devices.failed}, rejected ${devices.rejected}`
  );
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>) {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const task: Promise<void> = work(item).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}

/** The alert job over these dependencies. */
export function createAlertJob(deps: AlertJobDeps | (() => Promise<AlertJobDeps>)): Job {
  return {
    name: ALERT_JOB_NAME,
    periodMs: ALERT_JOB_PERIOD_MS,
    async run(context) {
      const resolved = typeof deps === 'function' ? await deps() : deps;
      if (!resolved.sendPush) return { summary: 'alerts are off (no VAPID keys)' };
      const totals = new Map<GrantOutcome, number>();
      let sent = 0;
      let grants = 0;
      await eachLimited(resolved.listHeldGrants(), resolved.concurrency ?? 4, async (grant) => {
        grants++;
        let report: GrantReport;
        try {
          report = await runForGrant(resolved, grant, context);
        } catch (error) {
          // One customer's failure (the store, a bug) does not stop the others'.
          context.log(
            `[jobs] alerts ${ownerLabel(grant.owner)}: failed, ${error instanceof Error ? error.name : 'unknown error'}`,
          );
          totals.set('failed', (totals.get('failed') ?? 0) + 1);
          return;
        }
        totals.set(report.outcome, (totals.get(report.outcome) ?? 0) + 1);
        sent += report.sent;
        // Grants with nothing to say are counted, not logged one by one.
        if (!['already-ended', 'no-settings', 'no-devices', 'nothing-due'].includes(report.outcome) || report.retries) {
          context.log(grantLine(grant.owner, report));
        }
      });
      const outcomes = [...totals].map(([outcome, count]) => `${outcome} ${count}`).join(', ');
      return { summary: `${grants} grants${outcomes ? ` (${outcomes})` : ''}, ${sent} alerts sent` };
    },
  };
}

export type TestAlertResult = DeviceCounts & { devices: number };

/**
 * The settings page's "send a test alert": one notification to each of the
 * customer's devices, now, in their language. Devices that are gone are
 * forgotten. Throws when alerts are off.
 */
export async function sendTestAlertWith(
  deps: Pick<AlertJobDeps, 'getAlertSettings' | 'subscriptions' | 'sendPush'>,
  owner: string,
  locale?: Locale,
): Promise<TestAlertResult> {
  if (!deps.sendPush) throw new Error('Web Push alerts are off: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY');
  const language = locale ?? (await deps.getAlertSettings(owner))?.locale ?? 'en';
  const t = translatorFor(language, 'pushAlerts');
  const devices = await deps.subscriptions.list(owner);
  const payload: PushPayload = {
    title: t('testTitle'),
    body: t('testBody'),
    url: ALERTS_PAGE,
    tag: 'test',
    lang: language,
  };
  const counts = await sendToDevices(deps, owner, devices, payload, { ttlSeconds: 600, urgency: 'high' });
  return { devices: devices.length, ...counts };
}
