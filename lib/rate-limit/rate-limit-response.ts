import 'server-only';

import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';

const font = "ui-sans-serif, system-ui, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'";
const button =
  'display: inline-block; border-radius: 0.5rem; padding: 0.75rem 1.25rem; font-weight: 600; text-decoration: none;';

/**
 * The 429 answer of `/auth/login` and `/auth/callback`: a page in the app's
 * look that says how long to wait. It is plain markup from the route
 * handler, not a redirect to a page, because a redirect cannot carry the
 * 429 status. Styles are attributes, not a `<style>` element: a
 * Content-Security-Policy without 'unsafe-inline' for style elements still
 * lets them through, and system colours follow the light or dark scheme
 * without a media query. No automatic reload: every retry counts.
 */
export function tooManySignInAttempts(retryAfterSeconds: number, locale: Locale): Response {
  const t = translatorFor(locale, 'RateLimit');
  const text = (key: Parameters<typeof t>[0], values?: { seconds: number }) => escapeHtml(t(key, values));
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${text('title')} · Nomos HEMS</title>
</head>
<body style="margin: 0; font-family: ${font}; background: Canvas; color: CanvasText; -webkit-font-smoothing: antialiased;">
<header style="border-bottom: 1px solid color-mix(in srgb, CanvasText 15%, transparent);">
<div style="max-width: 64rem; margin: 0 auto; padding: 0.75rem 1rem; font-weight: 600; letter-spacing: -0.025em;">
<a href="/" style="color: inherit; text-decoration: none;">Nomos <span style="color: #16a34a;">HEMS</span></a>
</div>
</header>
<main style="max-width: 64rem; margin: 0 auto; padding: 2rem 1rem;">
<section style="max-width: 36rem; margin: 0 auto; padding: 3rem 0; text-align: center;" data-reason="rate-limited">
<h1 style="font-size: 1.5rem; line-height: 2rem; font-weight: 700; letter-spacing: -0.025em; margin: 0;">${text('title')}</h1>
<p style="margin: 1rem 0 0; opacity: 0.8;">${text('text', { seconds: retryAfterSeconds })}</p>
<p style="margin: 2rem 0 0; display: flex; flex-wrap: wrap; justify-content: center; gap: 0.75rem;">
<a href="/auth/login" style="${button} background: #15803d; color: #ffffff;">${text('tryAgain')}</a>
<a href="/" style="${button} border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); color: inherit;">${text('back')}</a>
</p>
</section>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(retryAfterSeconds),
      // A cached 429 would outlive the wait it announces.
      'Cache-Control': 'no-store',
    },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
