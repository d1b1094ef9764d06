import type { MetadataRoute } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';

/**
 * Lets a phone user pin the dashboard to the home screen: it opens on the
 * prices, full screen, with the app's own icon, named in the language the
 * browser asked in (the manifest is fetched with the page's cookies).
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('Metadata')]);
  return {
    name: t('siteName'),
    short_name: t('siteName'),
    description: t('description'),
    lang: locale,
    start_url: '/dashboard',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#15803d',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
