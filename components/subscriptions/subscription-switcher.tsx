import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { Subscription } from '@/lib/nomos/reshape';

type SubscriptionsTranslator = ReturnType<typeof useTranslations<'Subscriptions'>>;

/** "Consumption 123456" / "Verbrauch 123456", with a translator of `Subscriptions`. */
export function subscriptionLabelWith(t: SubscriptionsTranslator, subscription: Subscription): string {
  return t('label', { kind: subscription.kind, number: subscription.number ?? subscription.id });
}

/**
 * The subscription's name in the page's language, for sync server
 * components; async ones use `subscriptionLabelWith(await getTranslations('Subscriptions'), s)`.
 */
export function useSubscriptionLabel(): (subscription: Subscription) => string {
  const t = useTranslations('Subscriptions');
  return (subscription) => subscriptionLabelWith(t, subscription);
}

/**
 * One link per subscription; the choice lives in the URL (`?subscription=`).
 * A subscription that is not active says so in its visible text, which is
 * also its accessible name; an active one adds ", active" for screen readers
 * only, after the visible name.
 */
export function SubscriptionSwitcher({
  subscriptions,
  selectedId,
  hrefFor,
}: {
  subscriptions: Subscription[];
  selectedId: string;
  hrefFor: (subscriptionId: string) => string;
}) {
  const t = useTranslations('Subscriptions');
  if (subscriptions.length < 2) return null;
  return (
    <nav aria-label={t('switcher')} className="flex flex-wrap gap-2">
      {subscriptions.map((subscription) => {
        const selected = subscription.id === selectedId;
        return (
          <Link
            key={subscription.id}
            href={hrefFor(subscription.id)}
            // A prefetch would render that subscription's page, and call Nomos, on every view of this one.
            prefetch={false}
            aria-current={selected ? 'page' : undefined}
            className={`rounded-full border px-3 py-1.5 text-sm ${
              selected
                ? 'border-brand-600 bg-brand-600 font-semibold text-white'
                : 'border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800'
            }`}
          >
            {t.rich('link', {
              label: subscriptionLabelWith(t, subscription),
              status: subscription.status,
              hidden: (chunks) => <span className="sr-only">{chunks}</span>,
            })}
          </Link>
        );
      })}
    </nav>
  );
}
