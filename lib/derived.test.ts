import { describe, expect, it, vi } from 'vitest';

import { derived } from './derived';

describe('derived', () => {
  it('works a value out again for other owners, another key, or only one of the same owners', () => {
    const work = vi.fn(() => ({}));
    const [a, b] = [{}, {}];
    const first = derived([a, b], 'de', work);
    expect(derived([b, a], 'de', work)).not.toBe(first);
    expect(derived([a, b], 'en', work)).not.toBe(first);
    expect(derived([a], 'de', work)).not.toBe(first);
    expect(derived([a, {}], 'de', work)).not.toBe(first);
    expect(work).toHaveBeenCalledTimes(5);
  });

  it('keeps the value for the same owners and key', () => {
    const work = vi.fn(() => ({}));
    const [a, b] = [{}, {}];
    const first = derived([a, b], 'de', work);
    expect(derived([a, b], 'de', work)).toBe(first);
    expect(work).toHaveBeenCalledOnce();
  });
});
