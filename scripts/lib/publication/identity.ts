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

/**
 * What depends on the relations only, shared by every problem built on the same relations
 * (the benefits of one year): the classes and the relations over classes (rows `Σ coef·class
 * = 0`, zero classes and duplicates removed).
 */
export interface Structure extends Rows {
  /** Class of each variable. Class ids follow the order of their first member. */
  readonly classOf: Int32Array;
  readonly count: number;
  /** Members of each class (CSR: `memberStart[k]` … `memberStart[k + 1]`). */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  /** 1 for a class that is 0 whatever the data (an empty sum, or equal to one). */
  readonly zero: Uint8Array;
}

export interface Classes extends Structure {
  /** The structure shared with other problems on the same relations (see `structureOf`). */
  readonly structure: Structure;
  /** 1 when some member is published / sensitive (sensitivity dropped for zero classes). */
  readonly published: Uint8Array;
  readonly primary: Uint8Array;
  /**
   * Rank of the class: its most expensive published member's (hiding the class hides every
   * member, so a commune that is also its département costs a département); and its value
   * (members are equal, so any member's value).
   */
  readonly rank: Uint8Array;
  readonly value: Float64Array;
}

class UnionFind {
  readonly parent: Int32Array;
  readonly zero: Uint8Array;
  /** Members of each class as a circular list, to revisit their relations after a merge. */
  private readonly next: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.next = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = this.next[i] = i;
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
    const keep = Math.min(a, b);
    const drop = Math.max(a, b);
    this.parent[drop] = keep;
    if (this.zero[drop]) this.zero[keep] = 1;
    const after = this.next[keep] as number;
    this.next[keep] = this.next[drop] as number;
    this.next[drop] = after;
  }
  forEachMember(root: number, f: (v: number) => void): void {
    let v = root;
    do {
      f(v);
      v = this.next[v] as number;
    } while (v !== root);
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

const structures = new WeakMap<readonly Relation[], Structure>();

/**
 * The identity classes (union-find iterated to a fixpoint) and the class-level rows of
 * `relations` over `size` variables. Cached by the relations array: problems that share one
 * array (one year's structure, one problem per benefit) build it once. The array must not be
 * changed afterwards (its type is readonly).
 */
export function structureOf(relations: readonly Relation[], size: number): Structure {
  const cached = structures.get(relations);
  if (cached && cached.classOf.length === size) return cached;
  const structure = buildStructure(relations, size);
  structures.set(relations, structure);
  return structure;
}

/** The classes of a problem: its structure, and each class's status, rank and value. */
export function buildClasses(problem: SuppressionProblem): Classes {
  const structure = structureOf(problem.relations, problem.size);
  const { count, classOf, zero } = structure;
  const published = new Uint8Array(count);
  const primary = new Uint8Array(count);
  const rank = new Uint8Array(count);
  const value = new Float64Array(count);
  for (let v = 0; v < problem.size; v++) {
    const k = classOf[v] as number;
    if (problem.published[v]) {
      published[k] = 1;
      rank[k] = Math.max(rank[k] as number, problem.rank[v] as number);
    }
    if (problem.primary[v] && !zero[k]) primary[k] = 1;
    value[k] = Math.max(value[k] as number, problem.value[v] as number);
  }
  return { ...structure, structure, published, primary, rank, value };
}

function buildStructure(relations: readonly Relation[], n: number): Structure {
  let longest = 1;
  for (const rel of relations) longest = Math.max(longest, rel.parts.length);
  const uf = new UnionFind(n);
  const mapper = new Mapper(uf, longest);
  const other = new Mapper(uf, longest);
  // A worklist rather than passes: a relation is read again only when a class it touches
  // merged or became zero. One that gave an identity or a zero is empty from then on.
  const relationsOf = incidence(relations, n);
  const spent = new Uint8Array(relations.length);
  const queued = new Uint8Array(relations.length).fill(1);
  const queue = relations.map((_, i) => i);
  const touch = (root: number): void =>
    uf.forEachMember(root, (v) => {
      for (let e = relationsOf.start[v] as number; e < (relationsOf.start[v + 1] as number); e++) {
        const i = relationsOf.list[e] as number;
        if (spent[i] || queued[i]) continue;
        queued[i] = 1;
        queue.push(i);
      }
    });
  const join = (a: number, b: number): void => {
    if (a === b) return;
    touch(Math.max(a, b));
    const zeroChanges = uf.zero[a] !== uf.zero[b];
    uf.union(a, b);
    if (zeroChanges) touch(Math.min(a, b));
  };
  const byParts = new Map<number, number[]>();
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] as number;
    queued[i] = 0;
    if (spent[i]) continue;
    mapper.map(relations[i] as Relation);
    const { ids, coefs, length, totalRoot } = mapper;
    if (length === 1) {
      // k·x = 0: x is zero whatever the data.
      spent[i] = 1;
      uf.zero[ids[0] as number] = 1;
      touch(ids[0] as number);
    } else if (length === 2 && (coefs[0] as number) + (coefs[1] as number) === 0) {
      spent[i] = 1;
      join(ids[0] as number, ids[1] as number);
    } else if (totalRoot >= 0 && length > 2) {
      // Same parts (with their coefficients), same total.
      const h = hashEntries(ids, coefs, length, totalRoot);
      const bucket = byParts.get(h);
      const twin = bucket?.find((j) => {
        if (j === i) return false;
        other.map(relations[j] as Relation);
        return other.totalRoot >= 0 && mapper.sameParts(other);
      });
      if (twin !== undefined) join(other.totalRoot, totalRoot);
      else if (!bucket) byParts.set(h, [i]);
      else if (!bucket.includes(i)) bucket.push(i);
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
  for (let v = 0; v < n; v++) if (uf.zero[uf.find(v)]) zero[classOf[v] as number] = 1;
  return {
    classOf,
    count,
    memberStart,
    members,
    zero,
    ...classRows(relations, spent, mapper, classOf, count),
  };
}

/** The relations each variable appears in (CSR), checking that every variable exists. */
function incidence(
  relations: readonly Relation[],
  n: number,
): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const rel of relations) {
    check(rel.total, n);
    bump(start, rel.total + 1);
    for (const v of rel.parts) {
      check(v, n);
      bump(start, v + 1);
    }
  }
  for (let v = 0; v < n; v++) bump(start, v + 1, start[v] as number);
  const list = new Int32Array(start[n] as number);
  const fill = start.slice(0, n);
  relations.forEach((rel, i) => {
    list[bump(fill, rel.total) - 1] = i;
    for (const v of rel.parts) list[bump(fill, v) - 1] = i;
  });
  return { start, list };
}

function check(v: number, n: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`variable ${v} out of range`);
}

/** The relations over classes, without zero classes, empty rows and duplicate rows. */
function classRows(
  relations: readonly Relation[],
  spent: Uint8Array,
  mapper: Mapper,
  classOf: Int32Array,
  count: number,
): Rows {
  const set = new RowSet();
  for (let i = 0; i < relations.length; i++) {
    if (spent[i]) continue; // an identity or a zero: empty over classes
    mapper.map(relations[i] as Relation);
    if (mapper.length === 0) continue;
    // Roots increase with class ids, so the mapped entries stay sorted.
    for (let j = 0; j < mapper.length; j++) {
      mapper.ids[j] = classOf[mapper.ids[j] as number] as number;
    }
    const total = mapper.totalRoot >= 0 ? (classOf[mapper.totalRoot] as number) : -1;
    set.add(mapper.ids, mapper.coefs, mapper.length, total);
  }
  return set.build(count);
}
