import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { classBreaks, classIndex } from './classification';

const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('classBreaks', () => {
  it('cuts equal intervals from min to max', () => {
    expect(classBreaks([0, 10, 5, 2.5, 1, 7], 'egal', 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('cuts quantiles so each class holds as many values', () => {
    const b = classBreaks(ten, 'quantiles', 5);
    expect(b).toHaveLength(6);
    expect(b[0]).toBe(1);
    expect(b[5]).toBe(10);
    const counts = ten.map((v) => classIndex(v, b));
    expect(counts).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('finds natural breaks (Jenks / ckmeans) between clear groups', () => {
    const values = [1, 1.1, 1.2, 5, 5.1, 5.2, 10, 10.1, 10.3, 20, 21, 40, 41];
    expect(classBreaks(values, 'jenks', 5)).toEqual([1, 5, 10, 20, 40, 41]);
  });

  it('keeps the extremes and the groups when Jenks runs on a sample of a large set', () => {
    const big = Array.from(
      { length: 30_000 },
      (_, i) => (i % 3 === 0 ? 10 : i % 3 === 1 ? 50 : 90) + (i % 7) / 10,
    );
    const b = classBreaks(big, 'jenks', 3);
    expect(b).toEqual([10, 50, 90, 90.6]);
  });

  it('ignores nulls, NaN and infinities', () => {
    expect(classBreaks([3, null, NaN, 1, undefined, Infinity, 2], 'egal', 2)).toEqual([1, 2, 3]);
    expect(classBreaks([null, 4, null, 0], 'egal', 2)).toEqual([0, 2, 4]);
  });

  it('never makes empty classes out of ties', () => {
    const ties = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3];
    const b = classBreaks(ties, 'quantiles', 5);
    const used = new Set(ties.map((v) => classIndex(v, b)));
    expect(used.size).toBe(b.length - 1);
    const tiesAbove = [0, 1, 2, 2, 2, 2, 2, 2, 2, 3, 4];
    const c = classBreaks(tiesAbove, 'quantiles', 5);
    expect(new Set(c).size).toBe(c.length);
    expect(new Set(tiesAbove.map((v) => classIndex(v, c))).size).toBe(c.length - 1);
  });

  it('gives a minimum shared by many territories a class of its own', () => {
    // Most EPCI have no case for a rare criterion: plain quantiles made one class « 0 – 8,5 ».
    const rare = [
      ...Array.from({ length: 70 }, () => 0),
      ...Array.from({ length: 30 }, (_, i) => i + 1),
    ];
    const b = classBreaks(rare, 'quantiles', 5);
    expect(b.slice(0, 2)).toEqual([0, 0]);
    expect(b).toHaveLength(6);
    expect(b[5]).toBe(30);
    const classes = rare.map((v) => classIndex(v, b));
    expect(classes.slice(0, 70).every((c) => c === 0)).toBe(true);
    // The 30 values above 0 fill the four other classes, in order and about evenly.
    const above = classes.slice(70);
    expect(above).toEqual([...above].sort((x, y) => x - y));
    for (const c of [1, 2, 3, 4])
      expect(above.filter((x) => x === c).length).toBeGreaterThanOrEqual(6);
  });

  it('makes fewer classes when there are fewer distinct values than classes', () => {
    expect(classBreaks([3, 7, 3], 'jenks', 6)).toEqual([3, 7, 7]);
    expect(classBreaks([3, 7], 'egal', 5)).toEqual([3, 5, 7]);
    expect(classBreaks([4, 4, 4], 'quantiles', 5)).toEqual([4, 4]);
    expect(classBreaks([], 'quantiles', 5)).toEqual([]);
    expect(classBreaks([null, NaN], 'jenks', 5)).toEqual([]);
  });
});

/** The quantile breaks as first written: sort everything, then read the quantiles. */
function sortedQuantileBreaks(values: (number | null)[], classes: number): number[] {
  const list = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (list.length === 0) return [];
  const min = list[0] ?? 0;
  const max = list[list.length - 1] ?? 0;
  if (min === max) return [min, max];
  const distinct = (l: number[]) => new Set(l).size;
  const k = Math.max(1, Math.min(classes, distinct(list)));
  const dedupe = (b: number[]) => b.filter((x, i) => i === 0 || x !== b[i - 1]);
  const cut = (l: number[], n: number, lo: number) =>
    Array.from({ length: n + 1 }, (_, i) =>
      i === 0 ? lo : i === n ? max : quantileSorted(l, i / n),
    );
  if (k > 2 && quantileSorted(list, 1 / k) === min) {
    const above = list.filter((v) => v > min);
    return [min, ...dedupe(cut(above, Math.min(k - 1, distinct(above)), min))];
  }
  return dedupe(cut(list, k, min));
}

describe('quantile breaks by selection', () => {
  it('are the breaks of the sorted values, for any values and class count', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.constant(0),
      fc.integer({ min: 0, max: 12 }),
      // -0 and 0 are one value to a legend (and a min/max scan and a sort tell them apart).
      fc.double({ min: -50, max: 50, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (values, classes) => {
          expect(classBreaks(values, 'quantiles', classes)).toEqual(
            sortedQuantileBreaks(values, classes),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('agree with sorting on a commune-sized set with ties', () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Array.from({ length: 35_000 }, () =>
      next() < 0.15 ? 0 : Math.round(next() * 400) / 10,
    );
    for (const classes of [5, 6, 7])
      expect(classBreaks(values, 'quantiles', classes)).toEqual(
        sortedQuantileBreaks(values, classes),
      );
  });
});

describe('classIndex', () => {
  const b = [0, 10, 20, 30];
  it('puts a bound in the class it opens and the maximum in the last class', () => {
    expect(classIndex(0, b)).toBe(0);
    expect(classIndex(9.99, b)).toBe(0);
    expect(classIndex(10, b)).toBe(1);
    expect(classIndex(29, b)).toBe(2);
    expect(classIndex(30, b)).toBe(2);
  });
  it('returns -1 for nulls and values outside the breaks', () => {
    expect(classIndex(null, b)).toBe(-1);
    expect(classIndex(NaN, b)).toBe(-1);
    expect(classIndex(-1, b)).toBe(-1);
    expect(classIndex(31, b)).toBe(-1);
    expect(classIndex(5, [])).toBe(-1);
  });
  it('puts everything in one class when min equals max', () => {
    expect(classIndex(4, [4, 4])).toBe(0);
  });
  it('puts a value in its class of no width and what is above it in the next', () => {
    const z = [0, 0, 2, 5];
    expect(classIndex(0, z)).toBe(0);
    expect(classIndex(0.5, z)).toBe(1);
    expect(classIndex(2, z)).toBe(2);
    expect(classIndex(5, z)).toBe(2);
  });
});
