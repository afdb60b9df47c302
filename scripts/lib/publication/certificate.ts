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
 * For each determined x of `xs`, the visible cells m with g_m ≠ 0 (mod P), g = yᵀA for a
 * certificate y of x, sorted; empty when x is 0 whatever the data (yᵀA = e_x). An x without a
 * certificate (not determined) gets no entry. The xs of one component share one elimination.
 */
export function releasingCells(
  m: SparseMatrix,
  unknown: Uint8Array,
  xs: readonly number[],
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const component = new Map<number, number>(); // unknown column → component id
  const wanted = new Set(xs);
  xs.forEach((x, id) => {
    if (component.has(x)) return;
    // The component of x: its unknown columns (equations) and the rows they meet (variables).
    const localRow = new Map<number, number>();
    const rows: number[] = [];
    const cols = [x];
    component.set(x, id);
    for (let i = 0; i < cols.length; i++) {
      const u = cols[i] as number;
      for (let e = m.colStart[u] as number; e < (m.colStart[u + 1] as number); e++) {
        const r = m.colRow[e] as number;
        if (localRow.has(r)) continue;
        localRow.set(r, rows.length);
        rows.push(r);
        for (let f = m.rowStart[r] as number; f < (m.rowStart[r + 1] as number); f++) {
          const k = m.rowCol[f] as number;
          if (unknown[k] && !component.has(k)) {
            component.set(k, id);
            cols.push(k);
          }
        }
      }
    }
    const targets = cols.filter((u) => wanted.has(u));
    const target = new Map(targets.map((u, j) => [u, j]));
    const equations = cols.map((u): Equation => {
      const entries: [number, number][] = [];
      for (let e = m.colStart[u] as number; e < (m.colStart[u + 1] as number); e++) {
        entries.push([localRow.get(m.colRow[e] as number) as number, mod(m.colCoef[e] as number)]);
      }
      entries.sort((a, b) => a[0] - b[0]);
      const rhs = new Float64Array(targets.length);
      const j = target.get(u);
      if (j !== undefined) rhs[j] = 1;
      return {
        vars: Int32Array.from(entries, (e) => e[0]),
        vals: Float64Array.from(entries, (e) => e[1]),
        rhs,
      };
    });
    const ys = solve(equations, rows.length, targets.length);
    targets.forEach((u, j) => {
      const y = ys[j];
      if (!y) return;
      const g = new Map<number, number>();
      rows.forEach((r, i) => {
        const yr = y[i] as number;
        if (yr === 0) return;
        for (let f = m.rowStart[r] as number; f < (m.rowStart[r + 1] as number); f++) {
          const k = m.rowCol[f] as number;
          if (!unknown[k]) g.set(k, ((g.get(k) ?? 0) + yr * mod(m.rowCoef[f] as number)) % P);
        }
      });
      out.set(
        u,
        [...g.keys()].filter((k) => g.get(k) !== 0).sort((a, b) => a - b),
      );
    });
  });
  return out;
}

interface Equation {
  vars: Int32Array;
  vals: Float64Array;
  /** One right-hand side per target. */
  rhs: Float64Array;
}

/**
 * A solution of sparse equations mod P (free variables 0) for each of `q` right-hand sides,
 * or null for a right-hand side that makes them inconsistent.
 * Shortest equation first, pivot on its variable in fewest equations (as in nullspace.ts).
 */
function solve(equations: Equation[], variables: number, q: number): (Float64Array | null)[] {
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
  const inconsistent = new Uint8Array(q);
  while (heap.size > 0) {
    const key = heap.pop();
    const len = Math.floor(key / ROW_BITS);
    const best = key - len * ROW_BITS;
    if (done[best] || lengthOf(equations, best) !== len) continue;
    done[best] = 1;
    const eq = equations[best] as Equation;
    if (eq.vars.length === 0) {
      eq.rhs.forEach((b, j) => {
        if (b !== 0) inconsistent[j] = 1;
      });
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
  const ys = Array.from({ length: q }, () => new Float64Array(variables));
  for (let p = pivots.length - 1; p >= 0; p--) {
    const { eq, v } = pivots[p] as { eq: Equation; v: number };
    let a = 0;
    for (let i = 0; i < eq.vars.length; i++) if (eq.vars[i] === v) a = eq.vals[i] as number;
    const inv = inverse(a);
    ys.forEach((y, j) => {
      let s = eq.rhs[j] as number;
      for (let i = 0; i < eq.vars.length; i++) {
        const w = eq.vars[i] as number;
        if (w !== v) s = mod(s - (((eq.vals[i] as number) * (y[w] as number)) % P));
      }
      y[v] = (s * inv) % P;
    });
  }
  return ys.map((y, j) => (inconsistent[j] ? null : y));
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
  for (let j = 0; j < other.rhs.length; j++) {
    other.rhs[j] = ((other.rhs[j] as number) + (eq.rhs[j] as number) * factor) % P;
  }
}
