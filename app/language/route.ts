import type { NextRequest } from 'next/server';

import { switchLanguage } from '@/lib/i18n/switch';

export function POST(request: NextRequest) {
  return switchLanguage(request);
}
