import 'server-only';

import * as oauth from 'oauth4webapi';

import { config } from '@/lib/config';

import { client, clientAuth, tokenHttpOptions, tokenRequest } from '@/lib/auth/oauth';
import type { Tokens } from '@/lib/auth/session/session-data';

/** Exchanges an authorization code, proving possession of the PKCE verifier. */
export function exchangeCode(callbackParams: URLSearchParams, codeVerifier: string): Promise<Tokens> {
  return tokenRequest(
    'Connecting your Nomos account',
    { scope: config.nomos.scope },
    (as) =>
      oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        callbackParams,
        config.nomos.redirectUri,
        codeVerifier,
        tokenHttpOptions,
      ),
    (as, response) => oauth.processAuthorizationCodeResponse(as, client, response),
  );
}
