/**
 * Which unknowns of a homogeneous sparse system `Σ coef·z = 0` are forced to 0 in every
 * solution. An unknown x is determined by the published cells iff e_x lies in the row space of
 * the relations restricted to the unknown columns, i.e. iff z_x = 0 in every null vector. We
 * draw two independent random null vectors modulo a prime and call x determined when both have
 * z_x ≡ 0: a determined unknown always gives 0, so a disclosure is never missed; a free one
 * gives 0 with probability 1/P per vector, which only over-protects.
 *
 * Before any elimination the system is reduced exactly, and every reduction is logged so the
 * null vectors can be rebuilt in reverse order:
 * - ZERO: a row with one unknown forces it to 0 (the simple attacker's propagation);
 * - PEEL: an unknown in a single row is solved from that row last, so the row constrains
 *   nothing else and both leave the system;
 * - MERGE: unknowns with identical columns (hidden communes of one EPCI with the same zonings)
 *   only enter through their sum: ≥ 2 of them are never determined, and the sum acts as one.
 * What remains is eliminated with sparse rows, shortest row first, and its pivot column the one
 * in fewest rows (a Markowitz-like order that keeps fill-in local to a département).
 */
import { Rng } from '../random';
import { eliminate, type Echelon } from './echelon';
import { inverse, mod, mul, P } from './modular';
import { bump } from './typed';

/** A sparse matrix and its transpose; rows are relations, columns are classes. */
export interface SparseMatrix {
  readonly rowStart: Int32Array;
  readonly rowCol: Int32Array;
  readonly rowCoef: Int32Array;
  readonly colStart: Int32Array;
  readonly colRow: Int32Array;
  readonly colCoef: Int32Array;
}

const ACTIVE = 0;
const KNOWN = 1;
const ZERO = 2;
const PEELED = 3;
const MERGED = 4;

/**
 * 1 for every column with `unknown[c] = 1` that is determined. Columns with `unknown[c] = 0`
 * are known (moved to the right-hand side) and never reported.
 */
export function determinedColumns(m: SparseMatrix, unknown: Uint8Array, seed = 1): Uint8Array {
  const columns = unknown.length;
  const rows = m.rowStart.length - 1;
  const state = new Uint8Array(columns);
  for (let c = 0; c < columns; c++) state[c] = unknown[c] ? ACTIVE : KNOWN;
  const rowCount = new Int32Array(rows);
  const rowAlive = new Uint8Array(rows);
  const colCount = new Int32Array(columns);
  const rowQueue: number[] = [];
  const colQueue: number[] = [];
  // Only rows with an unknown matter: reach them from the unknown columns, so that auditing
  // a few components costs their size, not the whole system's.
  const actives: number[] = [];
  for (let c = 0; c < columns; c++) {
    if (state[c] !== ACTIVE) continue;
    actives.push(c);
    colCount[c] = (m.colStart[c + 1] as number) - (m.colStart[c] as number);
    if (colCount[c] === 1) colQueue.push(c);
    for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
      const r = m.colRow[e] as number;
      if (bump(rowCount, r) === 1) rowAlive[r] = 1;
    }
  }
  for (const c of actives) {
    for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
      const r = m.colRow[e] as number;
      if (rowCount[r] === 1) rowQueue.push(r);
    }
  }
  // Reductions, logged as [kind, column, row or merge offset].
  const log: number[] = [];
  const mergeMembers: number[] = [];

  const zeroColumn = (c: number): void => {
    state[c] = ZERO;
    log.push(ZERO, c, -1);
    for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
      const r = m.colRow[e] as number;
      if (!rowAlive[r]) continue;
      const k = bump(rowCount, r, -1);
      if (k === 0) rowAlive[r] = 0;
      else if (k === 1) rowQueue.push(r);
    }
  };
  const peel = (c: number, r: number): void => {
    state[c] = PEELED;
    log.push(PEELED, c, r);
    rowAlive[r] = 0;
    for (let e = m.rowStart[r] as number; e < (m.rowStart[r + 1] as number); e++) {
      const other = m.rowCol[e] as number;
      if (other === c || state[other] !== ACTIVE) continue;
      if (bump(colCount, other, -1) === 1) colQueue.push(other);
    }
  };
  const drain = (): void => {
    while (rowQueue.length > 0 || colQueue.length > 0) {
      const r = rowQueue.pop();
      if (r !== undefined) {
        if (!rowAlive[r] || rowCount[r] !== 1) continue;
        for (let e = m.rowStart[r] as number; e < (m.rowStart[r + 1] as number); e++) {
          const c = m.rowCol[e] as number;
          if (state[c] === ACTIVE) {
            zeroColumn(c);
            break;
          }
        }
        continue;
      }
      const c = colQueue.pop() as number;
      if (state[c] !== ACTIVE || colCount[c] !== 1) continue;
      for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
        const row = m.colRow[e] as number;
        if (rowAlive[row]) {
          peel(c, row);
          break;
        }
      }
    }
  };
  const merge = (): boolean => {
    const buckets = new Map<number, number[]>();
    for (const c of actives) {
      if (state[c] !== ACTIVE || (colCount[c] as number) < 2) continue;
      let h = 0x811c9dc5;
      for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
        const r = m.colRow[e] as number;
        if (!rowAlive[r]) continue;
        h = Math.imul(h ^ r, 0x01000193);
        h = Math.imul(h ^ (m.colCoef[e] as number), 0x01000193);
      }
      const list = buckets.get(h);
      if (list) list.push(c);
      else buckets.set(h, [c]);
    }
    let merged = false;
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      const pending = list.slice();
      while (pending.length > 1) {
        const rep = pending[0] as number;
        const group = pending.filter((c) => sameColumn(m, rowAlive, rep, c));
        const rest = pending.filter((c) => !group.includes(c));
        pending.length = 0;
        pending.push(...rest);
        if (group.length < 2) continue;
        merged = true;
        log.push(MERGED, rep, mergeMembers.length);
        mergeMembers.push(group.length, ...group);
        for (const c of group) if (c !== rep) state[c] = MERGED;
        for (let e = m.colStart[rep] as number; e < (m.colStart[rep + 1] as number); e++) {
          const r = m.colRow[e] as number;
          if (!rowAlive[r]) continue;
          if (bump(rowCount, r, 1 - group.length) === 1) rowQueue.push(r);
        }
      }
    }
    return merged;
  };

  drain();
  while (merge()) drain();
  const core = eliminate(coreRows(m, state, rowAlive, actives), columns);
  const z1 = nullVector(m, state, core, log, mergeMembers, new Rng(seed, 'null-1'));
  const z2 = nullVector(m, state, core, log, mergeMembers, new Rng(seed, 'null-2'));
  const determined = new Uint8Array(columns);
  for (let c = 0; c < columns; c++) {
    if (unknown[c] && z1[c] === 0 && z2[c] === 0) determined[c] = 1;
  }
  return determined;
}

