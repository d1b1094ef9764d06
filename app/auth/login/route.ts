import type { NextRequest } from 'next/server';

import { startLogin } from '@/lib/auth/login';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return startLogin(request);
}
