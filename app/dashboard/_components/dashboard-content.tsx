import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { LogoutButton } from '@/components/nomos/logout-button';
import { PageFailureView } from '@/components/nomos/page-failure';
import { PriceDashboardView } from '@/components/prices/price-dashboard-view';
import { EndedSubscription, NoPrices, PendingSubscription } from '@/components/subscriptions/subscription-state';
import { SubscriptionSwitcher, useSubscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { DayNav } from '@/components/ui/day-nav';
import { config } from '@/lib/config';
import { loadDashboard, type DashboardState } from '@/lib/dashboard/dashboard';
import type { Subscription } from '@/lib/nomos/reshape';
import { addDays, berlinDate } from '@/lib/prices/berlin-time';
import { normalizeDuration } from '@/lib/prices/cheapest-window';

export type DashboardParams = {
  subscription?: string;
  date?: string;
  duration?: string;
  view?: string;
};

function definedEntries(params: DashboardParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function dashboardHref(params: DashboardParams) {
  const query = new URLSearchParams(definedEntries(params)).toString();
  return query ? `/dashboard?${query}` : '/dashboard';
}

function Header({ subscription }: { subscription?: Subscription }) {
  const t = useTranslations('Dashboard');
  const label = useSubscriptionLabel();
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t('heading')}</h1>
        {subscription && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t('subtitle', { kind: subscription.kind, label: label(subscription) })}
          </p>
        )}
        <p className="mt-1 text-sm">
          <Link
            className="font-medium text-brand-700 underline dark:text-brand-500"
            href={
              subscription ? `/dashboard/usage?subscription=${encodeURIComponent(subscription.id)}` : '/dashboard/usage'
            }
            // A prefetch would render the other page, and call Nomos, on every view of this one.
            prefetch={false}
          >
            {t('usageLink')}
          </Link>
          {' · '}
          <Link
            className="font-medium text-brand-700 underline dark:text-brand-500"
            href="/dashboard/alerts"
            prefetch={false}
          >
            {t('alertsLink')}
          </Link>
        </p>
      </div>
      <LogoutButton />
    </div>
  );
}

/**
 * The dashboard for `params`, loaded here unless the page has its `state`
 * already. `scripts`: the browser has shown that it runs JavaScript
 * (`hems_js`), so the table's rows are built when it is opened instead of
 * sent in the HTML.
 */
export async function DashboardContent({
  params,
  state: loaded,
  scripts = false,
}: {
  params: DashboardParams;
  state?: DashboardState;
  scripts?: boolean;
}) {
  const here = dashboardHref(params);
  const state = loaded ?? (await loadDashboard(params));

  if (state.kind !== 'subscription') return <PageFailureView state={state} here={here} header={<Header />} />;

  const { subscription, subscriptions, series } = state;
  const today = berlinDate(state.now);
  return (
    <>
      <Header subscription={subscription} />
      <div className="mb-6">
        <SubscriptionSwitcher
          subscriptions={subscriptions}
          selectedId={subscription.id}
          hrefFor={(id) => dashboardHref({ subscription: id })}
        />
      </div>
      {subscription.status === 'pending' && <PendingSubscription subscription={subscription} />}
      {subscription.status === 'ended' && <EndedSubscription subscription={subscription} />}
      {series && (
        <div className="mb-6">
          <DayNav
            date={state.date}
            home={{ date: today, label: 'today' }}
            last={addDays(today, 1)}
            hrefFor={(date) => dashboardHref({ ...params, subscription: subscription.id, date: date ?? undefined })}
          />
        </div>
      )}
      {series && series.intervals.length === 0 && (
        <NoPrices date={state.date} isTomorrow={state.date === addDays(today, 1)} />
      )}
      {series && series.intervals.length > 0 && (
        <PriceDashboardView
          series={series}
          now={state.now}
          date={state.date}
          durationMinutes={normalizeDuration(params.duration, series.resolution)}
          kind={subscription.kind}
          view={params.view === 'components' ? 'components' : 'total'}
          searchParams={definedEntries({ ...params, subscription: subscription.id })}
          appUrl={config.appUrl}
          scripts={scripts}
        />
      )}
    </>
  );
}
