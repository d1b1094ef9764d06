/** `npm run sandbox`: the local Nomos authorization server and API. */
import { parseSandboxEnv } from './config';
import { PRICE_ATTRIBUTION } from './prices/model';
import { createSandbox } from './server';
import { DEMO_EMAILS } from './store';

const parsed = parseSandboxEnv(process.env);
if (!parsed.ok) {
  console.error(`sandbox: invalid environment:\n  ${parsed.errors.join('\n  ')}`);
  process.exit(1);
}
const env = parsed.env;

const sandbox = await createSandbox({
  port: env.SANDBOX_PORT,
  host: env.SANDBOX_HOST,
  redirectOrigins: env.SANDBOX_REDIRECT_ORIGINS,
  accessTokenTtl: env.SANDBOX_ACCESS_TOKEN_TTL,
  nullPriceFraction: env.SANDBOX_NULL_PRICES,
  log: true,
});

console.log(`Nomos sandbox on ${sandbox.url}`);
console.log(`  client_id ${sandbox.clientId}  client_secret ${sandbox.clientSecret}`);
console.log(`  registered origins: ${[...(sandbox.state.clients.get(sandbox.clientId)?.origins ?? [])].join(', ')}`);
console.log(`  demo log-ins (one-time code shown on screen and at /__sandbox/inbox?email=…): ${DEMO_EMAILS.join(', ')}`);
console.log(`  prices: ${PRICE_ATTRIBUTION}`);

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
