/**
 * Builders shared by the tests and the benchmark: a problem from a readable description, and an
 * exact (BigInt rational) determinability test to check the modular audit against.
 */
import type { Relation, SuppressionProblem } from './problem';

export interface ProblemSpec {
  readonly values: readonly number[];
  readonly relations: readonly Relation[];
  /** Internal variables (never published); every other variable is published. */
  readonly internal?: readonly number[];
  /** Sensitive variables; by default those with 1 ≤ value < `threshold`. */
  readonly primary?: readonly number[];
  readonly threshold?: number;
  readonly rank?: readonly number[];
}

export function problemOf(spec: ProblemSpec): SuppressionProblem {
  const size = spec.values.length;
  const threshold = spec.threshold ?? 5;
  const published = new Uint8Array(size).fill(1);
  for (const v of spec.internal ?? []) published[v] = 0;
  const primary = new Uint8Array(size);
  if (spec.primary) for (const v of spec.primary) primary[v] = 1;
  else spec.values.forEach((x, v) => (primary[v] = x >= 1 && x < threshold ? 1 : 0));
  return {
    size,
    value: Float64Array.from(spec.values),
    published,
    primary,
    rank: Uint8Array.from(spec.rank ?? spec.values.map(() => 0)),
    relations: spec.relations,
  };
}

/** `total = Σ parts` (the caller gives values that satisfy it). */
export const rel = (total: number, ...parts: number[]): Relation => ({ total, parts });

/** Indices of the 1s of a mask. */
export function indices(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((x, i) => {
    if (x) out.push(i);
  });
  return out;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Exact determinability on the raw variables (no identity classes, no reductions): the reduced
 * row echelon form of the relations over the unknowns, in integers kept primitive by gcd. An
 * unknown is determined iff it is a pivot whose reduced row has no other entry.
 */
export function exactDetermined(problem: SuppressionProblem, hidden: Uint8Array): Set<number> {
  const unknowns: number[] = [];
  const col = new Map<number, number>();
  for (let v = 0; v < problem.size; v++) {
    if (!problem.published[v] || hidden[v]) {
      col.set(v, unknowns.length);
      unknowns.push(v);
    }
  }
  const m = unknowns.length;
  const rows: bigint[][] = [];
  for (const r of problem.relations) {
    const row = new Array<bigint>(m).fill(0n);
    const add = (v: number, k: bigint): void => {
      const j = col.get(v);
      if (j !== undefined) row[j] = (row[j] as bigint) + k;
    };
    add(r.total, 1n);
    for (const p of r.parts) add(p, -1n);
    if (row.some((x) => x !== 0n)) rows.push(row);
  }
  const pivotRowOf = new Map<number, bigint[]>();
  let next = 0;
  for (let j = 0; j < m && next < rows.length; j++) {
    const at = rows.findIndex((row, i) => i >= next && row[j] !== 0n);
    if (at < 0) continue;
    const pivot = rows[at] as bigint[];
    rows[at] = rows[next] as bigint[];
    rows[next] = pivot;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as bigint[];
      if (i === next || row[j] === 0n) continue;
      const a = pivot[j] as bigint;
      const b = row[j] as bigint;
      let g = 0n;
      for (let k = 0; k < m; k++) {
        row[k] = (row[k] as bigint) * a - (pivot[k] as bigint) * b;
        g = gcd(g, row[k] as bigint);
      }
      if (g > 1n) for (let k = 0; k < m; k++) row[k] = (row[k] as bigint) / g;
    }
    pivotRowOf.set(j, pivot);
    next++;
  }
  const determined = new Set<number>();
  for (const [j, row] of pivotRowOf) {
    if (row.every((x, k) => k === j || x === 0n)) determined.add(unknowns[j] as number);
  }
  return determined;
}

/**
 * A two-way table with margins: cell (i, j) is variable i·columns + j, then the row totals, the
 * column totals and the grand total (last), linked by the row, column and grand-total relations.
 */
export function tableWithMargins(
  cells: readonly (readonly number[])[],
  primary?: readonly number[],
): SuppressionProblem {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const values = cells.flat();
  const relations: Relation[] = [];
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const rowTotals = range(rows).map((i) => {
    const parts = range(columns).map((j) => i * columns + j);
    values.push(parts.reduce((s, v) => s + (values[v] as number), 0));
    relations.push({ total: values.length - 1, parts });
    return values.length - 1;
  });
  const columnTotals = range(columns).map((j) => {
    const parts = range(rows).map((i) => i * columns + j);
    values.push(parts.reduce((s, v) => s + (values[v] as number), 0));
    relations.push({ total: values.length - 1, parts });
    return values.length - 1;
  });
  values.push(rowTotals.reduce((s, v) => s + (values[v] as number), 0));
  const grand = values.length - 1;
  relations.push({ total: grand, parts: rowTotals }, { total: grand, parts: columnTotals });
  return problemOf({ values, relations, ...(primary ? { primary } : {}) });
}
