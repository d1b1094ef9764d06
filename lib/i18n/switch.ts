import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { isSameOriginPost } from '@/lib/security/same-origin';
import { config } from '@/lib/config';

import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from './locales';

/**
 * The page to go back to after switching: the page the form was on (its
 * `Referer`), on this app's own origin, or the start page. Sign-in routes
 * other than the error page are never a destination.
 */
export function backTo(referer: string | null, appUrl: string): URL {
  const appOrigin = new URL(appUrl).origin;
  const home = new URL('/', appOrigin);
  if (!referer || referer.length > 2048) return home;
  let from: URL;
  try {
    from = new URL(referer);
  } catch {
    return home;
  }
  if (from.origin !== appOrigin) return home;
  // Rebuilt on our origin and checked again: a path like `//host/` would leave it.
  const target = new URL(`${from.pathname}${from.search}`, appOrigin);
  if (target.origin !== appOrigin) return home;
  if (target.pathname.startsWith('/auth/') && target.pathname !== '/auth/error') return home;
  return target;
}

/**
 * `POST /language` with `locale=de|en`: remembers the choice in a cookie
 * and goes back (303) to the page the switch was on. A plain form, so it
 * works without JavaScript; only this app's own pages may post it.
 */
export async function switchLanguage(request: NextRequest): Promise<Response> {
  if (!isSameOriginPost(request)) {
    return NextResponse.json(
      { code: 'FORBIDDEN', message: 'Change the language from the app itself: cross-site requests are refused.' },
      { status: 403 },
    );
  }
  const form = await request.formData().catch(() => null);
  const locale = form?.get('locale');
  if (!isLocale(locale)) {
    return NextResponse.json(
      { code: 'INVALID_LOCALE', message: 'Send locale=de or locale=en as a form field.' },
      { status: 400 },
    );
  }
  const response = NextResponse.redirect(backTo(request.headers.get('referer'), config.appUrl), 303);
  response.cookies.set(LOCALE_COOKIE, locale, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
  });
  return response;
}
