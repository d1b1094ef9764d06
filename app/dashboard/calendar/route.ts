import type { NextRequest } from 'next/server';

import { windowCalendarResponse } from '@/lib/calendar/window-download';

/** The dashboard's cheapest window as an `.ics` download; works as a plain link without JavaScript. */
export function GET(request: NextRequest) {
  return windowCalendarResponse(request.nextUrl.searchParams);
}
