import type { NextRequest } from 'next/server';

import { switchLanguage } from '@/i18n/switch';

export function POST(request: NextRequest) {
  return switchLanguage(request);
}
