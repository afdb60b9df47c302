/**
 * Primary and secondary cell suppression for one table and year (one linear system).
 *
 * Everything happens on identity classes (identity.ts), so identical cells share one status.
 * Primary: every sensitive published class is hidden. Secondary, repeated until the exact audit
 * finds no disclosure:
 * 1. singleton pass — a relation whose only unknown is hidden or sensitive gives it away
 *    (parent − shown children), so one more of its published cells is hidden, and so on while
 *    the new cells create such relations;
 * 2. exact audit (nullspace.ts) — finds what combinations of relations give away (the triangle
 *    X = a + b, Y = a + c, Z = b + c gives a = (X + Y − Z) / 2);
 * 3. for each disclosed sensitive class, the cheapest published cell whose hiding frees it, read
 *    from its certificate (the combination of relations that gives it away, certificate.ts).
 * The singleton pass also reads the implied relations of nested areas (nesting.ts), which show
 * a hidden EPCI total given away by its département and its sibling EPCI totals.
 * Last, hidden cells that are not sensitive and are determined anyway are shown again: they are
 * known, so showing them adds nothing, and the final hidden set has no determined member.
 */
import { buildClasses, type Classes, type Structure } from './identity';
import { releasingCells } from './certificate';
import { withNesting } from './nesting';
import { determinedColumns } from './nullspace';
import type { Rows } from './rows';
import type { SuppressionProblem, SuppressionResult } from './problem';
import { bump } from './typed';

export interface SuppressOptions {
  /** Seed of the audits' random null vectors. */
  readonly seed?: number;
  /**
   * Called for every class hidden as a complement, with the class it protects and how it was
   * chosen (a relation with a single unknown, or the certificate of a disclosed class). For
   * diagnosis only.
   */
  readonly trace?: (hidden: number, protects: number, how: 'singleton' | 'certificate') => void;
}

export interface EngineResult extends SuppressionResult {
  /** Identity classes of the problem (variables that share one status). */
  readonly classes: number;
  /** Hidden cells shown again at the end because they were determined anyway. */
  readonly unhidden: number;
  /**
   * Sensitive variables (with the cells identical to them) that no suppression can protect:
   * the relations force them to 0 whatever the data, an inconsistency in the problem (empty
   * when it is well built). They stay hidden, and the audit reports them as disclosed.
   */
  readonly unprotectable: Int32Array;
  /** Milliseconds spent in each step, summed over the rounds (for the benchmark). */
  readonly timings: Readonly<Record<'classes' | 'nesting' | 'singleton' | 'audit' | 'fix', number>>;
}

const nested = new WeakMap<Structure, Rows>();

/** The rows with the implied nested-area relations, shared like the structure itself. */
function nestingOf(structure: Structure): Rows {
  let rows = nested.get(structure);
  if (!rows) {
    rows = withNesting(structure, structure.count);
    nested.set(structure, rows);
  }
  return rows;
}

