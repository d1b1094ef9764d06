import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';

import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';
import { SCRIPT_COOKIE } from '@/components/ui/script-cookie';

import { DashboardContent, type DashboardParams } from './_components/dashboard-content';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Dashboard');
  return { title: t('metaTitle') };
}

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
  const content = <DashboardContent params={params} scripts={scripts} />;
  if (!scripts) return content;
  // A new key per query: switching subscription or day shows the skeleton
  // again instead of the previous day's prices (see layout.tsx).
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PriceDashboardSkeleton />}>
      {content}
    </Suspense>
  );
}
