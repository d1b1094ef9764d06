import { ConnectPrompt } from '@/components/nomos/connect-prompt';
import { LogoutButton } from '@/components/nomos/logout-button';
import { NomosErrorNotice } from '@/components/nomos/nomos-error-notice';
import { PriceDashboardView } from '@/components/prices/price-dashboard-view';
import {
  EndedSubscription,
  NoSubscription,
  PendingSubscription,
} from '@/components/subscriptions/subscription-state';
import { SubscriptionSwitcher, subscriptionLabel } from '@/components/subscriptions/subscription-switcher';
import { getConnection } from '@/lib/auth/session';
import { getNow } from '@/lib/clock';
import { loadPrices, loadSubscriptions } from '@/lib/dashboard/load';
import { pickSubscription } from '@/lib/dashboard/select';
import { NomosError } from '@/lib/nomos/errors';
import { addDays, berlinDate, isValidDate } from '@/lib/prices/berlin-time';
import { normalizeDuration } from '@/lib/prices/cheapest-window';

export type DashboardParams = {
  subscription?: string;
  date?: string;
  duration?: string;
  view?: string;
};

function dashboardHref(params: DashboardParams) {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();
  return query ? `/dashboard?${query}` : '/dashboard';
}

export async function DashboardContent({ params }: { params: DashboardParams }) {
  const here = dashboardHref(params);
  try {
    const connection = await getConnection();
    if (!connection) return <ConnectPrompt returnTo={here} />;

    const [now, subscriptions] = await Promise.all([getNow(), loadSubscriptions(connection)]);
    const subscription = pickSubscription(subscriptions, params.subscription);
    const today = berlinDate(now);
    const date = params.date && isValidDate(params.date) ? params.date : today;

    const header = (
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Your electricity prices</h1>
          {subscription && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {subscriptionLabel(subscription)}
              {subscription.kind === 'feed_in' && ' · payout per kWh you feed in: higher is better'}
            </p>
          )}
        </div>
        <LogoutButton />
      </div>
    );
    const switcher = subscription && (
      <div className="mb-6">
        <SubscriptionSwitcher
          subscriptions={subscriptions}
          selectedId={subscription.id}
          hrefFor={(id) => dashboardHref({ ...params, subscription: id })}
        />
      </div>
    );

    if (!subscription) return <>{header}<NoSubscription /></>;
    if (subscription.status === 'pending') {
      return <>{header}{switcher}<PendingSubscription subscription={subscription} /></>;
    }
    if (subscription.status === 'ended') {
      return <>{header}{switcher}<EndedSubscription subscription={subscription} /></>;
    }

    const series = await loadPrices(connection, subscription.id, date, addDays(date, 1));
    return (
      <>
        {header}
        {switcher}
        <PriceDashboardView
          series={series}
          now={now}
          date={date}
          durationMinutes={normalizeDuration(params.duration, series.resolution)}
          kind={subscription.kind}
          view={params.view === 'components' ? 'components' : 'total'}
          searchParams={Object.fromEntries(
            Object.entries({ ...params, subscription: subscription.id }).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          )}
        />
      </>
    );
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    if (error.kind === 'connection-ended') return <ConnectPrompt returnTo={here} ended />;
    return <NomosErrorNotice message={error.message} requestId={error.requestId} retryHref={here} />;
  }
}
