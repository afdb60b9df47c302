/** The density grid: every level counted as in the file, rurality from Insee's grouping. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RURALITY_OF_DENSITY } from '../../../src/catalogue';
import { geodataDir } from '../options';
import { communeResolver } from './communes';
import { DENSITY_LABELS, readDensity } from './density';
import { referencePath } from './sources';

describe('density grid', () => {
  it('counts each of the 7 levels as the file does, over current communes', () => {
    const geodata = geodataDir();
    const { levels } = readDensity(geodata);
    const lines = fs
      .readFileSync(referencePath(geodata, 'density'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean);
    const expected = new Map<string, number>();
    for (const l of lines) {
      const label = l.slice(l.lastIndexOf(',') + 1);
      expected.set(label, (expected.get(label) ?? 0) + 1);
    }
    expect(expected.size).toBe(7);
    const counts = new Map<string, number>();
    for (const level of levels.values()) counts.set(level, (counts.get(level) ?? 0) + 1);
    for (const [label, n] of expected)
      expect(counts.get(DENSITY_LABELS[label] ?? ''), label).toBe(n);
    // Every current commune has a level (the grid and the COG have the same communes).
    const cog = communeResolver().cog;
    expect(cog.communes.filter((c) => !levels.has(c.code))).toEqual([]);
    expect(RURALITY_OF_DENSITY[levels.get('75056') ?? 'rural_disperse']).toBe('dense');
  });
});
