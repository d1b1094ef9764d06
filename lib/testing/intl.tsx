import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';

import type { Locale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';

/**
 * Wraps a component for `renderToStaticMarkup` in a unit test, with every
 * message of `locale`, as the app's pages have them.
 */
export function withIntl(ui: ReactNode, locale: Locale = 'en') {
  return (
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Berlin">
      {ui}
    </NextIntlClientProvider>
  );
}
