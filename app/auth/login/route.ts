import type { NextRequest } from 'next/server';

import { startLogin } from '@/lib/auth/login';
import { withAuthRateLimit } from '@/lib/auth/rate-limit';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return withAuthRateLimit(request, startLogin);
}
