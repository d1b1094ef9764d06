import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';

import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';
import { SCRIPT_COOKIE } from '@/components/ui/script-cookie';
import { loadDashboard } from '@/lib/dashboard/dashboard';
import { NotCached } from '@/lib/dashboard/load';

import { DashboardContent, type DashboardParams } from './_components/dashboard-content';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Dashboard');
  return { title: t('metaTitle') };
}

/**
 * One piece or streamed, decided per request by what the prices need:
 * - cached (or none to show): the page in one piece, which a phone paints
 *   sooner than a skeleton followed by the content;
 * - a call to Nomos for prices pending: the page streams, the skeleton
 *   first, for browsers that run JavaScript (streamed content is put in
 *   place by a small inline script; a browser without it gets one piece).
 */
export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [raw, cookieStore] = await Promise.all([searchParams, cookies()]);
  const param = (name: string) => (typeof raw[name] === 'string' ? raw[name] : undefined);
  const params: DashboardParams = {
    subscription: param('subscription'),
    date: param('date'),
    duration: param('duration'),
    view: param('view'),
  };
  const scripts = cookieStore.has(SCRIPT_COOKIE);
  if (!scripts) return <DashboardContent params={params} />;
  const ready = await loadDashboard(params, { cachedOnly: true }).catch((error: unknown) => {
    if (error instanceof NotCached) return null;
    throw error;
  });
  if (ready) return <DashboardContent params={params} state={ready} scripts />;
  // A new key per query: switching subscription or day shows the skeleton
  // again instead of the previous day's prices.
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PriceDashboardSkeleton />}>
      <DashboardContent params={params} scripts />
    </Suspense>
  );
}
