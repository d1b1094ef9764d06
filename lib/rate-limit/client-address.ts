import { isIPv4, isIPv6 } from 'node:net';

/**
 * The bucket of every request whose address cannot be told safely. They
 * share one limit: worse for them than a limit of their own, but a client
 * that could choose its own bucket would have no limit at all.
 */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The address a rate limit counts a request against, from its
 * `X-Forwarded-For` header and the number of reverse proxies in front of
 * the app (`TRUSTED_PROXY_COUNT`).
 *
 * Each proxy appends the address it was connected from, so with N trusted
 * proxies the N-th entry from the right was written by the outermost of
 * them and is the client's; everything left of it came from the client and
 * is ignored. With no trusted proxy the header is ignored altogether:
 * `next start` fills it in with the socket address only when the request
 * has none (`??=` in Next's base server), and keeps whatever a client
 * talking to it directly sent, so it cannot tell the two apart, and route
 * handlers are given no socket address of their own. Every such request is
 * then `UNKNOWN_CLIENT`.
 *
 * IPv6 addresses count by their /64 prefix: one subscriber usually holds a
 * whole /64 and could otherwise take a fresh address for every request.
 */
export function clientAddress(forwardedFor: string | null, trustedProxyCount: number): string {
  if (trustedProxyCount < 1 || !forwardedFor) return UNKNOWN_CLIENT;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  // Fewer entries than proxies: every one was written by a trusted proxy, the left-most is the closest to the client.
  const hop = hops[Math.max(0, hops.length - trustedProxyCount)];
  return hop === undefined ? UNKNOWN_CLIENT : (normalise(hop) ?? UNKNOWN_CLIENT);
}

function normalise(hop: string): string | undefined {
  // Some proxies write the port as well: `203.0.113.7:4711`, `[2001:db8::1]:4711`.
  const address = (/^\[([^\]]+)\](?::\d+)?$/.exec(hop)?.[1] ?? hop.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1'))
    .replace(/%.*$/, '')
    .toLowerCase();
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of a valid IPv6 address, `::` and a dotted IPv4 tail expanded. */
function ipv6Groups(address: string): string[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let hex = address;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    hex = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = hex.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) =>
    parseInt(group, 16).toString(16),
  );
}
