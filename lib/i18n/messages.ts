import { createTranslator } from 'next-intl';

import de from './messages/de.json';
import en from './messages/en.json';

import type { Locale } from './locales';

/** English is the reference: its keys are the type every language must have. */
export type Messages = typeof en;

// A key missing in German fails the type-check on the first line, a key only
// German has on the second; each error names the key.
const german: Messages = de;
const english: typeof de = en;

const catalogues: Record<Locale, Messages> = { de: german, en: english };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/**
 * One namespace's messages in `locale`, outside React: for what a route
 * handler writes itself (the 429 page, the calendar file) and for tests.
 */
export function translatorFor<Namespace extends keyof Messages>(locale: Locale, namespace: Namespace) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}

/**
 * The namespaces client components translate in the browser: only the
 * dashboard's error boundary (`DashboardError`), which the layout sends.
 * Everything else is translated on the server and never shipped as
 * JavaScript: the chart's and the cheapest-window form's client leaves get
 * their words and figures as props, already in the page's language.
 */
export const CLIENT_NAMESPACES = ['DashboardError'] as const satisfies readonly (keyof Messages)[];

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

// Picked once per language and namespace, not on every page render.
const picked = new Map<string, Partial<Messages>>();

/** The messages of `namespaces` in `locale`, for a `NextIntlClientProvider`. */
export function clientMessages<N extends ClientNamespace>(locale: Locale, namespaces: readonly N[]): Pick<Messages, N> {
  const key = `${locale}:${namespaces.join(',')}`;
  let messages = picked.get(key);
  if (!messages) {
    const all = catalogues[locale];
    messages = Object.fromEntries(namespaces.map((namespace) => [namespace, all[namespace]]));
    picked.set(key, messages);
  }
  // Built from exactly these namespaces just above.
  return messages as Pick<Messages, N>;
}
