import type { NextRequest } from 'next/server';

import { completeLogin } from '@/lib/auth/callback';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return completeLogin(request);
}