export function suppress(problem: SuppressionProblem, opts: SuppressOptions = {}): EngineResult {
  const timings = { classes: 0, nesting: 0, singleton: 0, audit: 0, fix: 0 };
  let clock = performance.now();
  const lap = (step: keyof typeof timings): void => {
    const now = performance.now();
    timings[step] += now - clock;
    clock = now;
  };
  const c = buildClasses(problem);
  lap('classes');
  const state = new SuppressionState(c, nestingOf(c.structure), opts.trace);
  lap('nesting');
  const seed = opts.seed ?? 1;
  const unprotectable: number[] = [];
  const givenUp = new Uint8Array(c.count);
  let rounds = 0;
  let determined: Uint8Array = new Uint8Array(c.count);
  for (;;) {
    state.singletonPass();
    lap('singleton');
    rounds++;
    // After the first audit, only the components that gained an unknown can change.
    const scope = rounds === 1 ? null : state.touchedComponents();
    state.clearFresh();
    if (!scope) determined = determinedColumns(c, state.unknown, seed + rounds);
    else {
      const unknown = new Uint8Array(c.count);
      for (let k = 0; k < c.count; k++)
        unknown[k] = (state.unknown[k] as number) & (scope[k] as number);
      const found = determinedColumns(c, unknown, seed + rounds);
      for (let k = 0; k < c.count; k++) if (scope[k]) determined[k] = found[k] as number;
    }
    lap('audit');
    const disclosed: number[] = [];
    for (let k = 0; k < c.count; k++) {
      if (determined[k] && c.primary[k] && !givenUp[k]) disclosed.push(k);
    }
    if (disclosed.length === 0) break;
    // A new unknown next to x often protects x's neighbours too: they wait for the next audit.
    const near = new Uint8Array(c.count);
    const releasing = releasingCells(c, state.unknown, disclosed);
    const fixed = new Set<number>();
    for (const x of disclosed) {
      const cells = releasing.get(x);
      // No certificate: the audit's 1/P² false alarm, nothing gives x away. A cell hidden for
      // another class that would free x as well: wait for the next audit.
      if (!cells || near[x] || cells.some((k) => fixed.has(k))) continue;
      // The cheapest visible cell whose hiding frees x by its certificate (computed before this
      // round's fixes, so a cell hidden since is skipped); −1 when none can.
      const m = state.cheapest(cells);
      if (m < 0) {
        // No published cell enters x's certificate: the relations force x to 0 whatever the
        // data (inconsistent input: a sensitive count is ≥ 1). It stays hidden, reported.
        givenUp[x] = 1;
        unprotectable.push(x);
        continue;
      }
      for (const row of state.rowsOf(x)) state.forEachMember(row, (k) => (near[k] = 1));
      fixed.add(m);
      opts.trace?.(m, x, 'certificate');
      state.hide(m);
    }
    lap('fix');
  }
  let unhidden = 0;
  for (let k = 0; k < c.count; k++) {
    if (state.hidden[k] && determined[k] && !c.primary[k]) {
      state.hidden[k] = 0;
      unhidden++;
    }
  }
  const hidden = new Uint8Array(problem.size);
  let primaryCount = 0;
  let secondaryCount = 0;
  for (let v = 0; v < problem.size; v++) {
    const k = c.classOf[v] as number;
    if (!problem.published[v] || !state.hidden[k]) continue;
    hidden[v] = 1;
    if (c.primary[k]) primaryCount++;
    else secondaryCount++;
  }
  return {
    hidden,
    primaryCount,
    secondaryCount,
    rounds,
    classes: c.count,
    unhidden,
    unprotectable: Int32Array.from(
      unprotectable.flatMap((k) => [
        ...c.members.subarray(c.memberStart[k] as number, c.memberStart[k + 1] as number),
      ]),
    ).sort(),
    timings,
  };
}

/** Hidden and unknown classes, with per-relation unknown counts kept up to date. */
class SuppressionState {
  readonly hidden: Uint8Array;
  readonly unknown: Uint8Array;
  private readonly primary: Uint8Array;
  private readonly unknownCount: Int32Array;
  /** Sum of the unknown class ids of each relation: the only one when the count is 1. */
  private readonly unknownSum: Float64Array;
  private readonly queue: number[] = [];
  /** Classes that became unknown since the last audit. */
  private readonly fresh: number[] = [];

  constructor(
    private readonly c: Classes,
    private readonly m: Rows,
    private readonly trace?: SuppressOptions['trace'],
  ) {
    const rows = m.rowTotal.length;
    this.hidden = new Uint8Array(c.count);
    this.unknown = new Uint8Array(c.count);
    this.primary = c.primary;
    this.unknownCount = new Int32Array(rows);
    this.unknownSum = new Float64Array(rows);
    for (let k = 0; k < c.count; k++) {
      if (c.zero[k]) continue;
      if (c.published[k] && c.primary[k]) this.hidden[k] = 1;
      if (this.hidden[k] || !c.published[k]) this.markUnknown(k);
    }
  }

  rowsOf(k: number): number[] {
    const out: number[] = [];
    for (let e = this.m.colStart[k] as number; e < (this.m.colStart[k + 1] as number); e++) {
      out.push(this.m.colRow[e] as number);
    }
    return out;
  }

  forEachMember(r: number, f: (k: number) => void): void {
    for (let e = this.m.rowStart[r] as number; e < (this.m.rowStart[r + 1] as number); e++) {
      f(this.m.rowCol[e] as number);
    }
  }

  private markUnknown(k: number): void {
    this.unknown[k] = 1;
    this.fresh.push(k);
    for (const r of this.rowsOf(k)) {
      bump(this.unknownSum, r, k);
      if (bump(this.unknownCount, r) === 1) this.queue.push(r);
    }
  }

