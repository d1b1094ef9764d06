import 'server-only';

import { createHash } from 'node:crypto';

import { z } from 'zod';

import { config } from '@/lib/config';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { processSingleton } from '@/lib/process-singleton';
import { AuthRateLimiter } from '@/lib/rate-limit/rate-limit';
import { getSharedStore } from '@/lib/store';
import { isStoreUnavailable, keyHash } from '@/lib/store/shared-store';

import { feedSecretSchema, resolveFeedSecret } from './feed-address';
import { feedCalendar, feedJson } from './feed-document';
import { FEED_CACHE_SECONDS, loadFeed } from './feed-data';

/** `<secret>.ics` or `<secret>.json`: the last segment of `/feed/…`. */
export const feedFileSchema = z
  .string()
  .regex(/^[^.]+\.(ics|json)$/)
  .transform((file) => {
    const dot = file.lastIndexOf('.');
    return { secret: file.slice(0, dot), format: file.slice(dot + 1) as 'ics' | 'json' };
  })
  .pipe(z.object({ secret: feedSecretSchema, format: z.enum(['ics', 'json']) }));

/**
 * Requests per feed address and window. Calendars poll every 5 minutes to a
 * day; Home Assistant's REST sensor every 30 seconds by default. The cap
 * stops a runaway poller, not a customer.
 */
export const FEED_RATE_LIMIT = { points: 60, windowSeconds: 600 };
/** When a calendar should try again after Nomos failed. */
const RETRY_AFTER_SECONDS = 300;

const CONTENT_TYPES = { ics: 'text/calendar; charset=utf-8', json: 'application/json' } as const;

const getFeedRateLimiter = () =>
  processSingleton(
    'feed-rate-limiter',
    () => new AuthRateLimiter({ store: getSharedStore(), ...FEED_RATE_LIMIT, keyPrefix: 'nomos-hems:feed-rate-limit' }),
  );

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`${body}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      ...headers,
    },
  });
}

/** The same for every address that opens nothing: never issued, rotated, revoked, forgotten, malformed. */
const notFound = () => text(404, 'Not found');

/**
 * Answers `GET /feed/<secret>.ics` and `GET /feed/<secret>.json`. The secret
 * is the capability: no cookie, no session, and never in a log line (its
 * short hash is). See docs/calendar-feed.md.
 *
 * - unknown address: 404, the same whether or not it ever existed;
 * - over {@link FEED_RATE_LIMIT}: 429 with `Retry-After`;
 * - grant ended or forgotten, or the feature turned off: 410 Gone;
 * - Nomos (or the store) unavailable: 503 with `Retry-After`, never an
 *   empty calendar that would read as "no cheap windows";
 * - else the body, with `ETag` and `Last-Modified`, and 304 to a request
 *   that already has it.
 */
export async function feedResponse(request: Request, file: string): Promise<Response> {
  const parsed = feedFileSchema.safeParse(file);
  if (!parsed.success) return notFound();
  const { secret, format } = parsed.data;
  let tag = '';
  try {
    const feed = await resolveFeedSecret(secret);
    if (!feed) return notFound();
    tag = feed.tag;
    const verdict = await getFeedRateLimiter().take(keyHash('feed-rate', secret));
    if (!verdict.allowed) {
      if (verdict.first) console.warn(`[feed] ${tag}: rate limit reached; 429 for ${verdict.retryAfterSeconds} s`);
      return text(429, t('en', 'tooMany', { seconds: verdict.retryAfterSeconds }), {
        'Retry-After': String(verdict.retryAfterSeconds),
      });
    }
    const outcome = await loadFeed(feed.owner);
    switch (outcome.kind) {
      case 'gone':
        console.info(`[feed] ${tag}: gone (grant ended or forgotten)`);
        return text(410, t(outcome.locale, 'gone'));
      case 'unavailable':
      case 'rejected':
        console.error(
          `[feed] ${tag}: ${outcome.message}${outcome.requestId ? ` (Nomos request ID ${outcome.requestId})` : ''}`,
        );
        return text(outcome.kind === 'rejected' ? 502 : 503, t(outcome.locale, 'unavailable'), {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
    }
    const body = format === 'ics' ? feedCalendar(outcome.model, config.appUrl) : feedJson(outcome.model, config.appUrl);
    return conditional(request, body, outcome.model.changedAt, CONTENT_TYPES[format]);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    console.error(`[feed] ${tag || 'unresolved'}: store unavailable: ${error.message}`);
    return text(503, t('en', 'unavailable'), { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
}

function t(locale: Locale, key: 'gone' | 'unavailable' | 'tooMany', values?: { seconds: number }): string {
  return translatorFor(locale, 'feed')(key, values);
}

/** The body, or 304 when the request's validators match (If-None-Match first, as RFC 9110 §13.2.2 says). */
function conditional(request: Request, body: string, changedAt: number, contentType: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const lastModified = new Date(Math.floor(changedAt / 1000) * 1000).toUTCString();
  const headers = {
    ETag: etag,
    'Last-Modified': lastModified,
    'Cache-Control': `private, max-age=${FEED_CACHE_SECONDS}`,
    // The address is the secret: pages it links to must not learn it.
    'Referrer-Policy': 'no-referrer',
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  const ifModifiedSince = request.headers.get('if-modified-since');
  const matches =
    ifNoneMatch !== null
      ? ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
      : ifModifiedSince !== null &&
        !Number.isNaN(Date.parse(ifModifiedSince)) &&
        Date.parse(lastModified) <= Date.parse(ifModifiedSince);
  if (matches) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, 'Content-Type': contentType } });
}
