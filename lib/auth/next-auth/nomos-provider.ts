import type { OAuthConfig } from 'next-auth/providers';
import { z } from 'zod';

/**
 * A Nomos provider for Auth.js (next-auth 5): copy this file whole into an
 * app that already signs people in with Auth.js.
 *
 * Nomos is an OAuth 2.0 authorization server, not OpenID Connect: there is
 * no ID token and no userinfo endpoint. So:
 * - the endpoints come from its RFC 8414 metadata, passed in (discover
 *   them once at start-up from `<issuer>/.well-known/oauth-authorization-server`);
 * - the profile is the customer the access token belongs to, read from the
 *   Nomos API (`GET /customers` answers exactly that one customer);
 * - PKCE (S256) and `state` on every sign-in, and `client_secret_basic`,
 *   the only client authentication Nomos lists;
 * - `flow_type=signup` opens Nomos' sign-up instead of its log-in: pass it
 *   as an authorization parameter, `signIn('nomos', options, { flow_type: 'signup' })`.
 *
 * Refresh is NOT done here or in Auth.js's `jwt` callback: Nomos rotates
 * refresh tokens and revokes the whole grant when a used one comes back, so
 * concurrent refreshes must be coordinated (see lib/auth/refresh-coordinator.ts
 * and docs/decisions/006-next-auth-as-a-second-integration-style.md).
 */
export type NomosProviderOptions = {
  clientId: string;
  clientSecret: string;
  /** From the RFC 8414 metadata. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Base URL of the Nomos API, e.g. https://api.nomos.energy. */
  apiUrl: string;
  /** Sent as `X-API-Version` on the profile request. */
  apiVersion: string;
  scope?: string;
  /** The fetch to use for the profile request (timeouts, retries). */
  fetch?: typeof fetch;
};

/** The part of a Nomos customer the profile needs (`GET /customers`). */
const nomosCustomerListSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        email: z.string(),
        first_name: z.string(),
        last_name: z.string(),
        company_name: z.string().optional(),
      }),
    )
    .min(1),
});

export type NomosProfile = z.infer<typeof nomosCustomerListSchema>['items'][number];

export function Nomos(options: NomosProviderOptions): OAuthConfig<NomosProfile> {
  const doFetch = options.fetch ?? fetch;
  return {
    id: 'nomos',
    name: 'Nomos',
    type: 'oauth',
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    checks: ['pkce', 'state'],
    authorization: { url: options.authorizationEndpoint, params: { scope: options.scope ?? 'read:*' } },
    token: { url: options.tokenEndpoint },
    userinfo: {
      url: `${options.apiUrl}/customers`,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const response = await doFetch(`${options.apiUrl}/customers`, {
          headers: {
            authorization: `Bearer ${tokens.access_token ?? ''}`,
            'x-api-version': options.apiVersion,
            accept: 'application/json',
          },
        });
        if (!response.ok) throw new Error(`Nomos answered ${response.status} to GET /customers`);
        const [customer] = nomosCustomerListSchema.parse(await response.json()).items;
        return customer;
      },
    },
    profile(customer) {
      return {
        id: customer.id,
        email: customer.email,
        name: customer.company_name ?? `${customer.first_name} ${customer.last_name}`.trim(),
      };
    },
  };
}
