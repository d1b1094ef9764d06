import 'server-only';

import { timingSafeEqual } from 'node:crypto';

import * as oauth from 'oauth4webapi';
import { z } from 'zod';

import { hostCookieName, sealedCookie } from '@/lib/auth/session/cookies';

const transactionSchema = z.object({
  state: z.string().min(32),
  verifier: z.string().regex(/^[A-Za-z0-9\-._~]{43,128}$/),
  returnTo: z.string().startsWith('/'),
  createdAt: z.number().int(),
});

export type LoginTransaction = z.infer<typeof transactionSchema>;

/** A sign-in has 10 minutes, as long as a Nomos authorization code lives. */
const TRANSACTION_TTL_SECONDS = 10 * 60;

/**
 * The PKCE verifier and `state` of one sign-in, kept in a cookie of its own.
 *
 * Over HTTPS it is `__Host-` with Path=/ rather than `__Secure-` with the
 * narrower `/auth/callback`: `__Secure-` still lets a sibling subdomain plant
 * its own sealed transaction (login CSRF), while a path is no boundary
 * within one origin and costs only a few hundred bytes per request during a
 * sign-in. Delete it with `transactionCookie.deletion`: browsers ignore the
 * deletion of a prefixed cookie that is not itself Secure.
 */
export const transactionCookie = sealedCookie(
  hostCookieName('nomos_oauth_tx'),
  transactionSchema,
  '/',
  TRANSACTION_TTL_SECONDS,
);

/**
 * Creates the secrets of one sign-in. The verifier, its S256 challenge and
 * `state` MUST be generated anew for every redirect to Nomos (RFC 9700 §2.1.1).
 */
export async function createLoginTransaction(returnTo: string) {
  const transaction: LoginTransaction = {
    state: oauth.generateRandomState(),
    verifier: oauth.generateRandomCodeVerifier(),
    returnTo,
    createdAt: Date.now(),
  };
  const codeChallenge = await oauth.calculatePKCECodeChallenge(transaction.verifier);
  return { transaction, codeChallenge };
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isExpired(transaction: LoginTransaction, now = Date.now()) {
  return now - transaction.createdAt > TRANSACTION_TTL_SECONDS * 1000;
}
