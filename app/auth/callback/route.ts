import type { NextRequest } from 'next/server';

import { completeLogin } from '@/lib/auth/callback';
import { withAuthRateLimit } from '@/lib/auth/rate-limit';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return withAuthRateLimit(request, completeLogin);
}
