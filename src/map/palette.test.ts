import { describe, expect, it } from 'vitest';
import { divergingColors, SEQUENTIAL_BLUE, sequentialColors } from './palette';

/** Relative luminance, to check that a ramp gets darker monotonically. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('sequentialColors', () => {
  it('gives k distinct colours from light to dark, ending on DSFR blue', () => {
    for (const k of [5, 6, 7]) {
      const c = sequentialColors(k);
      expect(c).toHaveLength(k);
      expect(new Set(c).size).toBe(k);
      expect(c.at(-1)).toBe(SEQUENTIAL_BLUE.at(-1));
      const l = c.map(luminance);
      expect(l.every((v, i) => i === 0 || v < (l[i - 1] ?? 0))).toBe(true);
    }
  });
});

describe('divergingColors', () => {
  it('is neutral on the pivot class and darker away from it on both sides', () => {
    const c = divergingColors(7, 3, true);
    expect(c).toHaveLength(7);
    expect(c[3]).toBe('#f2f0eb');
    const l = c.map(luminance);
    expect((l[0] ?? 1) < (l[2] ?? 0) && (l[6] ?? 1) < (l[4] ?? 0)).toBe(true);
  });
  it('puts the warm (unfavourable) side above the pivot when a rise is bad, and flips otherwise', () => {
    const bad = divergingColors(5, 2, true);
    const good = divergingColors(5, 2, false);
    expect(bad[4]).toBe(good[0]);
    expect(bad[0]).toBe(good[4]);
  });
  it('handles a pivot at the edge', () => {
    const c = divergingColors(5, 0, true);
    expect(c[0]).toBe('#f2f0eb');
    expect(new Set(c).size).toBe(5);
  });
});
