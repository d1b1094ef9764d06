import { useTranslations } from 'next-intl';

import { useFormat } from '@/lib/i18n/use-format';
import type { Subscription } from '@/lib/nomos/reshape';
import { berlinDate } from '@/lib/prices/berlin-time';

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
  const t = useTranslations('Subscriptions.none');
  return (
    <Notice title={t('title')}>
      <p>
        {t.rich('text', {
          link: (chunks) => (
            <a className="font-medium text-brand-700 underline dark:text-brand-500" href="https://nomos.energy/">
              {chunks}
            </a>
          ),
        })}
      </p>
    </Notice>
  );
}

export function PendingSubscription({ subscription }: { subscription: Subscription }) {
  const t = useTranslations('Subscriptions.pending');
  const format = useFormat();
  return (
    <Notice title={t('title')}>
      <p>
        {subscription.startAt ? t('startsOn', { date: format.date(berlinDate(subscription.startAt)) }) : t('noDate')}
      </p>
    </Notice>
  );
}

export function EndedSubscription({ subscription }: { subscription: Subscription }) {
  const t = useTranslations('Subscriptions.ended');
  const format = useFormat();
  return (
    <Notice title={t('title')}>
      <p>{subscription.endAt ? t('endedOn', { date: format.date(berlinDate(subscription.endAt)) }) : t('noDate')}</p>
    </Notice>
  );
}

/**
 * An active subscription without prices for the day asked for: tomorrow
 * before the day-ahead auction is published, or a day before the supply started.
 */
export function NoPrices({ date, isTomorrow }: { date: string; isTomorrow: boolean }) {
  const t = useTranslations('Subscriptions.noPrices');
  const tPrices = useTranslations('Prices');
  const format = useFormat();
  if (isTomorrow) {
    return (
      <Notice title={tPrices('unpublished')}>
        <p>{t('unpublished', { date: format.date(date) })}</p>
      </Notice>
    );
  }
  return (
    <Notice title={t('title')}>
      <p>{t('text', { date: format.date(date) })}</p>
    </Notice>
  );
}
