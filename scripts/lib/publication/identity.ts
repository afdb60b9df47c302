/**
 * Identity classes: variables that the relations make structurally equal share one status (a
 * site that is one commune, a DROM région and its département, a site equal to its EPCI, a
 * commune's hors-QPV part when it has no QPV). Working on classes keeps the engine from showing
 * one copy of a hidden cell, and shrinks every later step. The result also holds the relations
 * rewritten over classes, deduplicated, as a sparse matrix (rows) and its transpose (columns).
 */
import type { Relation, SuppressionProblem } from './problem';
import { hashEntries, RowSet, type Rows } from './rows';
import { bump } from './typed';

export interface Classes extends Rows {
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
  /** Relations over classes (rows `Σ coef·class = 0`, zero classes and duplicates removed). */
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

/**
 * Maps `total − Σ parts` to non-zero roots, merging repeated roots, into reusable buffers:
 * `ids` increasing (roots are the smallest member, so class ids follow the same order).
 */
class Mapper {
  readonly ids: Int32Array;
  readonly coefs: Int32Array;
  length = 0;
  /** Root of the total when its coefficient stayed +1, else −1. */
  totalRoot = -1;
  private readonly buf: Int32Array;
  private total = -1;

  constructor(
    private readonly uf: UnionFind,
    longest: number,
  ) {
    this.buf = new Int32Array(longest);
    this.ids = new Int32Array(longest + 1);
    this.coefs = new Int32Array(longest + 1);
  }

  map(rel: Relation): void {
    const uf = this.uf;
    let n = 0;
    for (const p of rel.parts) {
      const r = uf.find(p);
      if (!uf.zero[r]) this.buf[n++] = r;
    }
    // Parts usually come in index order already: sort only when they do not.
    let ordered = true;
    for (let i = 1; ordered && i < n; i++)
      ordered = (this.buf[i - 1] as number) <= (this.buf[i] as number);
    const sorted = ordered ? this.buf : this.buf.subarray(0, n).sort();
    const t = uf.find(rel.total);
    this.total = t;
    let pendingTotal = !uf.zero[t];
    this.length = 0;
    this.totalRoot = -1;
    for (let i = 0; i < n;) {
      const r = sorted[i] as number;
      let j = i + 1;
      while (j < n && sorted[j] === r) j++;
      if (pendingTotal && t < r) {
        this.emit(t, 1);
        pendingTotal = false;
      }
      const own = pendingTotal && t === r ? 1 : 0;
      if (own) pendingTotal = false;
      this.emit(r, own - (j - i));
      i = j;
    }
    if (pendingTotal) this.emit(t, 1);
  }

  private emit(id: number, coef: number): void {
    if (coef === 0) return;
    this.ids[this.length] = id;
    this.coefs[this.length++] = coef;
    if (coef === 1 && id === this.total) this.totalRoot = id;
  }

  /** Whether the parts (entries other than the total) equal those of `other`. */
  sameParts(other: Mapper): boolean {
    let i = 0;
    let j = 0;
    for (;;) {
      if (i < this.length && this.ids[i] === this.totalRoot) i++;
      if (j < other.length && other.ids[j] === other.totalRoot) j++;
      if (i === this.length || j === other.length) return i === this.length && j === other.length;
      if (this.ids[i] !== other.ids[j] || this.coefs[i] !== other.coefs[j]) return false;
      i++;
      j++;
    }
  }
}

/** Builds the identity classes (union-find iterated to a fixpoint) and the class-level rows. */
export function buildClasses(problem: SuppressionProblem): Classes {
  const n = problem.size;
  const relations = problem.relations;
  let longest = 1;
  for (const rel of relations) {
    check(rel.total, n);
    for (const v of rel.parts) check(v, n);
    longest = Math.max(longest, rel.parts.length);
  }
  const uf = new UnionFind(n);
  const mapper = new Mapper(uf, longest);
  const other = new Mapper(uf, longest);
  // A relation that gave an identity or a zero is empty from then on: it is not read again.
  const spent = new Uint8Array(relations.length);
  for (let changed = true; changed;) {
    changed = false;
    const byParts = new Map<number, number[]>();
    for (let i = 0; i < relations.length; i++) {
      if (spent[i]) continue;
      mapper.map(relations[i] as Relation);
      const { ids, coefs, length, totalRoot } = mapper;
      if (length === 1) {
        // k·x = 0: x is zero whatever the data.
        uf.zero[ids[0] as number] = 1;
        spent[i] = 1;
        changed = true;
      } else if (length === 2 && (coefs[0] as number) + (coefs[1] as number) === 0) {
        uf.union(ids[0] as number, ids[1] as number);
        spent[i] = 1;
        changed = true;
      } else if (totalRoot >= 0 && length > 2) {
        // Same parts (with their coefficients), same total.
        const h = hashEntries(ids, coefs, length, totalRoot);
        const bucket = byParts.get(h) ?? [];
        const twin = bucket.find((j) => {
          other.map(relations[j] as Relation);
          return other.totalRoot >= 0 && mapper.sameParts(other);
        });
        if (twin === undefined) byParts.set(h, [...bucket, i]);
        else if (other.totalRoot !== totalRoot) {
          uf.union(Math.min(other.totalRoot, totalRoot), Math.max(other.totalRoot, totalRoot));
          changed = true;
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
    ...classRows(relations, mapper, classOf, count),
  };
}

function check(v: number, n: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`variable ${v} out of range`);
}

/** The relations over classes, without zero classes, empty rows and duplicate rows. */
function classRows(
  relations: readonly Relation[],
  mapper: Mapper,
  classOf: Int32Array,
  count: number,
): Rows {
  const set = new RowSet();
  for (const rel of relations) {
    mapper.map(rel);
    if (mapper.length === 0) continue;
    // Roots increase with class ids, so the mapped entries stay sorted.
    for (let i = 0; i < mapper.length; i++)
      mapper.ids[i] = classOf[mapper.ids[i] as number] as number;
    const total = mapper.totalRoot >= 0 ? (classOf[mapper.totalRoot] as number) : -1;
    set.add(mapper.ids, mapper.coefs, mapper.length, total);
  }
  return set.build(count);
}
