import type { MetadataRoute } from 'next';

/**
 * Crawlers may read every page, but not follow the sign-in links: each
 * visit to /auth/login starts an OAuth transaction and counts against the
 * sign-in rate limit, which all clients share unless TRUSTED_PROXY_COUNT is
 * set. The other pages stay crawlable (Lighthouse's is-crawlable audit);
 * without a session they show the prompt to connect, never anyone's data.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/auth/login', '/auth/callback', '/auth/logout', '/api/'] },
  };
}
