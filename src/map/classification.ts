/**
 * Class breaks for the choropleth: quantiles, Jenks natural breaks (Wang & Song's optimal
 * ckmeans, which is what "Jenks" means in practice) or equal intervals.
 *
 * Breaks are `k + 1` ascending bounds; class `i` holds `breaks[i] <= v < breaks[i + 1]`, the last
 * class also holds the maximum. A class of no width `[v, v]` holds `v` alone (quantiles give
 * one to a minimum shared by many territories), and the class after it what lies above `v`. Fewer distinct values than classes gives fewer classes, so a
 * legend never shows an empty or duplicated class.
 */
import { ckmeans, quantile } from 'simple-statistics';

export const CLASSIFICATION_METHODS = ['quantiles', 'jenks', 'egal'] as const;
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];
export const MIN_CLASSES = 5;
export const MAX_CLASSES = 7;

export const CLASSIFICATION_LABELS: Readonly<Record<ClassificationMethod, string>> = {
  quantiles: 'Quantiles (effectifs égaux)',
  jenks: 'Seuils naturels (Jenks)',
  egal: 'Intervalles égaux',
};

/** Finite values of a column, in their order (nulls and NaN left out). */
function finiteValues(values: ArrayLike<number | null | undefined>): Float64Array {
  let n = 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}

/** The number of distinct values, counted up to `cap`. */
function distinctUpTo(values: Float64Array, cap: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size < cap; i++) seen.add(values[i] ?? 0);
  return seen.size;
}

/**
 * simple-statistics' `quantile` (the definition of its `quantileSorted`), which selects the order
 * statistics it needs rather than sorting: ~1 ms for 35,000 communes against ~5 ms to sort and
 * copy them. It only reads, copies and swaps elements, so a Float64Array serves as the array.
 */
function quantilesOf(values: Float64Array, ps: number[]): number[] {
  return quantile(values as unknown as number[], ps);
}

/** Quantiles `i / n` for i = 1 … n − 1. */
function innerQuantiles(values: Float64Array, n: number): number[] {
  return n < 2
    ? []
    : quantilesOf(
        values,
        Array.from({ length: n - 1 }, (_, i) => (i + 1) / n),
      );
}

function dedupe(breaks: number[]): number[] {
  return breaks.filter((b, i) => i === 0 || b !== breaks[i - 1]);
}

/**
 * ckmeans is about O(n²)-bound in practice (35,000 communes take ~250 ms), so above this size it
 * runs on values at evenly spaced ranks, which keeps the minimum, the maximum and the shape of
 * the distribution; the breaks differ from the exact ones by less than the gaps between ranks.
 */
export const JENKS_SAMPLE = 2000;

function jenksSample(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  if (n <= JENKS_SAMPLE) return sorted;
  const out = new Float64Array(JENKS_SAMPLE);
  for (let i = 0; i < JENKS_SAMPLE; i++)
    out[i] = sorted[Math.round((i * (n - 1)) / (JENKS_SAMPLE - 1))] ?? 0;
  return out;
}

/** Computes class breaks; returns `[]` when there is no value and `[v, v]` for a single value. */
export function classBreaks(
  values: ArrayLike<number | null | undefined>,
  method: ClassificationMethod,
  classes: number,
): number[] {
  const finite = finiteValues(values);
  if (finite.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [min, max];
  const wanted = Math.round(classes);
  const k = Math.max(1, Math.min(wanted, distinctUpTo(finite, wanted)));
  if (method === 'egal') {
    return Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + ((max - min) * i) / k));
  }
  if (method === 'jenks') {
    const clusters = ckmeans(Array.from(jenksSample(finite.sort())), k);
    return [...clusters.map((c) => c[0] ?? min), max];
  }
  const quantiles = (list: Float64Array, n: number, lo: number): number[] => [
    lo,
    ...innerQuantiles(list, n),
    max,
  ];
  // When the minimum is also the first quantile (a fifth or more of the territories share it,
  // often 0: a rare criterion in small territories), plain quantiles melt classes together (one
  // class « 0 – 8,5 » for most EPCI). The minimum then gets a class of its own, written
  // [min, min] (classIndex puts the minimum there, the legend writes it once), and the values
  // above it are cut into the other classes.
  if (k > 2 && quantilesOf(finite, [1 / k])[0] === min) {
    const above = finite.filter((v) => v > min);
    const n = Math.min(k - 1, distinctUpTo(above, k - 1));
    return [min, ...dedupe(quantiles(above, n, min))];
  }
  // Ties can make two quantiles equal: drop the duplicate rather than show an empty class.
  return dedupe(quantiles(finite, k, min));
}

/** Index of the class holding `value`, or -1 when the value is null or outside the breaks. */
export function classIndex(value: number | null | undefined, breaks: readonly number[]): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return -1;
  const n = breaks.length - 1;
  if (n < 1) return -1;
  const first = breaks[0] ?? 0;
  const last = breaks[n] ?? 0;
  if (value < first || value > last) return -1;
  if (n === 1 || value === last) return n - 1 < 0 ? 0 : n - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((breaks[mid] ?? 0) <= value) lo = mid;
    else hi = mid - 1;
  }
  // A class of no width [v, v] (the minimum's own class) holds v; the next one what is above.
  while (lo > 0 && breaks[lo - 1] === value) lo--;
  return lo;
}
