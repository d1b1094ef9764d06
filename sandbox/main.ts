/** `npm run sandbox`: the local Nomos authorization server and API. */
import { parseSandboxEnv } from './config';
import { isLoopbackAddress } from './loopback';
import { PRICE_ATTRIBUTION } from './prices/model';
import { createSandbox } from './server';
import { DEMO_EMAILS } from './store';

const parsed = parseSandboxEnv(process.env);
if (!parsed.ok) {
  console.error(`sandbox: invalid environment:\n  ${parsed.errors.join('\n  ')}`);
  process.exit(1);
}
const env = parsed.env;

if (!isLoopbackAddress(env.SANDBOX_HOST)) {
  console.error(
    `sandbox: WARNING: listening on ${env.SANDBOX_HOST}, reachable from other machines; it issues tokens to anyone with the demo secret (its test controls still answer only Host: localhost/127.0.0.1/[::1])`,
  );
}

const sandbox = await createSandbox({
  port: env.SANDBOX_PORT,
  host: env.SANDBOX_HOST,
  redirectOrigins: env.SANDBOX_REDIRECT_ORIGINS,
  accessTokenTtl: env.SANDBOX_ACCESS_TOKEN_TTL,
  nullPriceFraction: env.SANDBOX_NULL_PRICES,
  missingUsageFraction: env.SANDBOX_MISSING_USAGE,
  revocationEndpoint: env.SANDBOX_REVOCATION_ENDPOINT,
  log: true,
});

console.log(`Nomos sandbox on ${sandbox.url}`);
console.log(`  client_id ${sandbox.clientId}  client_secret ${sandbox.clientSecret}`);
console.log(`  registered origins: ${[...(sandbox.state.clients.get(sandbox.clientId)?.origins ?? [])].join(', ')}`);
console.log(
  `  demo log-ins (one-time code shown on screen and at /__sandbox/inbox?email=…): ${DEMO_EMAILS.join(', ')}`,
);
console.log(`  prices: ${PRICE_ATTRIBUTION}`);
if (env.SANDBOX_REVOCATION_ENDPOINT)
  console.log(`  revocation endpoint (RFC 7009, not on real Nomos): ${sandbox.url}/oauth/revoke`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
