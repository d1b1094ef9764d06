/** What counts as "this machine" for the test controls and the start-up warning. */

function isLoopbackIpv4(value: string): boolean {
  const parts = value.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  );
}

/**
 * A `Host` header naming this machine: `localhost`, `127.x.x.x` or `[::1]`,
 * with or without a port. The test controls trust only these, so that a web
 * page whose own host name resolves to 127.0.0.1 (DNS rebinding) cannot reach them.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match?.[1]) return false;
  const name = match[1].toLowerCase();
  return name === 'localhost' || name === '[::1]' || isLoopbackIpv4(name);
}

/** A listen address (SANDBOX_HOST) reachable only from this machine. */
export function isLoopbackAddress(address: string): boolean {
  const name = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || isLoopbackIpv4(name);
}
