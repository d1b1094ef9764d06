import { cookies } from 'next/headers';
import { Suspense } from 'react';

import { PriceDashboardSkeleton } from '@/components/prices/loading-skeleton';
import { SCRIPT_COOKIE } from '@/components/ui/script-cookie';

/**
 * Like a `loading.tsx`, but only for browsers that run JavaScript: they get
 * the skeleton at once and the prices streamed in. Streamed content is put
 * in place by a small inline script, so a browser without JavaScript gets
 * the whole page in one piece instead, readable as it is.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  if (!(await cookies()).has(SCRIPT_COOKIE)) return children;
  return <Suspense fallback={<PriceDashboardSkeleton />}>{children}</Suspense>;
}
