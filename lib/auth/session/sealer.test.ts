import { afterEach, describe, expect, it, vi } from 'vitest';

import { createSealer } from './cookies';

const older = 'o'.repeat(32);
const newer = 'n'.repeat(32);

describe('createSealer', () => {
  it('refuses a seal made with a secret it does not know', async () => {
    const sealed = await createSealer([older]).seal({ a: 1 }, 60);
    await expect(createSealer([newer]).unseal(sealed, 60)).resolves.toBeNull();
  });

  it('rotates secrets without logging anyone out: new seals use the newest, old seals still open', async () => {
    const before = await createSealer([older]).seal({ who: 'before' }, 60);
    const rotated = createSealer([newer, older]);
    await expect(rotated.unseal(before, 60)).resolves.toEqual({ who: 'before' });
    const after = await rotated.seal({ who: 'after' }, 60);
    // Once the old secret is dropped, seals made after the rotation still open.
    await expect(createSealer([newer]).unseal(after, 60)).resolves.toEqual({ who: 'after' });
    await expect(createSealer([newer]).unseal(before, 60)).resolves.toBeNull();
  });

  describe('remembers what it opened', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    it('opens a seal seen before without deriving keys again, and hands each caller a copy of its own', async () => {
      const sealer = createSealer([newer]);
      const sealed = await sealer.seal({ grant: { id: 'g1' } }, 60);
      const first = (await sealer.unseal(sealed, 60)) as { grant: { id: string } };
      const deriveBits = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
      first.grant.id = 'changed by the first caller';
      await expect(sealer.unseal(sealed, 60)).resolves.toEqual({ grant: { id: 'g1' } });
      expect(deriveBits).not.toHaveBeenCalled();
      // A seal it has not seen yet still goes through iron.
      await sealer.unseal(await sealer.seal({ grant: { id: 'g2' } }, 60), 60);
      expect(deriveBits).toHaveBeenCalled();
    });

    it('still refuses a remembered seal once it expired, as iron does (60 s of skew)', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-23T15:00:00Z') });
      const sealer = createSealer([newer]);
      const sealed = await sealer.seal({ a: 1 }, 60);
      await expect(sealer.unseal(sealed, 60)).resolves.toEqual({ a: 1 });
      vi.setSystemTime(Date.parse('2026-11-23T15:01:59Z'));
      await expect(sealer.unseal(sealed, 60)).resolves.toEqual({ a: 1 });
      vi.setSystemTime(Date.parse('2026-11-23T15:02:00Z'));
      await expect(sealer.unseal(sealed, 60)).resolves.toBeNull();
      // Nor does iron open it: the memory agreed with it.
      await expect(createSealer([newer]).unseal(sealed, 60)).resolves.toBeNull();
    });

    it('remembers nothing for a tampered seal, and a remembered one does not open its tampered copies', async () => {
      const sealer = createSealer([newer]);
      const sealed = await sealer.seal({ a: 1 }, 60);
      await expect(sealer.unseal(sealed, 60)).resolves.toEqual({ a: 1 });
      const parts = sealed.split('*');
      // One character of the ciphertext changed, always to another one.
      const encrypted = parts[4] ?? '';
      parts[4] = `${encrypted.slice(0, 5)}${encrypted[5] === 'A' ? 'B' : 'A'}${encrypted.slice(6)}`;
      const tampered = parts.join('*');
      await expect(sealer.unseal(tampered, 60)).resolves.toBeNull();
      await expect(sealer.unseal(tampered, 60)).resolves.toBeNull();
    });

    it('keeps at most as many seals as it is told, dropping the least recently used', async () => {
      const sealer = createSealer([newer], { kept: 2 });
      const [a, b, c] = (await Promise.all([1, 2, 3].map((n) => sealer.seal({ n }, 60)))) as [string, string, string];
      for (const sealed of [a, b, a, c]) await sealer.unseal(sealed, 60);
      const deriveBits = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
      await expect(sealer.unseal(a, 60)).resolves.toEqual({ n: 1 });
      await expect(sealer.unseal(c, 60)).resolves.toEqual({ n: 3 });
      expect(deriveBits).not.toHaveBeenCalled();
      // b was used least recently when c came.
      await expect(sealer.unseal(b, 60)).resolves.toEqual({ n: 2 });
      expect(deriveBits).toHaveBeenCalled();
    });

    it('is per sealer: a sealer without the secret does not open what another remembered', async () => {
      const sealed = await createSealer([older]).seal({ a: 1 }, 60);
      const knowing = createSealer([older]);
      await expect(knowing.unseal(sealed, 60)).resolves.toEqual({ a: 1 });
      await expect(createSealer([newer]).unseal(sealed, 60)).resolves.toBeNull();
    });
  });
});
