import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { useSubscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { ButtonLink } from '@/components/ui/button-link';
import { Card } from '@/components/ui/card';
import type { AlertsPageState } from '@/lib/alerts/alerts-page';

import { AlertSettingsForm, SETTINGS_ACTION } from './alert-settings-form';

type Loaded = Extract<AlertsPageState, { kind: 'subscription' }>;

const STATUSES = ['enabled', 'saved', 'forgotten', 'invalid', 'off', 'unavailable', 'no-subscription'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (value: string | undefined): value is Status => (STATUSES as readonly string[]).includes(value ?? '');

const primary =
  'rounded-lg bg-brand-600 px-5 py-3 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2';
const danger =
  'rounded-lg border border-red-300 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950';

/**
 * The alerts and calendar page: the opt-in with what it means, or the
 * settings of a customer whose grant the server keeps, or the way back in
 * when Nomos ended that grant; and what the last action did.
 */
export function AlertsView({
  state,
  status,
  problems,
  deleted,
}: {
  state: Loaded;
  status: string | undefined;
  problems: string[];
  deleted: number;
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
      {isStatus(status) && <StatusNotice status={status} problems={problems} deleted={deleted} />}
      {!held || !settings ? (
        <OptIn />
      ) : held.ended ? (
        <Card aria-labelledby="ended-title">
          <h2 id="ended-title" className="text-lg font-semibold">
            {t('endedTitle')}
          </h2>
          <p className="mt-2">{t('endedText')}</p>
          <div className="mt-4">
            <ButtonLink href="/auth/login?returnTo=%2Fdashboard%2Falerts">{t('reconnect')}</ButtonLink>
          </div>
        </Card>
      ) : (
        <AlertSettingsForm settings={settings} subscriptions={state.subscriptions} subscriptionLabel={label} />
      )}
      {held && (
        <Card aria-labelledby="forget-title">
          <h2 id="forget-title" className="text-lg font-semibold">
            {t('forgetTitle')}
          </h2>
          <p className="mt-2 text-slate-700 dark:text-slate-300">{t('forgetText')}</p>
          <form method="post" action={SETTINGS_ACTION} className="mt-4">
            <input type="hidden" name="action" value="forget" />
            <button type="submit" className={danger}>
              {t('forgetButton')}
            </button>
          </form>
        </Card>
      )}
    </div>
  );
}

function OptIn() {
  const t = useTranslations('AlertSettings');
  return (
    <Card aria-labelledby="opt-in-title">
      <h2 id="opt-in-title" className="text-lg font-semibold">
        {t('optInTitle')}
      </h2>
      <p className="mt-2">{t('optInIntro')}</p>
      <p className="mt-4 font-medium">{t('optInWhat')}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
        <li>{t('optInKeeps')}</li>
        <li>{t('optInReadOnly')}</li>
        <li>{t('optInStop')}</li>
      </ul>
      <form method="post" action={SETTINGS_ACTION} className="mt-5">
        <input type="hidden" name="action" value="enable" />
        <button type="submit" className={primary}>
          {t('optInButton')}
        </button>
      </form>
    </Card>
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

function StatusNotice({ status, problems, deleted }: { status: Status; problems: string[]; deleted: number }) {
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
      {t(`status.${status}`, { fields, deleted })}
    </p>
  );
}
