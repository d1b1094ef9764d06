import type { Metadata } from 'next';
import { Suspense } from 'react';

import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';

import { DashboardContent, type DashboardParams } from './_components/dashboard-content';

export const metadata: Metadata = { title: 'Your prices' };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const param = (name: string) => (typeof raw[name] === 'string' ? raw[name] : undefined);
  const params: DashboardParams = {
    subscription: param('subscription'),
    date: param('date'),
    duration: param('duration'),
    view: param('view'),
  };
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PriceDashboardSkeleton />}>
      <DashboardContent params={params} />
    </Suspense>
  );
}
