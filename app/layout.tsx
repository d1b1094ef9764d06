import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';

import { LanguageSwitch } from '@/components/ui/language-switch';
import { ScriptMarker } from '@/components/ui/script-marker';
import { clientMessages } from '@/lib/i18n/messages';

import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Metadata');
  return {
    title: { default: t('siteName'), template: t('titleTemplate') },
    description: t('description'),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0b1220' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page's scripts need this request's CSP nonce (proxy.ts), which a
  // page prerendered at build time cannot have: the 404 page would be one.
  await connection();
  const [locale, t] = await Promise.all([getLocale(), getTranslations('Layout')]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {/* Only what client components translate in the browser is sent along; the cheapest-window form brings its own. */}
        <NextIntlClientProvider
          locale={locale}
          messages={clientMessages(locale, ['DashboardError'])}
          timeZone="Europe/Berlin"
        >
          <ScriptMarker />
          <header className="border-b border-slate-200 dark:border-slate-800">
            <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
              {/* Not prefetched: every page would fetch the start page after loading, on a phone too. */}
              <Link href="/" prefetch={false} className="font-semibold tracking-tight" aria-label={t('home')}>
                Nomos <span className="text-brand-600 dark:text-brand-500">HEMS</span>
              </Link>
              <LanguageSwitch />
            </div>
          </header>
          <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
