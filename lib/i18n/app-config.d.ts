import type { Locale } from './locales';
import type { Messages } from './messages';

// Typed keys: `t('Home.title')` only compiles when English has the key, and
// i18n/messages.ts makes German match English key for key.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
