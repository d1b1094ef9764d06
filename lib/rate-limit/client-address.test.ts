import { describe, expect, it } from 'vitest';

import { clientAddress, UNKNOWN_CLIENT } from './client-address';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For with no trusted proxy, since a direct client writes it itself', () => {
    expect(clientAddress('203.0.113.7', 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress('198.51.100.1, 203.0.113.7', 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(null, 0)).toBe(UNKNOWN_CLIENT);
  });

  it('ignores what a client prepended in front of the address the trusted proxy appended', () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the one proxy appended the real address.
    expect(clientAddress('198.51.100.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('1.1.1.1,2.2.2.2,203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('takes the hop the outermost of two trusted proxies appended', () => {
    // client spoof, client (appended by the outer proxy), outer proxy (appended by the inner one)
    expect(clientAddress('198.51.100.1, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('puts garbage and a missing header in the shared bucket, never in one of their own', () => {
    expect(clientAddress('not-an-address', 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress('203.0.113.7, evil', 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress('', 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(' , ', 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(null, 1)).toBe(UNKNOWN_CLIENT);
  });

  it('falls back to the left-most hop when there are fewer hops than trusted proxies', () => {
    expect(clientAddress('203.0.113.7', 2)).toBe('203.0.113.7');
  });

  it('counts every IPv6 address of one /64 as one client', () => {
    expect(clientAddress('2001:db8:1:2::1', 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:ffff:eeee:dddd:cccc', 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0DB8:0001:0002::abcd', 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1', 1)).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1', 1)).toBe('0:0:0:0::/64');
    expect(clientAddress('64:ff9b::192.0.2.33', 1)).toBe('64:ff9b:0:0::/64');
  });

  it('reads IPv4-mapped IPv6, ports and zone ids as the plain address', () => {
    expect(clientAddress('::ffff:127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7:4711', 1)).toBe('203.0.113.7');
    expect(clientAddress('[2001:db8:1:2::1]:443', 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('fe80::1%eth0', 1)).toBe('fe80:0:0:0::/64');
  });
});
