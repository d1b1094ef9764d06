import { describe, expect, it } from 'vitest';
import { linear, niceScale } from './chart-scale';

describe('niceScale', () => {
  it('always includes zero, even when every price is negative or positive', () => {
    expect(niceScale([-7, -2]).max).toBe(0);
    expect(niceScale([18, 35]).min).toBe(0);
    expect(niceScale([18, 35]).ticks).toContain(0);
  });
  it('reaches below the most negative price', () => {
    const scale = niceScale([-3.2, 41]);
    expect(scale.min).toBeLessThanOrEqual(-3.2);
    expect(scale.max).toBeGreaterThanOrEqual(41);
    expect(scale.ticks).toContain(0);
  });
  it('chooses round steps', () => {
    expect(niceScale([0, 38]).ticks).toEqual([0, 10, 20, 30, 40]);
    expect(niceScale([0, 0.7]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
  it('has a usable range without values or when all are zero', () => {
    expect(niceScale([]).max).toBeGreaterThan(0);
    expect(niceScale([0, 0]).max).toBeGreaterThan(0);
  });
});

describe('linear', () => {
  it('maps the domain onto the range, inverted for SVG y', () => {
    const y = linear(0, 40, 300, 0);
    expect(y(0)).toBe(300);
    expect(y(40)).toBe(0);
    expect(y(-10)).toBe(375);
  });
});
