/**
 * `npm run oidc-provider`: panva's oidc-provider on loopback, configured as
 * in server.ts, with one line per token event, and the variables that point
 * the app at it.
 */
import { NON_ROTATING_CLIENT, ROTATING_CLIENT, startOidcProvider } from './server';

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`oidc-provider: ${name} must be a whole number from ${min} to ${max}`);
    process.exit(1);
  }
  return value;
}

const port = setting('OIDC_PROVIDER_PORT', 4400, 0, 65_535);
const accessTokenTtl = setting('OIDC_PROVIDER_ACCESS_TOKEN_TTL', 3_600, 10, 86_400);
const appUrl = (process.env.APP_URL || 'http://localhost:3000').replace(/\/+$/, '');

const server = await startOidcProvider({ port, accessTokenTtl, redirectUris: [`${appUrl}/auth/callback`] });
const { provider } = server;

provider.on('grant.success', (ctx) =>
  console.log(`[oidc-provider] ${String(ctx.oidc.params?.grant_type)} grant for ${ctx.oidc.client?.clientId}`),
);
provider.on('grant.error', (ctx, error) =>
  console.log(
    `[oidc-provider] ${String(ctx.oidc.params?.grant_type)} refused: ${error.message} (${error.error_detail ?? error.error_description})`,
  ),
);
provider.on('grant.revoked', (_ctx, grantId) => console.log(`[oidc-provider] grant ${grantId} revoked`));

console.log(`oidc-provider on ${server.issuer} (access tokens live ${accessTokenTtl} s)

Point the app at it (sign in with any login name and any password):
  NOMOS_ISSUER=${server.issuer} NOMOS_CLIENT_ID=${ROTATING_CLIENT.clientId} NOMOS_CLIENT_SECRET=${ROTATING_CLIENT.clientSecret} npm start

or, with refresh tokens that are not rotated:
  NOMOS_ISSUER=${server.issuer} NOMOS_CLIENT_ID=${NON_ROTATING_CLIENT.clientId} NOMOS_CLIENT_SECRET=${NON_ROTATING_CLIENT.clientSecret} npm start

It is an authorization server only: the dashboard finds no Nomos API behind it.`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
