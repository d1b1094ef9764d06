import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';

import { messagesFor } from './messages';
import { LOCALE_COOKIE, resolveLocale } from './locales';

/**
 * The language of each request, for every server component: the switch's
 * cookie, else the browser's `Accept-Language`. There are no language
 * prefixes in the URLs; a link reads the same in both languages.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
  return { locale, messages: messagesFor(locale), timeZone: 'Europe/Berlin' };
});
