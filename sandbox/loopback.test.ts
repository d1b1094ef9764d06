import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from './loopback';

describe('isLoopbackHost', () => {
  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:4000',
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    '127.0.0.1.nip.io',
    '128.0.0.1',
    '127.0.0.256',
    '127.1',
    '0.0.0.0',
    '[::]',
    '[::2]',
    '10.0.0.5:4000',
    'localhost:4000:1',
    'localhost@evil.example',
  ])('refuses %j', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it.each(['localhost', 'LOCALHOST:4000', '127.0.0.1', '127.0.0.1:4100', '127.255.10.2', '[::1]', '[::1]:4000'])(
    'accepts %j',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );
});

describe('isLoopbackAddress', () => {
  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])('treats %j as reachable from other machines', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });

  it.each(['127.0.0.1', 'localhost', '::1', '[::1]'])('treats %j as this machine only', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
});
