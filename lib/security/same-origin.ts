import 'server-only';

import type { NextRequest } from 'next/server';

import { config } from '@/lib/config';

/**
 * Only a POST from this app's own pages may end the session. Browsers send
 * `Sec-Fetch-Site` (and `Origin` on every POST); a request without either
 * cannot be shown to come from here and is refused.
 */
export function isSameOriginPost(request: NextRequest): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && (origin === new URL(config.appUrl).origin || origin === request.nextUrl.origin);
}