function sameColumn(m: SparseMatrix, rowAlive: Uint8Array, a: number, b: number): boolean {
  if (a === b) return true;
  let ea = m.colStart[a] as number;
  let eb = m.colStart[b] as number;
  const endA = m.colStart[a + 1] as number;
  const endB = m.colStart[b + 1] as number;
  for (;;) {
    while (ea < endA && !rowAlive[m.colRow[ea] as number]) ea++;
    while (eb < endB && !rowAlive[m.colRow[eb] as number]) eb++;
    if (ea === endA || eb === endB) return ea === endA && eb === endB;
    if (m.colRow[ea] !== m.colRow[eb] || m.colCoef[ea] !== m.colCoef[eb]) return false;
    ea++;
    eb++;
  }
}

/** The rows left after the reductions, over the columns left. */
function coreRows(
  m: SparseMatrix,
  state: Uint8Array,
  rowAlive: Uint8Array,
  actives: readonly number[],
): Map<number, number>[] {
  const rows: Map<number, number>[] = [];
  for (const c of actives) {
    if (state[c] !== ACTIVE) continue;
    for (let e = m.colStart[c] as number; e < (m.colStart[c + 1] as number); e++) {
      const r = m.colRow[e] as number;
      if (rowAlive[r] !== 1) continue;
      rowAlive[r] = 2; // taken
      const row = new Map<number, number>();
      for (let f = m.rowStart[r] as number; f < (m.rowStart[r + 1] as number); f++) {
        const k = m.rowCol[f] as number;
        if (state[k] === ACTIVE) row.set(k, mod(m.rowCoef[f] as number));
      }
      rows.push(row);
    }
  }
  return rows;
}

/** A random null vector: free core columns drawn, pivots back-substituted, reductions undone. */
function nullVector(
  m: SparseMatrix,
  state: Uint8Array,
  core: Echelon,
  log: readonly number[],
  mergeMembers: readonly number[],
  rng: Rng,
): Float64Array {
  const draw = (): number => 1 + Math.floor(rng.next() * (P - 1));
  const z = new Float64Array(state.length);
  for (let c = 0; c < state.length; c++) if (state[c] === ACTIVE) z[c] = draw();
  for (let p = core.pivotCol.length - 1; p >= 0; p--) {
    const pc = core.pivotCol[p] as number;
    const rc = core.cols[p] as Int32Array;
    const rv = core.vals[p] as Float64Array;
    let s = 0;
    for (let i = 0; i < rc.length; i++) {
      if (rc[i] !== pc) s = (s + mul(rv[i] as number, z[rc[i] as number] as number)) % P;
    }
    z[pc] = mul(mod(-s), core.pivotInverse[p] as number);
  }
  for (let at = log.length - 3; at >= 0; at -= 3) {
    const kind = log[at] as number;
    const c = log[at + 1] as number;
    const extra = log[at + 2] as number;
    if (kind === PEELED) {
      // Merged members not yet split hold 0 and their representative holds the sum.
      let s = 0;
      let a = 0;
      for (let e = m.rowStart[extra] as number; e < (m.rowStart[extra + 1] as number); e++) {
        const other = m.rowCol[e] as number;
        if (other === c) a = mod(m.rowCoef[e] as number);
        else s = (s + mul(mod(m.rowCoef[e] as number), z[other] as number)) % P;
      }
      z[c] = mul(mod(-s), inverse(a));
    } else if (kind === MERGED) {
      const size = mergeMembers[extra] as number;
      let rest = z[c] as number;
      for (let i = 1; i <= size; i++) {
        const member = mergeMembers[extra + i] as number;
        if (member === c) continue;
        const v = draw();
        z[member] = v;
        rest = mod(rest - v);
      }
      z[c] = rest;
    }
  }
  return z;
}
