import type { NextRequest } from 'next/server';

import { startLogin } from '@/lib/auth/sign-in/login';
import { withAuthRateLimit } from '@/lib/rate-limit/rate-limit';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return withAuthRateLimit(request, startLogin);
}
