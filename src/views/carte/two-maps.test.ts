import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { findIndicator, type IndicatorDefinition } from '../../catalogue';
import { readResult } from '../../map/join';
import { deriveMap } from './map-derive';
import { bothValues, secondMapOf, sharesClasses, twoMapRows } from './two-maps';

function indicator(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}

const first = readResult(
  tableFromArrays({
    code: ['a', 'b', 'c', 'd'],
    value: [10, 20, null, 40],
    suppressed: [false, false, true, false],
  }),
);
const second = readResult(
  tableFromArrays({
    code: ['a', 'b', 'c', 'e'],
    value: [100, null, 30, 50],
    suppressed: [false, true, false, false],
  }),
);

describe('two maps side by side', () => {
  it('cuts one classification from both maps so that a colour means the same on each', () => {
    const opts = { method: 'egal' as const, classes: 5, features: 5, reference: null };
    const scaleValues = bothValues(first, second);
    const rate = indicator('reclamations_taux');
    const one = deriveMap(first, rate, 'departement', { ...opts, scaleValues });
    const two = deriveMap(second, rate, 'departement', { ...opts, scaleValues });
    expect(one.styling.breaks).toEqual(two.styling.breaks);
    expect(one.styling.breaks[0]).toBe(10);
    expect(one.styling.breaks.at(-1)).toBe(100);
    // Alone, the first map's classes would stop at its own maximum.
    expect(deriveMap(first, rate, 'departement', opts).styling.breaks.at(-1)).toBe(40);
  });

  it('shares classes only between indicators drawn alike in one unit', () => {
    expect(sharesClasses(indicator('reclamations_taux'), indicator('reclamations_taux'))).toBe(
      true,
    );
    expect(sharesClasses(indicator('reclamations_taux'), indicator('reclamations'))).toBe(false);
  });

  it('gives both values and their difference, never a difference with a secret value', () => {
    const rows = twoMapRows(first, second);
    expect(rows.map((r) => [r.code, r.difference, r.secret])).toEqual([
      ['a', 90, false],
      ['b', null, true],
      ['c', null, true],
      ['d', null, false],
      ['e', null, false],
    ]);
    expect(rows.find((r) => r.code === 'd')?.second).toBe(-1);
    expect(rows.find((r) => r.code === 'e')?.first).toBe(-1);
  });

  it('takes from carte2 only what it sets', () => {
    const rate = indicator('reclamations_taux');
    expect(secondMapOf({ year: 2019, indicator: null }, 2024, rate)).toEqual({
      year: 2019,
      indicator: rate,
    });
    expect(
      secondMapOf({ year: null, indicator: 'non_recours_taux' }, 2024, rate).indicator.id,
    ).toBe('non_recours_taux');
  });
});
