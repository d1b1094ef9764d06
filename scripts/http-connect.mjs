// Connecting a demo customer over real HTTP, without a browser: the whole
// OAuth journey against the sandbox (login, e-mail, one-time code, consent,
// callback). Shared by `npm run bench` and `npm run lighthouse`.

/** A tiny cookie jar for one origin. */
export function jar() {
  const cookies = new Map();
  return {
    store(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair.split('=');
        if (value.join('=') === '' || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value.join('='));
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    /** Another jar holding the same cookies now: what it is sent back, this one never sees. */
    copy() {
      const other = jar();
      other.store({ headers: { getSetCookie: () => [...cookies].map(([k, v]) => `${k}=${v}`) } });
      return other;
    },
  };
}

/**
 * Connects `email` through the sandbox at `nomos` to the app at `app`, and
 * returns the app's cookie jar holding the session cookie.
 */
export async function connect(email, app, nomos) {
  const appCookies = jar();
  let response = await fetch(`${app}/auth/login`, { redirect: 'manual' });
  appCookies.store(response);
  const authorize = response.headers.get('location');
  const requestId = (await (await fetch(authorize)).text()).match(/name="request" value="([^"]+)"/)[1];
  const form = (fields) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, ...fields }),
    redirect: 'manual',
  });
  await fetch(`${nomos}/oauth/authorize/email`, form({ email }));
  const { code } = await (await fetch(`${nomos}/__sandbox/inbox?email=${encodeURIComponent(email)}`)).json();
  await fetch(`${nomos}/oauth/authorize/code`, form({ code }));
  response = await fetch(`${nomos}/oauth/authorize/consent`, form({ decision: 'allow' }));
  const callback = response.headers.get('location');
  response = await fetch(callback, { headers: { cookie: appCookies.header() }, redirect: 'manual' });
  appCookies.store(response);
  // iron-session's cookie, or Auth.js's in the next-auth style.
  if (!/(^|; )(nomos_session|authjs\.session-token)=/.test(appCookies.header())) throw new Error('connecting failed');
  return appCookies;
}

/** POSTs to a sandbox control (`clock`, `faults`, `reset`, …); the controls take changes only as JSON from a loopback host. */
export async function control(nomos, name, body = {}) {
  const response = await fetch(`${nomos}/__sandbox/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${name}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Sets the sandbox's clock (`now`: an ISO instant, or null for real time). */
export const setClock = (nomos, now) => control(nomos, 'clock', { now });

/** Moves the sandbox's clock forward; apps with `DEMO_CLOCK_URL` follow it. */
export const advanceClock = (nomos, seconds) => control(nomos, 'clock', { advance_seconds: seconds });
