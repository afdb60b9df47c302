import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { findIndicator, type IndicatorDefinition } from '../../catalogue';
import { readResult } from '../../map/join';
import { deriveMap } from './map-derive';

function indicator(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}

const cols = readResult(
  tableFromArrays({
    code: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    value: [10, 20, 30, 40, 50, null, 60],
    suppressed: [false, false, false, false, false, true, false],
  }),
);

describe('deriveMap', () => {
  it('draws a neutral rate as a sequential choropleth with a legend that counts every territory', () => {
    const d = deriveMap(cols, indicator('reclamations_taux'), 'departement', {
      method: 'egal',
      classes: 5,
      features: 9,
      reference: 25,
    });
    expect(d.mode).toBe('choropleth');
    expect(d.styling.breaks).toEqual([10, 20, 30, 40, 50, 60]);
    expect(d.legend.map((i) => i.count)).toEqual([1, 1, 1, 1, 2, 1, 2]);
    expect(d.note).toBeNull();
  });

  it('diverges around the France value when the polarity says which way is bad', () => {
    const d = deriveMap(cols, indicator('non_recours_taux'), 'departement', {
      method: 'egal',
      classes: 5,
      features: 7,
      reference: 35,
    });
    expect(d.styling.colors[2]).toBe('#f2f0eb');
    expect(d.note).toMatch(/valeur France \(35,0\)/);
  });

  it('draws counts as proportional circles with area proportional to the value', () => {
    const d = deriveMap(cols, indicator('reclamations'), 'departement', {
      method: 'quantiles',
      classes: 5,
      features: 7,
      reference: null,
    });
    expect(d.mode).toBe('circles');
    const r = d.styling.radius;
    expect(r).toBeDefined();
    expect(((r?.(15) ?? 0) / (r?.(60) ?? 1)) ** 2).toBeCloseTo(0.25);
    expect(d.legend.map((i) => i.kind)).toEqual(['secret', 'missing']);
    expect(d.circles?.values.length).toBeGreaterThan(0);
  });
});
