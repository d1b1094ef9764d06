import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { LogoutButton } from '@/components/nomos/logout-button';
import { PendingSubscription } from '@/components/subscriptions/subscription-state';
import { SubscriptionSwitcher, useSubscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { Card } from '@/components/ui/card';
import { DayNav } from '@/components/ui/day-nav';
import { PeriodSummaryDetails, PeriodSummaryTable } from '@/components/usage/period-summary';
import { ShiftingCard } from '@/components/usage/shifting-card';
import { UsageChart } from '@/components/usage/usage-chart';
import { UsageSummary } from '@/components/usage/usage-summary';
import { UsageTable } from '@/components/usage/usage-table';
import { useFormat } from '@/lib/i18n/use-format';
import type { Subscription } from '@/lib/nomos/reshape';
import { berlinDate } from '@/lib/prices/berlin-time';
import type { UsageState } from '@/lib/usage/usage-page';

export type UsageParams = { subscription?: string; date?: string; shift?: string };

function definedEntries(params: UsageParams): [string, string][] {
  return Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

export function usageHref(params: UsageParams) {
  const query = new URLSearchParams(definedEntries(params)).toString();
  return query ? `/dashboard/usage?${query}` : '/dashboard/usage';
}

/** The page's heading, the way back to the prices and the logout; also shown above a failure. */
export function UsageHeader({ subscription }: { subscription?: Subscription }) {
  const t = useTranslations('Usage');
  const label = useSubscriptionLabel();
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
        {subscription && <p className="text-sm text-slate-600 dark:text-slate-400">{label(subscription)}</p>}
        <p className="mt-1 text-sm">
          <Link
            className="font-medium text-brand-700 underline dark:text-brand-500"
            href={subscription ? `/dashboard?subscription=${encodeURIComponent(subscription.id)}` : '/dashboard'}
            // A prefetch would render the other page, and call Nomos, on every view of this one.
            prefetch={false}
          >
            {t('backToPrices')}
          </Link>
        </p>
      </div>
      <LogoutButton />
    </div>
  );
}

/** The usage of one subscription's day, week and month, once it has loaded. */
export function UsageView({
  state,
  params,
  scripts = false,
}: {
  state: Extract<UsageState, { kind: 'subscription' }>;
  params: UsageParams;
  /** The browser runs JavaScript (`hems_js`): the table's rows are built when it is opened. */
  scripts?: boolean;
}) {
  const t = useTranslations('Usage');
  const format = useFormat();
  const { subscription, report } = state;
  const { kind } = subscription;
  const keep = { subscription: subscription.id, shift: params.shift };
  return (
    <>
      <UsageHeader subscription={subscription} />
      <div className="mb-6">
        <SubscriptionSwitcher
          subscriptions={state.subscriptions}
          selectedId={subscription.id}
          hrefFor={(id) => usageHref({ subscription: id })}
        />
      </div>
      {report === null && <PendingSubscription subscription={subscription} />}
      {subscription.status === 'ended' && subscription.endAt !== null && (
        <p
          role="status"
          className="mb-6 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          {t('contractEnded', { kind, date: format.date(berlinDate(subscription.endAt)) })}
        </p>
      )}
      {report && (
        <div className="mb-6">
          <DayNav
            date={state.date}
            home={{ date: state.latest, label: 'latest' }}
            last={state.latest}
            hrefFor={(date) => usageHref({ ...keep, date: date ?? undefined })}
          />
        </div>
      )}
      {report?.status === 'unpublished' && (
        <section
          role="status"
          className="rounded-xl border border-sky-200 bg-sky-50 p-6 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50"
        >
          <h2 className="text-xl font-semibold">{t('unpublishedTitle')}</h2>
          <p className="mt-2">
            {t('unpublishedText', {
              date: format.date(state.date),
              time: format.time(report.publishedAt),
              publishedDate: format.date(berlinDate(report.publishedAt)),
            })}
          </p>
        </section>
      )}
      {report?.status === 'ready' && (
        <div className="space-y-6">
          <Card aria-labelledby="usage-day-heading">
            <h2 id="usage-day-heading" className="mb-3 text-lg font-semibold">
              {format.date(state.date)}
            </h2>
            <UsageSummary day={report.day} kind={kind} />
          </Card>
          {report.day.metered > 0 && (
            <Card aria-label={t('chartRegion', { kind })}>
              <UsageChart rows={report.rows} date={state.date} kind={kind} />
            </Card>
          )}
          {report.day.metered > 0 && (
            <UsageTable rows={report.rows} date={state.date} kind={kind} rowsInHtml={!scripts} />
          )}
          {kind === 'consumption' && (
            <Card>
              <ShiftingCard
                result={report.shifting}
                sharePercent={report.sharePercent}
                hiddenParams={[
                  ['subscription', subscription.id],
                  ['date', state.date],
                ]}
              />
            </Card>
          )}
          <Card aria-label={t('periodsRegion')}>
            <div className="space-y-6">
              <PeriodSummaryTable title={t('lastSevenDays')} summary={report.week} kind={kind} />
              <PeriodSummaryDetails title={t('monthSoFar')} summary={report.month} kind={kind} rowsInHtml={!scripts} />
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
