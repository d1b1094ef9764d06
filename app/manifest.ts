import type { MetadataRoute } from 'next';

/**
 * Lets a phone user pin the dashboard to the home screen: it opens on the
 * prices, full screen, with the app's own icon.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Nomos HEMS',
    short_name: 'Nomos HEMS',
    description: 'Your dynamic Nomos electricity prices and the cheapest time to run a load.',
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
