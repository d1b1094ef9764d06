import type { NextRequest } from 'next/server';

import { alertSettingsPost } from '@/lib/alerts/settings-actions';

/** The settings page's form posts: turn alerts on, save them, or forget everything kept. */
export function POST(request: NextRequest) {
  return alertSettingsPost(request);
}
