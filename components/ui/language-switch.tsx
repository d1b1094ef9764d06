import { useLocale, useTranslations } from 'next-intl';

import { locales, type Locale } from '@/lib/i18n/locales';

const NAMES = { de: 'german', en: 'english' } as const satisfies Record<Locale, string>;

/**
 * Two buttons in a plain form (`POST /language`): works without
 * JavaScript, and the choice is kept in a cookie. Each language is named
 * in itself ("Deutsch", "English") and marked with its `lang`, so a screen
 * reader pronounces it right; the current one is pressed.
 */
export function LanguageSwitch() {
  const t = useTranslations('Layout');
  const current = useLocale();
  return (
    <form method="post" action="/language" aria-label={t('language')} className="flex items-center gap-1">
      {locales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          title={t('switchTo', { language: t(NAMES[locale]) })}
          className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-900 aria-pressed:text-white dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900"
          data-testid={`language-${locale}`}
        >
          {t(NAMES[locale])}
        </button>
      ))}
    </form>
  );
}
