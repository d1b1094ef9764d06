import 'server-only';

import { getLocale } from 'next-intl/server';
import { z } from 'zod';

import { answerWindow } from '@/lib/prices/window-answer';
import { renewPath } from '@/lib/auth/refresh/renew-path';
import { config } from '@/lib/config';
import { loadDashboard } from '@/lib/dashboard/dashboard';
import { normalizeDuration } from '@/lib/prices/cheapest-window';
import { dashboardWindowScope } from '@/lib/prices/dashboard-window';
import { FIRST_DAY, LAST_DAY, isRequestableDate } from '@/lib/prices/berlin-time';
import { translatorFor } from '@/lib/i18n/messages';

import { attachmentDisposition, windowEvent, windowFileName } from './window-event';

/** The query of `/dashboard/calendar`: the same parameters as the dashboard's cheapest window. */
export const calendarQuerySchema = z.object({
  subscription: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'subscription must be a Nomos subscription id such as sub_…')
    .optional(),
  date: z
    .string()
    .refine(isRequestableDate, `date must be a calendar date written YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}`)
    .optional(),
  duration: z
    .string()
    .regex(/^\d{1,3}$/, 'duration must be whole minutes')
    .transform(Number)
    .refine((minutes) => minutes >= 15 && minutes <= 480, 'duration must be between 15 and 480 minutes')
    .optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** The dashboard URL that shows the same answer: the copyable link. */
export function windowLink(query: { subscription: string; date: string; duration: number }): string {
  const params = new URLSearchParams({
    subscription: query.subscription,
    date: query.date,
    duration: String(query.duration),
  });
  return `${config.appUrl}/dashboard?${params}`;
}

const text = (status: number, body: string) =>
  new Response(`${body}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * Answers `GET /dashboard/calendar?subscription&date&duration` with the
 * cheapest window the dashboard shows for the same parameters, as an `.ics`
 * attachment in the customer's language (the page's: cookie, then
 * `Accept-Language`). Every refusal is plain text with its reason; a bad
 * query's reasons stay technical English, as only a hand-made link has one.
 */
export async function windowCalendarResponse(searchParams: URLSearchParams): Promise<Response> {
  const parsed = calendarQuerySchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    return text(
      400,
      `Bad request: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const [state, locale] = await Promise.all([loadDashboard(parsed.data), getLocale()]);
  const t = translatorFor(locale, 'Calendar');
  switch (state.kind) {
    case 'token-refused':
      // Renewed by the proxy, then the download starts again.
      return Response.redirect(new URL(renewPath(`/dashboard/calendar?${searchParams}`), config.appUrl), 303);
    case 'not-connected':
    case 'connection-ended':
      return text(401, t('connectFirst', { url: `${config.appUrl}/dashboard` }));
    case 'nomos-error': {
      // The technical message is Nomos' or the app's wording, not the customer's: it goes to the server's log.
      console.error(`[calendar] ${state.message}${state.requestId ? ` (Nomos request ID ${state.requestId})` : ''}`);
      const nomos = translatorFor(locale, 'NomosError');
      const lines = [nomos(`${state.reason}.title`), nomos(`${state.reason}.text`)];
      if (state.requestId) lines.push(`${nomos('requestId')} ${state.requestId}`);
      return text(state.reason === 'rejected' ? 502 : 503, lines.join('\n'));
    }
    case 'no-subscription':
      return text(404, t('noSubscription'));
  }
  const { subscription, series, date, now } = state;
  if (!series) return text(404, t('noPrices', { status: subscription.status, subscription: subscription.id }));
  const durationMinutes = normalizeDuration(parsed.data.duration, series.resolution);
  const answer = answerWindow({ ...dashboardWindowScope(series, now, date), kind: subscription.kind, durationMinutes });
  if (answer.result.kind !== 'found') return text(404, t('noWindow'));

  const { start, end, average } = answer.result;
  const body = windowEvent(
    {
      subscriptionId: subscription.id,
      kind: subscription.kind,
      start,
      end,
      durationMinutes,
      average,
      vsDay: answer.vsDay,
      url: windowLink({ subscription: subscription.id, date, duration: durationMinutes }),
    },
    locale,
  );
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': attachmentDisposition(windowFileName({ kind: subscription.kind, start }, locale)),
      // The file's language follows the cookie and Accept-Language.
      Vary: 'Cookie, Accept-Language',
      'Cache-Control': 'private, no-store',
    },
  });
}
