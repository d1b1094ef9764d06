import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { AlertsView } from '@/components/alerts/alerts-view';
import { PageFailureView } from '@/components/nomos/page-failure';
import { loadAlertsPage } from '@/lib/alerts/alerts-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('AlertSettings');
  return { title: t('title') };
}

const HERE = '/dashboard/alerts';

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [params, state, t] = await Promise.all([searchParams, loadAlertsPage(), getTranslations('AlertSettings')]);
  const header = <h1 className="mb-6 text-2xl font-bold tracking-tight">{t('title')}</h1>;
  if (state.kind !== 'subscription') return <PageFailureView state={state} here={HERE} header={header} />;
  const param = (name: string) => (typeof params[name] === 'string' ? params[name] : undefined);
  return (
    <AlertsView
      state={state}
      status={param('status')}
      problems={param('problems')?.split(' ') ?? []}
      counts={{
        deleted: Number(param('deleted') ?? 0),
        delivered: Number(param('delivered') ?? 0),
        devices: Number(param('devices') ?? 0),
      }}
    />
  );
}
