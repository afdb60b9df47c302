import { describe, expect, it } from 'vitest';
import { auditLinear, propagationAttack } from './audit';
import { problemOf, rel, tableWithMargins } from './fixtures';
import { buildClasses } from './identity';

const mask = (size: number, ones: readonly number[]): Uint8Array => {
  const m = new Uint8Array(size);
  for (const i of ones) m[i] = 1;
  return m;
};
const list = (a: Int32Array): number[] => [...a];

describe('auditLinear', () => {
  it('finds a child given away by its parent and the shown children', () => {
    // T = a + b + c, a small.
    const p = problemOf({ values: [36, 2, 10, 24], relations: [rel(0, 1, 2, 3)] });
    const audit = auditLinear(p, mask(4, [1]));
    expect(list(audit.disclosed)).toEqual([1]);
    expect(propagationAttack(p, mask(4, [1]))).toEqual(new Map([[1, 2]]));
    expect(list(auditLinear(p, mask(4, [1, 2])).determined)).toEqual([]);
  });

  it('finds the triangle disclosure that no single relation shows', () => {
    // X = a + b, Y = a + c, Z = b + c: a = (X + Y − Z) / 2 with no relation of one unknown.
    const p = problemOf({
      values: [5, 6, 7, 2, 3, 4],
      relations: [rel(0, 3, 4), rel(1, 3, 5), rel(2, 4, 5)],
    });
    const hidden = mask(6, [3, 4, 5]);
    expect(propagationAttack(p, hidden).size).toBe(0);
    expect(list(auditLinear(p, hidden).disclosed)).toEqual([3, 4, 5]);
    expect(list(auditLinear(p, mask(6, [0, 3, 4, 5])).determined)).toEqual([]);
  });

  describe('a 3 × 3 table with margins', () => {
    // Cells 3i + j, row totals 9 + i, column totals 12 + j, grand total 15.
    const p = tableWithMargins(
      [
        [10, 11, 12],
        [13, 14, 15],
        [16, 17, 18],
      ],
      [0],
    );

    it('keeps the four corners of a rectangle safe', () => {
      expect(list(auditLinear(p, mask(16, [0, 2, 6, 8])).determined)).toEqual([]);
    });
    it('gives away an L-shape', () => {
      const audit = auditLinear(p, mask(16, [0, 2, 6]));
      expect(list(audit.determined)).toEqual([0, 2, 6]);
      expect(list(audit.disclosed)).toEqual([0]);
    });
    it('gives away a rectangle whose margin is hidden alone', () => {
      // Hiding a row total alongside does not add an unknown to any column relation.
      expect(list(auditLinear(p, mask(16, [0, 2, 6, 8, 9])).determined)).toEqual([9]);
    });
  });

  describe('identities', () => {
    it('treats a one-part relation as one cell', () => {
      // Site 0 is commune 1; commune 1 is sensitive.
      const p = problemOf({ values: [3, 3, 7, 10], relations: [rel(0, 1), rel(3, 1, 2)] });
      const c = buildClasses(p);
      expect(c.classOf[0]).toBe(c.classOf[1]);
      expect(list(auditLinear(p, mask(4, [1, 2])).disclosed)).toEqual([1]);
      expect(list(auditLinear(p, mask(4, [0, 1, 2])).disclosed)).toEqual([]);
    });
    it('makes totals of the same parts identical', () => {
      // A site 1 made of the same communes as the EPCI 0: hiding one copy only is a leak.
      const p = problemOf({ values: [3, 3, 1, 2], relations: [rel(0, 2, 3), rel(1, 2, 3)] });
      const c = buildClasses(p);
      expect(c.classOf[0]).toBe(c.classOf[1]);
      expect(list(auditLinear(p, mask(4, [0, 2, 3])).disclosed)).toEqual([0]);
      expect(list(auditLinear(p, mask(4, [0, 1, 2, 3])).disclosed)).toEqual([]);
    });
    it('makes an empty sum structurally zero, and its parents identical', () => {
      // T = R + U, U = Σ ∅ (no urban commune): U ≡ 0 and T ≡ R.
      const p = problemOf({
        values: [4, 4, 0, 4],
        relations: [rel(0, 1, 2), rel(2), rel(1, 3)],
        primary: [0, 1, 2, 3],
      });
      const c = buildClasses(p);
      expect(c.zero[c.classOf[2] ?? -1]).toBe(1);
      expect(c.classOf[0]).toBe(c.classOf[1]);
      expect(c.primary[c.classOf[2] ?? -1]).toBe(0);
      const audit = auditLinear(p, mask(4, [0, 1, 2, 3]));
      expect(list(audit.determined)).toEqual([2]);
      expect(list(audit.disclosed)).toEqual([]);
    });
  });

  it('audits internal unknowns', () => {
    // A QPV 0 = pieces 1 + 2 (internal); commune 3 = piece 1 + rest 4.
    const p = problemOf({
      values: [12, 2, 10, 22, 20],
      relations: [rel(0, 1, 2), rel(3, 1, 4)],
      internal: [1, 2],
    });
    const audit = auditLinear(p, new Uint8Array(5));
    expect(list(audit.disclosed)).toEqual([1]);
    expect(list(audit.determined)).toEqual([1, 2]);
    expect(propagationAttack(p, new Uint8Array(5))).toEqual(
      new Map([
        [1, 2],
        [2, 10],
      ]),
    );
    expect(list(auditLinear(p, mask(5, [4])).determined)).toEqual([]);
  });

  it('reports sensitive cells left visible', () => {
    const p = problemOf({ values: [12, 2, 10], relations: [rel(0, 1, 2)] });
    expect(list(auditLinear(p, new Uint8Array(3)).exposed)).toEqual([1]);
  });
});
