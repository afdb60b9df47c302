import { describe, expect, it } from 'vitest';
import { auditLinear, propagationAttack } from './audit';
import { suppress } from './engine';
import { indices, problemOf, rel, tableWithMargins } from './fixtures';
import type { SuppressionProblem } from './problem';

/** Suppresses, checks the exact audit finds nothing, returns the hidden indices. */
function hiddenBy(problem: SuppressionProblem): number[] {
  const result = suppress(problem);
  const audit = auditLinear(problem, result.hidden, { seed: 99 });
  expect([...audit.determined]).toEqual([]);
  expect([...audit.exposed]).toEqual([]);
  return indices(result.hidden);
}

describe('suppress', () => {
  it('hides a second child beside one small child', () => {
    // T = a + b + c + d, a = 2: b is the smallest non-zero sibling.
    const p = problemOf({ values: [66, 2, 10, 24, 30], relations: [rel(0, 1, 2, 3, 4)] });
    expect(hiddenBy(p)).toEqual([1, 2]);
    const result = suppress(p);
    expect([result.primaryCount, result.secondaryCount]).toEqual([1, 1]);
  });

  it('prefers a non-zero sibling, and a child over the total', () => {
    const p = problemOf({ values: [42, 2, 0, 40], relations: [rel(0, 1, 2, 3)] });
    expect(hiddenBy(p)).toEqual([1, 3]);
  });

  it('follows a chain of complements', () => {
    // A = a1 + a2 with a1 small; a2 is also in S = a2 + s1, where hiding a2 alone would show it.
    // The totals weigh a tier more, so the chain through the children is cheaper than A.
    const p = problemOf({
      values: [12, 3, 9, 29, 20],
      relations: [rel(0, 1, 2), rel(3, 2, 4)],
      rank: [1, 0, 0, 1, 0],
    });
    expect(hiddenBy(p)).toEqual([1, 2, 4]);
  });

  it('hides the total rather than a chain of complements when totals weigh the same', () => {
    // Same shape, no tiers: A (12) costs less than a2 (9) plus s1 (20).
    const p = problemOf({
      values: [12, 3, 9, 29, 20],
      relations: [rel(0, 1, 2), rel(3, 2, 4)],
    });
    expect(hiddenBy(p)).toEqual([0, 1]);
  });

  it('needs no complement when two small siblings protect each other', () => {
    // T = A + B, A = a1 + a2 (both small), B = b1 + b2: A stays shown, a1 + a2 is all it gives.
    const p = problemOf({
      values: [30, 5, 25, 2, 3, 10, 15],
      relations: [rel(0, 1, 2), rel(1, 3, 4), rel(2, 5, 6)],
    });
    expect(hiddenBy(p)).toEqual([3, 4]);
  });

  it('breaks the triangle by hiding one of its totals', () => {
    const p = problemOf({
      values: [5, 6, 7, 2, 3, 4],
      relations: [rel(0, 3, 4), rel(1, 3, 5), rel(2, 4, 5)],
    });
    const result = suppress(p);
    expect(result.rounds).toBe(2);
    expect(indices(result.hidden)).toEqual([0, 3, 4, 5]);
    expect(hiddenBy(p)).toEqual([0, 3, 4, 5]);
  });

  it('hides a rectangle in a table with margins', () => {
    // 3 × 3 cells (3i + j), row totals 9 + i, column totals 12 + j, grand total 15; cell 4 small.
    const hidden = hiddenBy(
      tableWithMargins([
        [20, 21, 22],
        [23, 2, 25],
        [26, 27, 28],
      ]),
    );
    expect(hidden).toHaveLength(4);
    expect(hidden).toContain(4);
    expect(hidden.every((v) => v < 9)).toBe(true);
  });

  describe('identities', () => {
    it('hides both copies of one cell', () => {
      // Site 0 = commune 1 (one-part relation), in EPCI 3 = 1 + 2.
      const p = problemOf({ values: [3, 3, 7, 10], relations: [rel(0, 1), rel(3, 1, 2)] });
      expect(hiddenBy(p)).toEqual([0, 1, 2]);
    });
    it('hides both totals of the same parts', () => {
      // EPCI 0 and site 1 over the same communes 2, 3; the EPCI is sensitive.
      const p = problemOf({
        values: [3, 3, 1, 2, 8, 11],
        relations: [rel(0, 2, 3), rel(1, 2, 3), rel(5, 0, 4)],
        primary: [0],
      });
      const result = suppress(p);
      expect(result.hidden[0]).toBe(1);
      expect(result.hidden[1]).toBe(1);
      expect(hiddenBy(p)).toContain(1);
    });
    it('never hides a structurally zero cell', () => {
      // T = R + U with U = Σ ∅, so T ≡ R; R is small; T is in F = T + S.
      const p = problemOf({
        values: [4, 4, 0, 10, 14],
        relations: [rel(0, 1, 2), rel(2), rel(4, 0, 3)],
        primary: [0, 1, 2],
      });
      expect(hiddenBy(p)).toEqual([0, 1, 3]);
    });
  });

  it('protects a sensitive internal unknown', () => {
    // QPV 0 = pieces 1 + 2 (internal, piece 1 small); commune 3 = piece 1 + rest 4.
    const p = problemOf({
      values: [12, 2, 10, 22, 20],
      relations: [rel(0, 1, 2), rel(3, 1, 4)],
      internal: [1, 2],
    });
    expect(hiddenBy(p)).toEqual([4]);
  });

  it('shows again a complement that turned out determined', () => {
    // a small hidden in T = a + b; b also in U = b + c where c is small: b, c protect a and
    // each other, and nothing is shown again here; every hidden cell is undetermined.
    const p = problemOf({
      values: [5, 2, 3, 7, 4],
      relations: [rel(0, 1, 2), rel(3, 2, 4)],
    });
    const result = suppress(p);
    expect(result.unhidden).toBe(0);
    expect(hiddenBy(p)).toEqual([1, 2, 4]);
  });
});

