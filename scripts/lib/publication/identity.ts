/**
 * Identity classes: variables that the relations make structurally equal share one status (a
 * site that is one commune, a DROM région and its département, a site equal to its EPCI, a
 * commune's hors-QPV part when it has no QPV). Working on classes keeps the engine from showing
 * one copy of a hidden cell, and shrinks every later step. The result also holds the relations
 * rewritten over classes, deduplicated, as a sparse matrix (rows) and its transpose (columns).
 */
import type { SuppressionProblem } from './problem';
import { bump } from './typed';

export interface Classes {
  /** Class of each variable. Class ids follow the order of their first member. */
  readonly classOf: Int32Array;
  readonly count: number;
  /** Members of each class (CSR: `memberStart[k]` … `memberStart[k + 1]`). */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  /** 1 for a class that is 0 whatever the data (an empty sum, or equal to one). */
  readonly zero: Uint8Array;
  /** 1 when some member is published / sensitive (sensitivity dropped for zero classes). */
  readonly published: Uint8Array;
  readonly primary: Uint8Array;
  /** Cheapest rank and the value of the class (members are equal, so any member's value). */
  readonly rank: Uint8Array;
  readonly value: Float64Array;
  /** Relations over classes: row r is `Σ coef·class = 0`, zero classes and duplicates removed. */
  readonly rowStart: Int32Array;
  readonly rowCol: Int32Array;
  readonly rowCoef: Int32Array;
  /** Class of the relation's total when it kept coefficient +1, else −1. */
  readonly rowTotal: Int32Array;
  /** Transpose: rows of each class, in increasing row order, with their coefficients. */
  readonly colStart: Int32Array;
  readonly colRow: Int32Array;
  readonly colCoef: Int32Array;
}

class UnionFind {
  readonly parent: Int32Array;
  readonly zero: Uint8Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.zero = new Uint8Array(n);
  }
  find(x: number): number {
    const p = this.parent;
    let root = x;
    while (p[root] !== root) root = p[root] as number;
    while (p[x] !== root) {
      const next = p[x] as number;
      p[x] = root;
      x = next;
    }
    return root;
  }
  /** Joins two roots; the smaller index stays the root, so the result never depends on order. */
  union(a: number, b: number): void {
    const [keep, drop] = a < b ? [a, b] : [b, a];
    this.parent[drop] = keep;
    if (this.zero[drop]) this.zero[keep] = 1;
  }
}

/** A relation mapped to roots: parallel arrays of root and coefficient, sorted by root. */
function mapRelation(
  uf: UnionFind,
  total: number,
  parts: readonly number[],
): { ids: number[]; coefs: number[]; totalRoot: number } {
  const acc = new Map<number, number>();
  const t = uf.find(total);
  if (!uf.zero[t]) acc.set(t, 1);
  for (const part of parts) {
    const r = uf.find(part);
    if (!uf.zero[r]) acc.set(r, (acc.get(r) ?? 0) - 1);
  }
  const ids = [...acc.keys()].filter((k) => acc.get(k) !== 0).sort((a, b) => a - b);
  return { ids, coefs: ids.map((k) => acc.get(k) as number), totalRoot: acc.get(t) === 1 ? t : -1 };
}

