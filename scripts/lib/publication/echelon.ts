/**
 * Sparse Gaussian elimination modulo P to an echelon form: the shortest row first, pivoting on
 * its column found in the fewest rows (a Markowitz-like order that keeps fill-in local). Rows
 * are hash maps, so eliminating a pivot from a long row (a département over its communes)
 * costs the pivot row's length, not the long row's: rewriting long sorted rows at every pivot
 * made elimination quadratic in the size of a département.
 */
import { inverse, MinHeap, P, ROW_BITS } from './modular';

/**
 * Pivot rows in elimination order. Each pivot row holds its pivot column and columns that are
 * either free or pivots of later rows, so back-substitution runs in reverse order.
 */
export interface Echelon {
  readonly pivotCol: number[];
  readonly cols: Int32Array[];
  readonly vals: Float64Array[];
  /** Inverse of each pivot's coefficient. */
  readonly pivotInverse: number[];
  /** Rows left with frozen columns only (each a list of [column, coefficient] pairs). */
  readonly residual: [number, number][][];
}

/**
 * `rows[i]` maps a column to its coefficient (non-zero, mod P); the maps are consumed.
 * Columns from `frozen` on are never pivots: they carry right-hand sides along.
 */
export function eliminate(rows: Map<number, number>[], columns: number, frozen = columns): Echelon {
  // Only the columns of the rows get a list (a national problem has 50k columns, a core few).
  const colRows = new Array<number[] | undefined>(columns);
  const colCount = new Int32Array(columns);
  const active = new Uint8Array(rows.length).fill(1);
  const heap = new MinHeap();
  rows.forEach((row, id) => {
    for (const c of row.keys()) {
      const list = colRows[c];
      if (list) list.push(id);
      else colRows[c] = [id];
      colCount[c] = (colCount[c] as number) + 1;
    }
    heap.push(row.size * ROW_BITS + id);
  });
  const echelon: Echelon = { pivotCol: [], cols: [], vals: [], pivotInverse: [], residual: [] };
  while (heap.size > 0) {
    const key = heap.pop();
    const len = Math.floor(key / ROW_BITS);
    const r = key - len * ROW_BITS;
    const row = rows[r] as Map<number, number>;
    if (!active[r] || row.size !== len) continue;
    active[r] = 0;
    if (len === 0) continue;
    const pc = new Int32Array(len);
    const pv = new Float64Array(len);
    let i = 0;
    let at = -1;
    for (const [c, v] of row) {
      pc[i] = c;
      pv[i] = v;
      colCount[c] = (colCount[c] as number) - 1;
      if (c < frozen) {
        const better =
          at < 0 ? -1 : (colCount[c] as number) - (colCount[pc[at] as number] as number);
        if (better < 0 || (better === 0 && c < (pc[at] as number))) at = i;
      }
      i++;
    }
    if (at < 0) {
      echelon.residual.push([...row]);
      continue;
    }
    const pivot = pc[at] as number;
    const inv = inverse(pv[at] as number);
    for (const k of colRows[pivot] ?? []) {
      if (!active[k]) continue;
      const target = rows[k] as Map<number, number>;
      const a = target.get(pivot);
      if (a === undefined) continue;
      const f = P - ((a * inv) % P);
      for (let j = 0; j < len; j++) {
        const c = pc[j] as number;
        if (c === pivot) {
          target.delete(c);
          colCount[c] = (colCount[c] as number) - 1;
          continue;
        }
        const old = target.get(c);
        const v = ((old ?? 0) + f * (pv[j] as number)) % P;
        if (old === undefined) {
          target.set(c, v);
          colCount[c] = (colCount[c] as number) + 1;
          const list = colRows[c];
          if (list) list.push(k);
          else colRows[c] = [k];
        } else if (v === 0) {
          target.delete(c);
          colCount[c] = (colCount[c] as number) - 1;
        } else target.set(c, v);
      }
      heap.push(target.size * ROW_BITS + k);
    }
    colRows[pivot] = undefined;
    echelon.pivotCol.push(pivot);
    echelon.cols.push(pc);
    echelon.vals.push(pv);
    echelon.pivotInverse.push(inv);
  }
  return echelon;
}
