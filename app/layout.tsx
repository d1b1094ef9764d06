import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

import { ScriptMarker } from '@/components/ui/script-marker';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nomos HEMS', template: '%s · Nomos HEMS' },
  description: 'See your dynamic Nomos electricity prices and find the cheapest time to run a load.',
};

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
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ScriptMarker />
        <header className="border-b border-slate-200 dark:border-slate-800">
          <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              Nomos <span className="text-brand-600 dark:text-brand-500">HEMS</span>
            </Link>
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