  clearFresh(): void {
    this.fresh.length = 0;
  }

  /**
   * The unknowns connected (through the relations the audit reads) to one that became
   * unknown since the last audit: nothing outside them can have changed.
   */
  touchedComponents(): Uint8Array {
    const c = this.c;
    const scope = new Uint8Array(c.count);
    const seenRow = new Uint8Array(c.rowTotal.length);
    const queue: number[] = [];
    for (const k of this.fresh) {
      if (scope[k]) continue;
      scope[k] = 1;
      queue.push(k);
    }
    for (let i = 0; i < queue.length; i++) {
      const k = queue[i] as number;
      for (let e = c.colStart[k] as number; e < (c.colStart[k + 1] as number); e++) {
        const r = c.colRow[e] as number;
        if (seenRow[r]) continue;
        seenRow[r] = 1;
        for (let f = c.rowStart[r] as number; f < (c.rowStart[r + 1] as number); f++) {
          const u = c.rowCol[f] as number;
          if (this.unknown[u] && !scope[u]) {
            scope[u] = 1;
            queue.push(u);
          }
        }
      }
    }
    return scope;
  }

  hide(k: number): void {
    this.hidden[k] = 1;
    if (!this.unknown[k]) this.markUnknown(k);
  }

  /** Hides complements until no relation gives away a hidden or sensitive class alone. */
  singletonPass(): void {
    for (let r = this.queue.pop(); r !== undefined; r = this.queue.pop()) {
      if (this.unknownCount[r] !== 1) continue;
      const u = this.unknownSum[r] as number;
      if (!this.hidden[u] && !this.primary[u]) continue;
      const m = this.complement(r);
      if (m >= 0) {
        this.trace?.(m, u, 'singleton');
        this.hide(m);
      }
    }
  }

  /**
   * What hiding k costs users: 4 to the power of its importance tier (`rank`), times the log of
   * its value (a large count is worth more, not proportionally more); a zero last of all
   * (hiding a 0 protects little once bounds are considered).
   */
  private weight(k: number): number {
    const v = this.c.value[k] as number;
    return (v > 0 ? 0 : 1e15) + 4 ** (this.c.rank[k] as number) * (1 + Math.log2(1 + v));
  }

  /**
   * The weight of the complements hiding k would force at once: each relation where k would be
   * the only unknown needs one more hidden cell, its cheapest candidate (one step ahead: a small
   * part whose complement is a large total is not cheap).
   */
  private lookahead(k: number): number {
    let extra = 0;
    for (const r of this.rowsOf(k)) {
      if (this.unknownCount[r] !== 0) continue;
      let best = Infinity;
      this.forEachMember(r, (j) => {
        if (j !== k && this.candidate(j)) best = Math.min(best, this.weight(j));
      });
      extra += best === Infinity ? 1e15 : best;
    }
    return extra;
  }

  /** Whether a class may be hidden as a complement. */
  private candidate(k: number): boolean {
    return this.c.published[k] === 1 && !this.hidden[k] && !this.c.zero[k];
  }

  /**
   * The cheapest of `cells` to hide: the few lightest by weight are compared with what they
   * would force one step ahead (`lookahead`); ties by index. −1 when none can be hidden.
   */
  cheapest(cells: Iterable<number>): number {
    const pool: { k: number; w: number }[] = [];
    for (const k of cells) if (this.candidate(k)) pool.push({ k, w: this.weight(k) });
    if (pool.length === 0) return -1;
    pool.sort((a, b) => a.w - b.w || a.k - b.k);
    let best = -1;
    let bestCost = Infinity;
    for (const { k, w } of pool.slice(0, LOOKAHEAD_WIDTH)) {
      const cost = w + this.lookahead(k);
      if (cost < bestCost) {
        best = k;
        bestCost = cost;
      }
    }
    return best;
  }

  /** The cell of relation r to hide next (see `cheapest`); −1 when it has no visible cell. */
  complement(r: number): number {
    const members: number[] = [];
    this.forEachMember(r, (k) => members.push(k));
    return this.cheapest(members);
  }
}

/** How many of the lightest candidates are compared one step ahead. */
const LOOKAHEAD_WIDTH = 8;
