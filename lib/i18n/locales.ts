/**
 * The app's two languages and how a request picks one: the visitor's own
 * choice (the language switch's cookie) first, then the browser's
 * `Accept-Language`, then English.
 */
export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];

/** For a browser that names neither German nor English. */
export const defaultLocale: Locale = 'en';

/** Set by the language switch (`POST /language`); read on every request. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** A year: the choice outlives sessions and sign-outs. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The regional conventions each language is shown in. German households see
 * de-DE (decimal comma, "1,23 €"); English uses en-GB, the European English
 * convention: decimal point, day before month and a 24-hour clock, so times
 * read the same as on a German bill or meter.
 */
export const intlLocales: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The first supported language the browser asks for, by `q` weight and
 * then by order ("fr-CH, de;q=0.8, en;q=0.5" → German). `de-AT`, `de-CH`
 * and other regional tags count as German; `*` and anything else we do
 * not speak is skipped. Malformed headers fall back to English.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header || header.length > 1_000) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { language } of ranked) {
    if (isLocale(language)) return language;
  }
  return defaultLocale;
}

/** The request's language: a valid cookie wins, then the browser's preference. */
export function resolveLocale(input: {
  cookie: string | undefined;
  acceptLanguage: string | null | undefined;
}): Locale {
  return isLocale(input.cookie) ? input.cookie : localeFromAcceptLanguage(input.acceptLanguage);
}
