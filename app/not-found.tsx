import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { ButtonLink } from '@/components/ui/button-link';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NotFound');
  return { title: t('title') };
}

/**
 * Replaces Next.js's built-in 404 page, whose inline `<style>` carries no
 * CSP nonce and would be blocked (Next.js 16.4).
 */
export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <section className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">{t('text')}</p>
      <div className="mt-8 flex justify-center">
        <ButtonLink href="/">{t('back')}</ButtonLink>
      </div>
    </section>
  );
}
