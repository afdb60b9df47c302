/**
 * Sparse rows over classes, deduplicated as they are added, with their transpose. Rows are kept
 * in plain growable arrays and hashed as numbers: string keys made building the rows of a
 * national problem (50k relations) the slowest step.
 */
import type { SparseMatrix } from './nullspace';
import { bump } from './typed';

export interface Rows extends SparseMatrix {
  /** Class of the relation's total when it kept coefficient +1, else −1. */
  readonly rowTotal: Int32Array;
}

export function hashEntries(
  cols: ArrayLike<number>,
  coefs: ArrayLike<number>,
  n: number,
  skip = -1,
): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    if (cols[i] === skip) continue;
    h = Math.imul(h ^ (cols[i] as number), 0x01000193);
    h = Math.imul(h ^ (coefs[i] as number), 0x01000193);
  }
  return h;
}

export class RowSet {
  private cols = new Int32Array(1024);
  private coefs = new Int32Array(1024);
  private nnz = 0;
  private readonly start: number[] = [0];
  private readonly totals: number[] = [];
  private readonly byHash = new Map<number, number[]>();

  get size(): number {
    return this.totals.length;
  }

  /**
   * Adds a row (columns increasing, no zero coefficient) unless the same row is there; with
   * `check` false, a row known to be new is added without being hashed (nor found later).
   */
  add(
    cols: ArrayLike<number>,
    coefs: ArrayLike<number>,
    n: number,
    total: number,
    check = true,
  ): boolean {
    if (check) {
      const h = hashEntries(cols, coefs, n);
      const same = this.byHash.get(h);
      if (same?.some((r) => this.equals(r, cols, coefs, n))) return false;
      if (same) same.push(this.totals.length);
      else this.byHash.set(h, [this.totals.length]);
    }
    if (this.nnz + n > this.cols.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(Math.max(2 * a.length, this.nnz + n));
        b.set(a);
        return b;
      };
      this.cols = grow(this.cols);
      this.coefs = grow(this.coefs);
    }
    for (let i = 0; i < n; i++) {
      this.cols[this.nnz] = cols[i] as number;
      this.coefs[this.nnz++] = coefs[i] as number;
    }
    this.start.push(this.nnz);
    this.totals.push(total);
    return true;
  }

  private equals(r: number, cols: ArrayLike<number>, coefs: ArrayLike<number>, n: number): boolean {
    const from = this.start[r] as number;
    if ((this.start[r + 1] as number) - from !== n) return false;
    for (let i = 0; i < n; i++) {
      if (this.cols[from + i] !== cols[i] || this.coefs[from + i] !== coefs[i]) return false;
    }
    return true;
  }

  /** The rows and their transpose over `columns` columns. */
  build(columns: number): Rows {
    const rowStart = Int32Array.from(this.start);
    const rowCol = this.cols.slice(0, this.nnz);
    const rowCoef = this.coefs.slice(0, this.nnz);
    const colStart = new Int32Array(columns + 1);
    for (const c of rowCol) bump(colStart, c + 1);
    for (let k = 0; k < columns; k++) bump(colStart, k + 1, colStart[k] as number);
    const colRow = new Int32Array(rowCol.length);
    const colCoef = new Int32Array(rowCol.length);
    const fill = colStart.slice(0, columns);
    for (let r = 0; r < this.totals.length; r++) {
      for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) {
        const at = bump(fill, rowCol[e] as number) - 1;
        colRow[at] = r;
        colCoef[at] = rowCoef[e] as number;
      }
    }
    const rowTotal = Int32Array.from(this.totals);
    return { rowStart, rowCol, rowCoef, rowTotal, colStart, colRow, colCoef };
  }
}
