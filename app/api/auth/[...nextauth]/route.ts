import type { NextRequest } from 'next/server';

import { handleNextAuth } from '@/lib/auth/next-auth/auth';
import { withAuthRateLimit } from '@/lib/rate-limit/rate-limit';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not found', { status: 404 });

/** Auth.js's routes, in the next-auth style only. The callback counts against the sign-in rate limit. */
export function GET(request: NextRequest) {
  if (config.authStyle !== 'next-auth') return notFound();
  if (request.nextUrl.pathname.startsWith('/api/auth/callback/')) return withAuthRateLimit(request, handleNextAuth);
  return handleNextAuth(request);
}

export function POST(request: NextRequest) {
  if (config.authStyle !== 'next-auth') return notFound();
  // Auth.js also takes a callback as a form post (`response_mode=form_post`): the same limit.
  if (request.nextUrl.pathname.startsWith('/api/auth/callback/')) return withAuthRateLimit(request, handleNextAuth);
  return handleNextAuth(request);
}
