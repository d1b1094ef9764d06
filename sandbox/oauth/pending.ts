/**
 * A sign-in between GET /oauth/authorize and the consent, as the sandbox's
 * state keeps it (under a random id the hosted screens carry along).
 */
import type { Client } from '../store';
import type { ChallengeMethod } from './pkce';

export type PendingAuthorization = {
  id: string;
  client: Client;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: ChallengeMethod;
  flowType: 'login' | 'signup' | null;
  email: string | null;
  customerId: string | null;
  attempts: number;
  verified: boolean;
  expiresAt: number;
};