it('reports a sensitive cell the relations force to 0, instead of looping', () => {
  // T = a + b and T = a + b + c: c = 0 whatever the data, so no suppression can protect it.
  const p = problemOf({
    values: [10, 4, 6, 0],
    relations: [rel(0, 1, 2), rel(0, 1, 2, 3)],
    primary: [3],
  });
  const result = suppress(p);
  expect([...result.unprotectable]).toEqual([3]);
  expect(result.hidden[3]).toBe(1);
  expect([...auditLinear(p, result.hidden).disclosed]).toEqual([3]);
});

it('gives the same result whether problems share their relations array or not', () => {
  // The structure is cached by relations array (one per year, shared by the benefits).
  const relations = [rel(0, 1, 2, 3), rel(4, 1, 2), rel(5, 3, 6)];
  const first = problemOf({ values: [14, 2, 5, 7, 7, 9, 2], relations });
  const second = problemOf({ values: [30, 3, 20, 7, 23, 8, 1], relations });
  for (const p of [first, second, first]) {
    const { timings: _shared, ...shared } = suppress(p);
    const { timings: _own, ...own } = suppress({ ...p, relations: [...relations] });
    expect(shared).toEqual(own);
  }
});

it('hides only the sensitive cells of a problem without relations', () => {
  const p = problemOf({ values: [3, 40, 0, 1], relations: [], internal: [3] });
  const result = suppress(p);
  expect(indices(result.hidden)).toEqual([0]);
  expect([result.primaryCount, result.secondaryCount, result.rounds]).toEqual([1, 0, 1]);
});

it('rejects a relation over a variable out of range', () => {
  const p = problemOf({ values: [2, 2, 0], relations: [rel(0, 1, 2), rel(3, 0, 4)] });
  expect(() => suppress(p)).toThrow(RangeError);
});

describe('a leak is caught', () => {
  it('un-hiding the only complement of a sensitive cell discloses it', () => {
    const p = problemOf({ values: [66, 2, 10, 24, 30], relations: [rel(0, 1, 2, 3, 4)] });
    const hidden = suppress(p).hidden.slice();
    hidden[2] = 0;
    expect([...auditLinear(p, hidden).disclosed]).toEqual([1]);
    expect(propagationAttack(p, hidden).get(1)).toBe(2);
  });
});
