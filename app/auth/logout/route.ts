import type { NextRequest } from 'next/server';

import { logout } from '@/lib/auth/logout/logout';
import { getPriceCache } from '@/lib/dashboard/load';
import { getRecentUsageCache, getUsageCache } from '@/lib/usage/load';

/** Logout also drops the connection's cached prices and usage days. */
export function POST(request: NextRequest) {
  return logout(request, [
    (grantId) => getPriceCache().clear(grantId),
    (grantId) => getUsageCache().clear(grantId),
    (grantId) => getRecentUsageCache().clear(grantId),
  ]);
}
