import { describe, expect, it } from 'vitest';

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
});
