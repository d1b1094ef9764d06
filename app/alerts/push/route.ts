import type { NextRequest } from 'next/server';

import { pushSubscriptionPost } from '@/lib/alerts/push-route';

/** The settings page's push button: keep or forget this device's push subscription. */
export function POST(request: NextRequest) {
  return pushSubscriptionPost(request);
}
