import { describe, expect, it } from 'vitest';
import { INSETS, dromOfCommune, toDisplay } from './display';

describe('display coordinates', () => {
  it('leaves metropolitan France where it is', () => {
    expect(toDisplay('93', [2.36, 48.94])).toEqual([2.36, 48.94]);
    expect(toDisplay(null, [2.36, 48.94])).toEqual([2.36, 48.94]);
  });

  it('draws the centre of each DROM at its inset position', () => {
    for (const [code, inset] of Object.entries(INSETS)) {
      const [x, y] = toDisplay(code, inset.from);
      expect(x).toBeCloseTo(inset.to[0], 6);
      expect(y).toBeCloseTo(inset.to[1], 6);
    }
  });

  it('moves a point of La Réunion next to metropolitan France', () => {
    const [x, y] = toDisplay(dromOfCommune('97411'), [55.45, -20.88]);
    expect(x).toBeGreaterThan(-12);
    expect(x).toBeLessThan(-5);
    expect(y).toBeGreaterThan(43);
    expect(y).toBeLessThan(46);
  });

  it('knows which communes are in a DROM', () => {
    expect(dromOfCommune('97411')).toBe('974');
    expect(dromOfCommune('97617')).toBe('976');
    expect(dromOfCommune('93066')).toBeNull();
  });
});
