import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';

import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';
import { SCRIPT_COOKIE } from '@/components/ui/script-cookie';
import { NotCached } from '@/lib/dashboard/load';
import { loadUsagePage } from '@/lib/usage/usage-page';

import { UsageContent, type UsageParams } from './_components/usage-content';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Usage');
  return { title: t('title') };
}

export default async function UsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [raw, cookieStore] = await Promise.all([searchParams, cookies()]);
  const param = (name: string) => (typeof raw[name] === 'string' ? raw[name] : undefined);
  const params: UsageParams = { subscription: param('subscription'), date: param('date'), shift: param('shift') };
  const scripts = cookieStore.has(SCRIPT_COOKIE);
  if (!scripts) return <UsageContent params={params} />;
  // As the prices (app/dashboard/page.tsx): one piece when usage and prices are cached, else streamed.
  const ready = await loadUsagePage(params, { cachedOnly: true }).catch((error: unknown) => {
    if (error instanceof NotCached) return null;
    throw error;
  });
  if (ready) return <UsageContent params={params} state={ready} scripts />;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PriceDashboardSkeleton />}>
      <UsageContent params={params} scripts />
    </Suspense>
  );
}
