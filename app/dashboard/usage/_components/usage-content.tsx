import Link from 'next/link';

import { LogoutButton } from '@/components/nomos/logout-button';
import { PageFailureView } from '@/components/nomos/page-failure';
import { PendingSubscription } from '@/components/subscriptions/subscription-state';
import { SubscriptionSwitcher, subscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { Card } from '@/components/ui/card';
import { PeriodSummaryTable } from '@/components/usage/period-summary';
import { ShiftingCard } from '@/components/usage/shifting-card';
import { UsageChart } from '@/components/usage/usage-chart';
import { UsageDayNav } from '@/components/usage/usage-day-nav';
import { UsageSummary } from '@/components/usage/usage-summary';
import { UsageTable } from '@/components/usage/usage-table';
import { usageWordingFor } from '@/components/usage/usage-wording';
import type { Subscription } from '@/lib/nomos/reshape';
import { berlinDate } from '@/lib/prices/berlin-time';
import { formatDate, formatTime } from '@/lib/prices/format';
import { loadUsagePage } from '@/lib/usage/usage-page';

export type UsageParams = { subscription?: string; date?: string; shift?: string };

function definedEntries(params: UsageParams): [string, string][] {
  return Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

function usageHref(params: UsageParams) {
  const query = new URLSearchParams(definedEntries(params)).toString();
  return query ? `/dashboard/usage?${query}` : '/dashboard/usage';
}

function Header({ subscription }: { subscription?: Subscription }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Usage and cost</h1>
        {subscription && <p className="text-sm text-slate-600 dark:text-slate-400">{subscriptionLabel(subscription)}</p>}
        <p className="mt-1 text-sm">
          <Link
            className="font-medium text-brand-700 underline dark:text-brand-500"
            href={subscription ? `/dashboard?subscription=${encodeURIComponent(subscription.id)}` : '/dashboard'}
            // A prefetch would render the other page, and call Nomos, on every view of this one.
            prefetch={false}
          >
            ← Prices and the cheapest time
          </Link>
        </p>
      </div>
      <LogoutButton />
    </div>
  );
}

export async function UsageContent({ params }: { params: UsageParams }) {
  const here = usageHref(params);
  const state = await loadUsagePage(params);

  if (state.kind !== 'subscription') return <PageFailureView state={state} here={here} header={<Header />} />;

  const { subscription, report } = state;
  const words = usageWordingFor(subscription.kind);
  const keep = { subscription: subscription.id, shift: params.shift };
  return (
    <>
      <Header subscription={subscription} />
      <div className="mb-6">
        <SubscriptionSwitcher
          subscriptions={state.subscriptions}
          selectedId={subscription.id}
          hrefFor={(id) => usageHref({ subscription: id })}
        />
      </div>
      {report === null && <PendingSubscription subscription={subscription} />}
      {subscription.status === 'ended' && subscription.endAt !== null && (
        <p role="status" className="mb-6 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          Your Nomos contract ended on {formatDate(berlinDate(subscription.endAt))}: usage is shown up to then.
        </p>
      )}
      {report && (
        <div className="mb-6">
          <UsageDayNav date={state.date} latest={state.latest} hrefFor={(date) => usageHref({ ...keep, date: date ?? undefined })} />
        </div>
      )}
      {report?.status === 'unpublished' && (
        <section role="status" className="rounded-xl border border-sky-200 bg-sky-50 p-6 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50">
          <h2 className="text-xl font-semibold">Usage not published yet</h2>
          <p className="mt-2">
            Nomos publishes the meter readings of {formatDate(state.date)} around {formatTime(report.publishedAt)} on{' '}
            {formatDate(berlinDate(report.publishedAt))}.
          </p>
        </section>
      )}
      {report?.status === 'ready' && (
        <div className="space-y-6">
          <Card aria-labelledby="usage-day-heading">
            <h2 id="usage-day-heading" className="mb-3 text-lg font-semibold">
              {formatDate(state.date)}
            </h2>
            <UsageSummary day={report.day} kind={subscription.kind} />
          </Card>
          {report.day.metered > 0 && (
            <Card aria-label="Usage chart">
              <UsageChart rows={report.rows} date={state.date} moneyLabel={words.money} />
            </Card>
          )}
          {report.day.metered > 0 && <UsageTable rows={report.rows} date={state.date} moneyColumn={words.moneyColumn} />}
          {subscription.kind === 'consumption' && (
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
          <Card aria-label="Week and month">
            <div className="space-y-6">
              <PeriodSummaryTable title="Last 7 days" summary={report.week} kind={subscription.kind} />
              <PeriodSummaryTable title="This month so far" summary={report.month} kind={subscription.kind} />
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
