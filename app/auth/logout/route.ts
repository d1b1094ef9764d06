import type { NextRequest } from 'next/server';

import { logout } from '@/lib/auth/logout';

export function POST(request: NextRequest) {
  return logout(request);
}
