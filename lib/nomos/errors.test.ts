import { describe, expect, it } from 'vitest';

import { NomosError } from './errors';

describe('NomosError', () => {
  it('is recognised by instanceof when thrown by another bundle’s copy of the class', () => {
    // What a second copy of the class (another Next.js bundle) produces: an Error with the same brand.
    const fromAnotherBundle = Object.assign(new Error('refused'), { [Symbol.for('nomos-hems.nomos-error')]: true });
    expect(fromAnotherBundle instanceof NomosError).toBe(true);
    expect(new Error('plain') instanceof NomosError).toBe(false);
    expect({ kind: 'unavailable' } instanceof NomosError).toBe(false);
    expect(new NomosError('unavailable', 'down') instanceof NomosError).toBe(true);
  });
});
