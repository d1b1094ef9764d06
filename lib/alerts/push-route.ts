import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { getHeldGrant } from '@/lib/auth/server-grant/held-grants';
import { isSameOriginPost } from '@/lib/security/same-origin';

import { pushEnabled, subscriptionSchema } from './push';
import { connectedCustomer, finishWith } from './settings-actions';
import { subscriptions } from './subscriptions';

const bodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('subscribe'), subscription: subscriptionSchema }),
  z.object({ action: z.literal('unsubscribe'), endpoint: z.string().url() }),
]);

const problem = (status: number, code: string, message: string) =>
  NextResponse.json({ code, message }, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * `POST /alerts/push`: the settings page's push button keeps this device's
 * push subscription for the customer (`subscribe`), or forgets it
 * (`unsubscribe`). JSON from the page's script, same-origin only; only while
 * the server keeps the customer's grant (alerts are on).
 */
export async function pushSubscriptionPost(request: NextRequest): Promise<Response> {
  if (!isSameOriginPost(request)) return problem(403, 'FORBIDDEN', 'Subscribe from the app itself.');
  if (!pushEnabled) return problem(404, 'NOT_FOUND', 'Web Push alerts are not configured on this server.');
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) {
    return problem(400, 'BAD_REQUEST', body.error.issues.map((issue) => issue.message).join('; '));
  }
  const connected = await connectedCustomer(request);
  if (connected === 'not-connected' || connected === 'ended') {
    return problem(401, 'UNAUTHORIZED', 'Connect your Nomos account first.');
  }
  if (connected === 'unavailable') return problem(503, 'UNAVAILABLE', 'Nomos could not be reached; try again.');
  const { stored, session, customer } = connected;
  const held = customer && (await getHeldGrant(customer.owner));
  if (!customer || !held || held.ended) return problem(409, 'CONFLICT', 'Turn on alerts first.');
  if (body.data.action === 'subscribe') await subscriptions.save(customer.owner, body.data.subscription);
  else await subscriptions.remove(customer.owner, body.data.endpoint);
  return finishWith(stored, session, () =>
    NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } }),
  );
}