/** Builds the identity classes (union-find iterated to a fixpoint) and the class-level rows. */
export function buildClasses(problem: SuppressionProblem): Classes {
  const n = problem.size;
  for (const rel of problem.relations) {
    for (const v of [rel.total, ...rel.parts]) {
      if (!Number.isInteger(v) || v < 0 || v >= n)
        throw new RangeError(`variable ${v} out of range`);
    }
  }
  const uf = new UnionFind(n);
  for (let changed = true; changed;) {
    changed = false;
    const byParts = new Map<string, number>();
    for (const rel of problem.relations) {
      const { ids, coefs, totalRoot } = mapRelation(uf, rel.total, rel.parts);
      if (ids.length === 1) {
        // k·x = 0: x is zero whatever the data.
        uf.zero[ids[0] as number] = 1;
        changed = true;
      } else if (ids.length === 2 && (coefs[0] as number) + (coefs[1] as number) === 0) {
        uf.union(ids[0] as number, ids[1] as number);
        changed = true;
      } else if (totalRoot >= 0 && ids.length > 2) {
        // Same parts, same total: key the parts (with their coefficients) without the total.
        const key = ids
          .map((id, i) => (id === totalRoot ? '' : `${id}:${coefs[i] as number}`))
          .join(',');
        const other = byParts.get(key);
        if (other === undefined) byParts.set(key, totalRoot);
        else {
          const a = uf.find(other);
          const b = uf.find(totalRoot);
          if (a !== b) {
            uf.union(a, b);
            changed = true;
          }
        }
      }
    }
  }

  // Class ids in order of first member, so ids (and everything after) are deterministic.
  const classOf = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const root = uf.find(v);
    if ((idOfRoot[root] as number) < 0) idOfRoot[root] = count++;
    classOf[v] = idOfRoot[root] as number;
  }
  const memberStart = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) bump(memberStart, (classOf[v] as number) + 1);
  for (let k = 0; k < count; k++) bump(memberStart, k + 1, memberStart[k] as number);
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, count);
  for (let v = 0; v < n; v++) members[bump(fill, classOf[v] as number) - 1] = v;

  const zero = new Uint8Array(count);
  const published = new Uint8Array(count);
  const primary = new Uint8Array(count);
  const rank = new Uint8Array(count).fill(255);
  const value = new Float64Array(count);
  for (let v = 0; v < n; v++) {
    const k = classOf[v] as number;
    if (uf.zero[uf.find(v)]) zero[k] = 1;
    if (problem.published[v]) {
      published[k] = 1;
      rank[k] = Math.min(rank[k] as number, problem.rank[v] as number);
    }
    if (problem.primary[v]) primary[k] = 1;
    value[k] = Math.max(value[k] as number, problem.value[v] as number);
  }
  for (let k = 0; k < count; k++) if (zero[k]) primary[k] = 0;

  return {
    classOf,
    count,
    memberStart,
    members,
    zero,
    published,
    primary,
    rank,
    value,
    ...classRows(problem, uf, classOf, count),
  };
}

/** The relations over classes, without zero classes, empty rows and duplicate rows. */
function classRows(
  problem: SuppressionProblem,
  uf: UnionFind,
  classOf: Int32Array,
  count: number,
): Pick<
  Classes,
  'rowStart' | 'rowCol' | 'rowCoef' | 'rowTotal' | 'colStart' | 'colRow' | 'colCoef'
> {
  const seen = new Set<string>();
  const start: number[] = [0];
  const cols: number[] = [];
  const coefs: number[] = [];
  const totals: number[] = [];
  for (const rel of problem.relations) {
    const { ids, coefs: cs, totalRoot } = mapRelation(uf, rel.total, rel.parts);
    if (ids.length === 0) continue;
    const entries = ids.map((id, i) => [classOf[id] as number, cs[i] as number] as const);
    entries.sort((a, b) => a[0] - b[0]);
    const key = entries.join(';');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const [c, k] of entries) {
      cols.push(c);
      coefs.push(k);
    }
    start.push(cols.length);
    totals.push(totalRoot >= 0 ? (classOf[totalRoot] as number) : -1);
  }
  const rowStart = Int32Array.from(start);
  const rowCol = Int32Array.from(cols);
  const rowCoef = Int32Array.from(coefs);
  const colStart = new Int32Array(count + 1);
  for (const c of rowCol) bump(colStart, c + 1);
  for (let k = 0; k < count; k++) bump(colStart, k + 1, colStart[k] as number);
  const colRow = new Int32Array(rowCol.length);
  const colCoef = new Int32Array(rowCol.length);
  const fill = colStart.slice(0, count);
  for (let r = 0; r + 1 < rowStart.length; r++) {
    for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) {
      const at = bump(fill, rowCol[e] as number) - 1;
      colRow[at] = r;
      colCoef[at] = rowCoef[e] as number;
    }
  }
  return {
    rowStart,
    rowCol,
    rowCoef,
    rowTotal: Int32Array.from(totals),
    colStart,
    colRow,
    colCoef,
  };
}
