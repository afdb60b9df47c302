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
 * elimination modulo P (echelon.ts) of the transposed system Σ_r y_r·A[r, u] = δ(u, x), free
 * y set to 0.
 */
import { eliminate, type Echelon } from './echelon';
import { P } from './modular';
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
    // Equations: one per unknown u, Σ_r A[r, u]·y_r − δ(u, target j) = 0, the right-hand
    // side of target j carried by frozen column R + j.
    const targets = cols.filter((u) => wanted.has(u));
    const R = rows.length;
    const equations = cols.map((u) => {
      const eq = new Map<number, number>();
      for (let e = m.colStart[u] as number; e < (m.colStart[u + 1] as number); e++) {
        eq.set(localRow.get(m.colRow[e] as number) as number, mod(m.colCoef[e] as number));
      }
      const j = targets.indexOf(u);
      if (j >= 0) eq.set(R + j, P - 1);
      return eq;
    });
    const echelon = eliminate(equations, R + targets.length, R);
    const ys = targets.map((_, j) => solution(echelon, R, j));
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

/**
 * The certificate of target j from the echelon form: free rows 0, the frozen column of j
 * set to 1 and the others to 0, pivots back-substituted; null when a residual row (no
 * unknown left, only right-hand sides) is not 0 for j: then x_j has no certificate.
 */
function solution(echelon: Echelon, R: number, j: number): Float64Array | null {
  if (echelon.residual.some((row) => row.some(([c]) => c === R + j))) return null;
  const y = new Float64Array(R + j + 1);
  y[R + j] = 1;
  for (let p = echelon.pivotCol.length - 1; p >= 0; p--) {
    const pc = echelon.pivotCol[p] as number;
    const cols = echelon.cols[p] as Int32Array;
    const vals = echelon.vals[p] as Float64Array;
    let s = 0;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i] as number;
      if (c !== pc && c < y.length) s = (s + (vals[i] as number) * (y[c] as number)) % P;
    }
    y[pc] = (((P - s) % P) * (echelon.pivotInverse[p] as number)) % P;
  }
  return y;
}
