import type { Subscription } from '@/lib/nomos/reshape';
import { berlinDate } from '@/lib/prices/berlin-time';
import { formatDate } from '@/lib/prices/format';
import { UNPUBLISHED_NOTE } from '@/components/prices/wording';

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      role="status"
      className="rounded-xl border border-slate-200 bg-slate-50 p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-xl font-semibold">{title}</h2>
      <div className="mt-2 text-slate-700 dark:text-slate-300">{children}</div>
    </section>
  );
}

/** No subscription yet: normal for someone who signed up without a plan. */
export function NoSubscription() {
  return (
    <Notice title="You don't have a Nomos subscription yet">
      <p>
        Once you have a dynamic tariff with Nomos, its prices appear here.{' '}
        <a className="font-medium text-brand-700 underline dark:text-brand-500" href="https://nomos.energy/">
          Choose a Nomos plan
        </a>
        .
      </p>
    </Notice>
  );
}

export function PendingSubscription({ subscription }: { subscription: Subscription }) {
  return (
    <Notice title="We're still setting up your contract">
      <p>
        {subscription.startAt
          ? `Your supply starts on ${formatDate(berlinDate(subscription.startAt))}. Prices appear here from then on.`
          : 'Prices appear here as soon as your supply starts. Nomos has not confirmed the start date yet.'}
      </p>
    </Notice>
  );
}

export function EndedSubscription({ subscription }: { subscription: Subscription }) {
  return (
    <Notice title="Your Nomos contract has ended">
      <p>
        {subscription.endAt
          ? `Your supply ended on ${formatDate(berlinDate(subscription.endAt))}, so there are no current prices.`
          : 'There are no current prices for an ended contract.'}
      </p>
    </Notice>
  );
}

/**
 * An active subscription without prices for the day asked for: tomorrow
 * before the day-ahead auction is published, or a day before the supply started.
 */
export function NoPrices({ date, isTomorrow }: { date: string; isTomorrow: boolean }) {
  if (isTomorrow) {
    return (
      <Notice title={UNPUBLISHED_NOTE}>
        <p>The prices for {formatDate(date)} are not published yet. Come back after 14:00.</p>
      </Notice>
    );
  }
  return (
    <Notice title="No prices for this day">
      <p>Nomos has no prices for your subscription on {formatDate(date)}.</p>
    </Notice>
  );
}
