/**
 * Why a determined unknown is determined, and which published cell to hide to change that.
 *
 * x is determined iff some combination y of the relations cancels every other unknown:
 * yᵀA_U = e_x (a certificate). Hiding a visible cell m adds its column a_m; x becomes free iff
 * yᵀa_m ≠ 0 (when a_m is in the column space of A_U; otherwise m itself is determined and the
 * next audit says so). So the cells worth hiding for x are the visible support of g = yᵀA.
 * This is what the nested-area relations cannot see: when a département and its EPCI are each
 * a sum of communes, hiding another commune never helps an EPCI total (its g entry cancels),
 * hiding a sibling EPCI total does.
 *
 * y is found on x's connected component only (unknowns linked by relations), by sparse
 * elimination modulo P of the transposed system Σ_r y_r·A[r, u] = δ(u, x), free y set to 0.
 */
import { inverse, MinHeap, P, ROW_BITS } from './modular';
import type { SparseMatrix } from './nullspace';

const mod = (a: number): number => ((a % P) + P) % P;

/**
 * The visible cells m with g_m ≠ 0 (mod P), g = yᵀA for a certificate y of x; null when x is
 * not determined (no certificate), or its component has more than `limit` unknowns.
 */
export function releasingCells(
  m: SparseMatrix,
  unknown: Uint8Array,
  x: number,
  limit = 50_000,
): number[] | null {
  // The component of x: its unknown columns (equations) and the rows they meet (variables).
  const localRow = new Map<number, number>();
  const rows: number[] = [];
  const cols = [x];
  const inComponent = new Set<number>([x]);
  for (let i = 0; i < cols.length; i++) {
    if (cols.length > limit) return null;
    const u = cols[i] as number;
    for (let e = m.colStart[u] as number; e < (m.colStart[u + 1] as number); e++) {
      const r = m.colRow[e] as number;
      if (localRow.has(r)) continue;
      localRow.set(r, rows.length);
      rows.push(r);
      for (let f = m.rowStart[r] as number; f < (m.rowStart[r + 1] as number); f++) {
        const k = m.rowCol[f] as number;
        if (unknown[k] && !inComponent.has(k)) {
          inComponent.add(k);
          cols.push(k);
        }
      }
    }
  }
  const equations = cols.map((u) => {
    const vars: number[] = [];
    const vals: number[] = [];
    for (let e = m.colStart[u] as number; e < (m.colStart[u + 1] as number); e++) {
      vars.push(localRow.get(m.colRow[e] as number) as number);
      vals.push(mod(m.colCoef[e] as number));
    }
    const order = vars.map((_, i) => i).sort((a, b) => (vars[a] as number) - (vars[b] as number));
    return {
      vars: Int32Array.from(order.map((i) => vars[i] as number)),
      vals: Float64Array.from(order.map((i) => vals[i] as number)),
      rhs: u === x ? 1 : 0,
    };
  });
  const y = solve(equations, rows.length);
  if (!y) return null;
  const g = new Map<number, number>();
  rows.forEach((r, i) => {
    const yr = y[i] as number;
    if (yr === 0) return;
    for (let f = m.rowStart[r] as number; f < (m.rowStart[r + 1] as number); f++) {
      const k = m.rowCol[f] as number;
      if (unknown[k]) continue;
      g.set(k, ((g.get(k) ?? 0) + yr * mod(m.rowCoef[f] as number)) % P);
    }
  });
  return [...g.keys()].filter((k) => g.get(k) !== 0).sort((a, b) => a - b);
}

interface Equation {
  vars: Int32Array;
  vals: Float64Array;
  rhs: number;
}

/**
 * A solution of sparse equations mod P (free variables 0), or null when inconsistent.
 * Shortest equation first, pivot on its variable in fewest equations (as in nullspace.ts).
 */
function solve(equations: Equation[], variables: number): Float64Array | null {
  const count = new Int32Array(variables);
  const where: number[][] = Array.from({ length: variables }, () => []);
  equations.forEach((eq, i) => {
    for (const v of eq.vars) {
      count[v] = (count[v] as number) + 1;
      where[v]?.push(i);
    }
  });
  const done = new Uint8Array(equations.length);
  const heap = new MinHeap();
  equations.forEach((eq, i) => heap.push(eq.vars.length * ROW_BITS + i));
  const pivots: { eq: Equation; v: number }[] = [];
  while (heap.size > 0) {
    const key = heap.pop();
    const len = Math.floor(key / ROW_BITS);
    const best = key - len * ROW_BITS;
    if (done[best] || lengthOf(equations, best) !== len) continue;
    done[best] = 1;
    const eq = equations[best] as Equation;
    if (eq.vars.length === 0) {
      if (eq.rhs !== 0) return null;
      continue;
    }
    let at = 0;
    for (let i = 1; i < eq.vars.length; i++) {
      if ((count[eq.vars[i] as number] as number) < (count[eq.vars[at] as number] as number))
        at = i;
    }
    const v = eq.vars[at] as number;
    const inv = inverse(eq.vals[at] as number);
    for (const w of eq.vars) count[w] = (count[w] as number) - 1;
    for (const k of where[v] ?? []) {
      if (done[k]) continue;
      const other = equations[k] as Equation;
      const j = other.vars.indexOf(v);
      if (j < 0) continue;
      const factor = P - (((other.vals[j] as number) * inv) % P);
      for (const w of other.vars) count[w] = (count[w] as number) - 1;
      combine(other, eq, factor, where, k);
      for (const w of other.vars) count[w] = (count[w] as number) + 1;
      heap.push(other.vars.length * ROW_BITS + k);
    }
    pivots.push({ eq, v });
  }
  const y = new Float64Array(variables);
  for (let p = pivots.length - 1; p >= 0; p--) {
    const { eq, v } = pivots[p] as { eq: Equation; v: number };
    let s = eq.rhs;
    let a = 0;
    for (let i = 0; i < eq.vars.length; i++) {
      const w = eq.vars[i] as number;
      if (w === v) a = eq.vals[i] as number;
      else s = mod(s - (((eq.vals[i] as number) * (y[w] as number)) % P));
    }
    y[v] = (s * inverse(a)) % P;
  }
  return y;
}

function lengthOf(equations: readonly Equation[], i: number): number {
  return (equations[i] as Equation).vars.length;
}

/** other += factor · eq (sorted sparse rows), registering `k` under new variables. */
function combine(
  other: Equation,
  eq: Equation,
  factor: number,
  where: number[][],
  k: number,
): void {
  const a = other.vars;
  const b = eq.vars;
  const vars: number[] = [];
  const vals: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const va = i < a.length ? (a[i] as number) : Infinity;
    const vb = j < b.length ? (b[j] as number) : Infinity;
    let v: number;
    let x: number;
    if (va < vb) {
      v = va;
      x = other.vals[i++] as number;
    } else if (vb < va) {
      v = vb;
      x = ((eq.vals[j++] as number) * factor) % P;
      where[v]?.push(k);
    } else {
      v = va;
      x = ((other.vals[i++] as number) + (eq.vals[j++] as number) * factor) % P;
    }
    if (x !== 0) {
      vars.push(v);
      vals.push(x);
    }
  }
  other.vars = Int32Array.from(vars);
  other.vals = Float64Array.from(vals);
  other.rhs = (other.rhs + eq.rhs * factor) % P;
}
