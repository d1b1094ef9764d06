import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { useSubscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { Card } from '@/components/ui/card';
import { isSettingsStatus, type SettingsStatus } from '@/lib/alerts/alert-settings';
import type { AlertsPageState } from '@/lib/alerts/alerts-page';

import type { FeedAddress } from '@/lib/feed/feed-address';

import { AlertSettingsForm, SETTINGS_ACTION } from './alert-settings-form';
import { PushDevice, type PushDeviceText } from './push-device';

type Loaded = Extract<AlertsPageState, { kind: 'subscription' }>;

const primary =
  'rounded-lg bg-brand-600 px-5 py-3 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2';
const secondary =
  'rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';
const danger =
  'rounded-lg border border-red-300 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950';

/** One section of the page, named by its heading. */
function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </Card>
  );
}

/** One settings action as a plain form post: it works without JavaScript. */
function ActionButton({ action, label, style }: { action: string; label: string; style: string }) {
  return (
    <form method="post" action={SETTINGS_ACTION}>
      <input type="hidden" name="action" value={action} />
      <button type="submit" className={style}>
        {label}
      </button>
    </form>
  );
}

/**
 * The alerts and calendar page: the opt-in with what it means, or the
 * settings of a customer whose grant the server keeps, or the way back in
 * when Nomos ended that grant; and what the last action did.
 */
export function AlertsView({
  state,
  status,
  problems,
  counts,
}: {
  state: Loaded;
  status: string | undefined;
  problems: string[];
  /** Numbers the last action reports (`deleted`, `delivered`, `devices`). */
  counts: Record<'deleted' | 'delivered' | 'devices', number>;
}) {
  const t = useTranslations('AlertSettings');
  const label = useSubscriptionLabel();
  const { held, settings } = state;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
        <p className="mt-1 text-sm">
          <Link className="font-medium text-brand-700 underline dark:text-brand-500" href="/dashboard" prefetch={false}>
            {t('back')}
          </Link>
        </p>
      </div>
      {isSettingsStatus(status) && <StatusNotice status={status} problems={problems} counts={counts} />}
      {!held || !settings ? (
        <OptIn />
      ) : held.ended ? (
        <Section id="ended-title" title={t('endedTitle')}>
          <p className="mt-2">{t('endedText')}</p>
          <div className="mt-4">
            <ActionButton action="enable" label={t('turnBackOn')} style={primary} />
          </div>
        </Section>
      ) : (
        <>
          <AlertSettingsForm settings={settings} subscriptions={state.subscriptions} subscriptionLabel={label} />
          <DeviceCard vapidPublicKey={state.vapidPublicKey} />
          <FeedCard feed={state.feed} />
        </>
      )}
      {held && (
        <Section id="forget-title" title={t('forgetTitle')}>
          <p className="mt-2 text-slate-700 dark:text-slate-300">{t('forgetText')}</p>
          <div className="mt-4">
            <ActionButton action="forget" label={t('forgetButton')} style={danger} />
          </div>
        </Section>
      )}
    </div>
  );
}

function OptIn() {
  const t = useTranslations('AlertSettings');
  return (
    <Section id="opt-in-title" title={t('optInTitle')}>
      <p className="mt-2">{t('optInIntro')}</p>
      <p className="mt-4 font-medium">{t('optInWhat')}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
        <li>{t('optInKeeps')}</li>
        <li>{t('optInReadOnly')}</li>
        <li>{t('optInStop')}</li>
      </ul>
      <div className="mt-5">
        <ActionButton action="enable" label={t('optInButton')} style={primary} />
      </div>
    </Section>
  );
}

/** Field paths of a refused form (`loads.1.durationMinutes`), in words. */
function useFieldNames(problems: string[]): string {
  const t = useTranslations('AlertSettings');
  const names = problems.map((path) => {
    const [head, row] = path.split('.');
    if (head === 'loads' && row !== undefined && /^\d+$/.test(row)) return t('field.load', { row: Number(row) + 1 });
    switch (head) {
      case 'locale':
      case 'subscriptionId':
      case 'cheapWindow':
      case 'threshold':
      case 'quietHours':
      case 'loads':
        return t(`field.${head}`);
      default:
        return head ?? '';
    }
  });
  return [...new Set(names)].filter(Boolean).join(', ');
}

function DeviceCard({ vapidPublicKey }: { vapidPublicKey: string | undefined }) {
  const t = useTranslations('AlertSettings');
  const text: PushDeviceText = {
    unsupported: t('push.unsupported'),
    allow: t('push.allow'),
    allowed: t('push.allowed'),
    stop: t('push.stop'),
    stopped: t('push.stopped'),
    blocked: t('push.blocked'),
    failed: t('push.failed'),
    working: t('push.working'),
  };
  return (
    <Section id="device-title" title={t('deviceTitle')}>
      {vapidPublicKey ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">{t('deviceText')}</p>
          <div className="mt-4">
            <PushDevice vapidPublicKey={vapidPublicKey} text={text} />
          </div>
          <div className="mt-2">
            <ActionButton action="test" label={t('testButton')} style={secondary} />
          </div>
        </>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t('pushOff')}</p>
      )}
    </Section>
  );
}

function FeedCard({ feed }: { feed: FeedAddress | null }) {
  const t = useTranslations('AlertSettings');
  return (
    <Section id="feed-title" title={t('feedTitle')}>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t('feedText')}</p>
      {feed ? (
        <>
          <ul className="mt-3 space-y-2 text-sm">
            <li>
              <a className="font-medium text-brand-700 underline dark:text-brand-500" href={feed.webcal}>
                {t('feedWebcal')}
              </a>
            </li>
            <li>
              {t('feedIcs')}: <code className="font-mono break-all">{feed.ics}</code>
            </li>
            <li>
              {t('feedJson')}: <code className="font-mono break-all">{feed.json}</code>
            </li>
          </ul>
          <div className="mt-4 flex flex-wrap gap-3">
            <ActionButton action="feed-rotate" label={t('feedRotate')} style={secondary} />
            <ActionButton action="feed-revoke" label={t('feedRevoke')} style={danger} />
          </div>
        </>
      ) : (
        <div className="mt-4">
          <ActionButton action="feed-create" label={t('feedCreate')} style={secondary} />
        </div>
      )}
    </Section>
  );
}

function StatusNotice({
  status,
  problems,
  counts,
}: {
  status: SettingsStatus;
  problems: string[];
  counts: Record<'deleted' | 'delivered' | 'devices', number>;
}) {
  const t = useTranslations('AlertSettings');
  const fields = useFieldNames(problems);
  const trouble = status === 'invalid' || status === 'unavailable';
  return (
    <p
      role={trouble ? 'alert' : 'status'}
      className={
        trouble
          ? 'rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
          : 'rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100'
      }
    >
      {t(`status.${status}`, { fields, ...counts })}
    </p>
  );
}
