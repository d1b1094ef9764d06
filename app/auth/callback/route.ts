import type { NextRequest } from 'next/server';

import { completeLogin } from '@/lib/auth/sign-in/callback';
import { withAuthRateLimit } from '@/lib/rate-limit/rate-limit';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return withAuthRateLimit(request, completeLogin);
}
