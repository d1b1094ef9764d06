import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';

export default function Loading() {
  return <PriceDashboardSkeleton />;
}
