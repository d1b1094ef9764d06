import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { connectionEnded, isLoggedOut, sealOnto } from '@/lib/auth/refresh/proxy-refresh';
import { refreshSession } from '@/lib/auth/refresh/refresh';
import { needsRefresh } from '@/lib/auth/refresh/refresh-coordinator';
import { forgetCustomer, getHeldGrant, holdGrant } from '@/lib/auth/server-grant/held-grants';
import { sessionCookie, type SessionData } from '@/lib/auth/session/session-cookie';
import { now } from '@/lib/clock';
import { config } from '@/lib/config';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { NomosError } from '@/lib/nomos/errors';
import { isSameOriginPost } from '@/lib/security/same-origin';

import { pickSubscription } from '@/lib/dashboard/select';
import { createFeedAddress, revokeFeedAddresses, rotateFeedAddress } from '@/lib/feed/feed-address';

import { ALERTS_PAGE, defaultAlertSettings, type SettingsStatus } from './alert-settings';
import { sendTestAlert } from './alert-job-wiring';
import { pushEnabled } from './push';
import { customerOf, type Customer } from './customer';
import { parseSettingsForm } from './settings-form';
import { getAlertSettings, saveAlertSettings } from './settings-store';

const actionSchema = z.enum(['enable', 'save', 'forget', 'test', 'feed-create', 'feed-rotate', 'feed-revoke']);

function back(status: SettingsStatus, extra: Record<string, string> = {}): URL {
  const url = new URL(ALERTS_PAGE, config.appUrl);
  url.search = new URLSearchParams({ status, ...extra }).toString();
  return url;
}

/**
 * `POST /alerts/settings`: turns alerts on (the server keeps this
 * browser's grant), saves the settings form, or forgets everything kept
 * for the customer. A form post from the settings page, so it works without
 * JavaScript; it answers with a redirect back to the page, carrying a
 * renewed cookie when the session changed (a refresh, or the grant kept).
 */
export async function alertSettingsPost(request: NextRequest): Promise<Response> {
  if (!isSameOriginPost(request)) {
    return NextResponse.json({ code: 'FORBIDDEN', message: 'Change settings from the app itself.' }, { status: 403 });
  }
  const form = await request.formData().catch(() => null);
  const action = actionSchema.safeParse(form?.get('action'));
  if (!form || !action.success) {
    return NextResponse.json({ code: 'BAD_REQUEST', message: 'Unknown settings action.' }, { status: 400 });
  }
  const connected = await connectedCustomer(request);
  if (connected === 'not-connected') return NextResponse.redirect(new URL(ALERTS_PAGE, config.appUrl), 303);
  if (connected === 'ended') return connectionEnded();
  if (connected === 'unavailable') return NextResponse.redirect(back('unavailable'), 303);
  const { stored, session, customer } = connected;
  if (!customer) return finish(stored, session, back('no-subscription'));
  const { owner } = customer;
  const subscriptionIds = customer.subscriptions.map((subscription) => subscription.id);

  switch (action.data) {
    case 'enable': {
      const kept = await holdGrant(owner, session);
      if (!(await getAlertSettings(owner))) {
        const locale = resolveLocale({
          cookie: request.cookies.get(LOCALE_COOKIE)?.value,
          acceptLanguage: request.headers.get('accept-language'),
        });
        // The subscription the dashboard shows first.
        const subscription = pickSubscription(customer.subscriptions, undefined)!;
        await saveAlertSettings(owner, defaultAlertSettings(locale, subscription.id));
      }
      return finish(stored, kept, back('enabled'));
    }
    case 'save': {
      const [held, current] = await Promise.all([getHeldGrant(owner), getAlertSettings(owner)]);
      if (!held || !current) return finish(stored, session, back('off'));
      const result = parseSettingsForm(form, current, subscriptionIds);
      if (!result.ok) return finish(stored, session, back('invalid', { problems: result.problems.join(' ') }));
      await saveAlertSettings(owner, result.settings);
      return finish(stored, session, back('saved'));
    }
    case 'forget': {
      const { deleted } = await forgetCustomer(owner, session.grantId);
      return finish(stored, { ...session, held: false }, back('forgotten', { deleted: String(deleted) }));
    }
  }
  // The rest act on what is kept for the customer: only while alerts are on.
  const held = await getHeldGrant(owner);
  if (!held || held.ended) return finish(stored, session, back('off'));
  switch (action.data) {
    case 'test': {
      if (!pushEnabled) return finish(stored, session, back('push-off'));
      const sent = await sendTestAlert(owner);
      return finish(
        stored,
        session,
        back('test-sent', { delivered: String(sent.delivered), devices: String(sent.devices) }),
      );
    }
    case 'feed-create':
      await createFeedAddress(owner);
      return finish(stored, session, back('feed-created'));
    case 'feed-rotate':
      await rotateFeedAddress(owner);
      return finish(stored, session, back('feed-rotated'));
    case 'feed-revoke':
      await revokeFeedAddresses(owner);
      return finish(stored, session, back('feed-revoked'));
  }
}

/** The request's session (`stored` as its cookie has it, `session` with a valid token) and its customer. */
type Connected = { stored: SessionData; session: SessionData; customer: Customer | null };

/**
 * Who is asking: the session of the request's cookie, its access token
 * renewed through the coordinator if it ran out since the page was shown,
 * and the customer it belongs to.
 */
export async function connectedCustomer(
  request: NextRequest,
): Promise<Connected | 'not-connected' | 'ended' | 'unavailable'> {
  const stored = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value);
  if (!stored || (await isLoggedOut(stored))) return 'not-connected';
  try {
    // The page renewed the token a moment ago; this renews it again only if the person lingered.
    const session = needsRefresh(stored, now()) ? await refreshSession(stored) : stored;
    return { stored, session, customer: await customerOf(session.accessToken) };
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    return error.kind === 'connection-ended' ? 'ended' : 'unavailable';
  }
}

/** `response`, with the session sealed into the cookie when it changed. */
export async function finishWith(stored: SessionData, session: SessionData, response: () => NextResponse) {
  if (session === stored) return response();
  return sealOnto({ ...session, lastSeenAt: now() }, now(), response);
}

const finish = (stored: SessionData, session: SessionData, url: URL) =>
  finishWith(stored, session, () => NextResponse.redirect(url, 303));
