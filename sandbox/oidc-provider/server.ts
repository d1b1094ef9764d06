/**
 * A second, independent authorization server: panva's `oidc-provider`
 * (OpenID Certified), configured as a partner might run a Nomos-like
 * server, so the app can be shown to work against a server it was not
 * written with. Nothing here knows the app; the app reaches it by
 * configuration alone (`NOMOS_ISSUER`, `NOMOS_CLIENT_ID`,
 * `NOMOS_CLIENT_SECRET`).
 *
 * What it shares with Nomos: one confidential client authenticating with
 * HTTP Basic, PKCE required, scopes `read:*` and `write:*`, refresh tokens
 * issued without `offline_access` and rotated on every use, access tokens
 * of an hour, codes of ten minutes. Beyond Nomos it publishes an RFC 7009
 * revocation endpoint and sends RFC 9207 `iss` with every authorization
 * response (oidc-provider always does, and says so in its metadata). The
 * login and consent screens are oidc-provider's development interactions:
 * any login name, any password.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';

/** The client Nomos would register for the app: its refresh tokens rotate on every use. */
export const ROTATING_CLIENT = { clientId: 'hems-demo', clientSecret: 'hems-demo-secret' };
/**
 * A second client whose refresh tokens are never rotated: the server answers
 * each refresh with the same refresh token, as RFC 6749 §6 allows.
 */
export const NON_ROTATING_CLIENT = { clientId: 'hems-no-rotation', clientSecret: 'hems-no-rotation-secret' };

export const SCOPES = ['read:*', 'write:*'];

export type OidcProviderOptions = {
  /** 0 picks a free port. */
  port?: number;
  /** Redirect URIs registered for both clients; the app's is `${APP_URL}/auth/callback`. */
  redirectUris?: string[];
  /** Access-token lifetime in seconds (Nomos: 3600). */
  accessTokenTtl?: number;
};

export type OidcProviderServer = {
  /** `http://127.0.0.1:PORT`: the value of `NOMOS_ISSUER`. */
  issuer: string;
  /** The provider itself, for its events (`grant.success`, `grant.revoked`, `refresh_token.consumed` …). */
  provider: Provider;
  close(): Promise<void>;
};

const DAY_SECONDS = 24 * 60 * 60;

export function providerConfiguration(options: Required<Pick<OidcProviderOptions, 'redirectUris' | 'accessTokenTtl'>>) {
  const client = (credentials: { clientId: string; clientSecret: string }): ClientMetadata => ({
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: options.redirectUris,
  });
  // Never used to sign anything the app sees (it asks for no ID token); given so the provider does not fall back to its published development keys.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [client(ROTATING_CLIENT), client(NON_ROTATING_CLIENT)],
    clientAuthMethods: ['client_secret_basic'],
    responseTypes: ['code'],
    scopes: SCOPES,
    // The account is whatever login name was typed: enough for a grant.
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'sig', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // oidc-provider's default issues refresh tokens only for `offline_access`; Nomos issues one with every grant.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // A grant outlives the sign-in's browser session at the provider, as a Nomos grant does.
    expiresWithSession: () => false,
    // The default rotates a confidential client's refresh token only after 70 % of its lifetime.
    rotateRefreshToken: (ctx) => ctx.oidc.client?.clientId !== NON_ROTATING_CLIENT.clientId,
    ttl: {
      AccessToken: options.accessTokenTtl,
      AuthorizationCode: 10 * 60,
      Interaction: 10 * 60,
      Session: DAY_SECONDS,
      Grant: 30 * DAY_SECONDS,
      RefreshToken: 30 * DAY_SECONDS,
    },
    features: {
      devInteractions: { enabled: true },
      // A client revokes only its own tokens (RFC 7009 §2.1).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
    },
  };
  return configuration;
}

/**
 * Starts oidc-provider on loopback. The port is bound first, so the issuer
 * (which must match the metadata and RFC 9207 `iss` exactly) names it.
 */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<OidcProviderServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(
    issuer,
    providerConfiguration({
      redirectUris: options.redirectUris ?? ['http://localhost:3000/auth/callback'],
      accessTokenTtl: options.accessTokenTtl ?? 3_600,
    }),
  );
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Signs in at the provider as a browser would, over plain HTTP with a cookie
 * jar: follows the authorization request's redirects, submits the login and
 * the consent form of the development interactions (or, with `deny`,
 * cancels at the consent), and returns the URL the provider finally
 * redirects to (the app's callback, with `code`, `state` and `iss`, or an
 * error).
 */
export async function signIn(
  authorizationUrl: string,
  login: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`${url.pathname} answered ${response.status}: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`${url.pathname} is neither a login nor a consent page`);
    const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
    if (prompt === 'consent' && decision === 'deny') {
      if (!cancel) throw new Error(`${url.pathname} offers no way to decline`);
      url = new URL(cancel, url);
      continue;
    }
    url = new URL(action, url);
    form = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
  }
  throw new Error('the sign-in at the provider did not end in a redirect to the client');
}
