import Link from 'next/link';

import type { Subscription } from '@/lib/nomos/reshape';

export function subscriptionLabel(subscription: Subscription): string {
  const kind = subscription.kind === 'feed_in' ? 'Feed-in' : 'Consumption';
  return `${kind} ${subscription.number ?? subscription.id}`;
}

const statusText = { active: 'active', pending: 'being set up', ended: 'ended' } as const;

/** One link per subscription; the choice lives in the URL (`?subscription=`). */
export function SubscriptionSwitcher({
  subscriptions,
  selectedId,
  hrefFor,
}: {
  subscriptions: Subscription[];
  selectedId: string;
  hrefFor: (subscriptionId: string) => string;
}) {
  if (subscriptions.length < 2) return null;
  return (
    <nav aria-label="Your subscriptions" className="flex flex-wrap gap-2">
      {subscriptions.map((subscription) => {
        const selected = subscription.id === selectedId;
        return (
          <Link
            key={subscription.id}
            href={hrefFor(subscription.id)}
            aria-current={selected ? 'page' : undefined}
            className={`rounded-full border px-3 py-1.5 text-sm ${
              selected
                ? 'border-brand-600 bg-brand-600 font-semibold text-white'
                : 'border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800'
            }`}
          >
            {subscriptionLabel(subscription)}
            <span className="sr-only">, {statusText[subscription.status]}</span>
            {subscription.status !== 'active' && <span aria-hidden> ({statusText[subscription.status]})</span>}
          </Link>
        );
      })}
    </nav>
  );
}
