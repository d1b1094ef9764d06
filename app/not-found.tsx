import type { Metadata } from 'next';

import { ButtonLink } from '@/components/ui/button-link';

export const metadata: Metadata = { title: 'Page not found' };

/**
 * Replaces Next.js's built-in 404 page, whose inline `<style>` carries no
 * CSP nonce and would be blocked (Next.js 16.4).
 */
export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-2xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">There is no page at this address.</p>
      <div className="mt-8 flex justify-center">
        <ButtonLink href="/">Back to the start</ButtonLink>
      </div>
    </section>
  );
}
