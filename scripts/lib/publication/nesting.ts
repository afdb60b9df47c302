/**
 * Implied relations of nested areas. The relations give a département and its EPCI each as a
 * sum of communes, so `département = Σ its EPCI` holds without being written; an EPCI total
 * hidden as a complement is then given away by the département and its sibling EPCI totals,
 * which no single written relation shows. Writing these implied relations lets the engine's
 * singleton pass see such disclosures directly (the exact audit does not need them: they are in
 * the row space already).
 *
 * For a relation `T = Σ P`, a sub-relation is another relation `T' = Σ P'` with P' ⊂ P, all
 * coefficients −1, whose total T' is not already written together with T (that excludes the
 * part pairs T = rural + urbain, which are written). Sub-relations are taken disjoint, the
 * largest through each part; the implied relation is `T = Σ T' + Σ (parts left over)`.
 */
import { RowSet, type Rows } from './rows';

/** The relations of `m` followed by the implied relations of nested areas, deduplicated. */
export function withNesting(m: Rows, columns: number): Rows {
  const rows = m.rowTotal.length;
  // Base rows go in unchecked (already distinct); implied rows are checked against them.
  const set = new RowSet();
  for (let r = 0; r < rows; r++) {
    const from = m.rowStart[r] as number;
    const to = m.rowStart[r + 1] as number;
    set.add(
      m.rowCol.subarray(from, to),
      m.rowCoef.subarray(from, to),
      to - from,
      m.rowTotal[r] as number,
      false,
    );
  }
  // Number of parts of each row whose coefficients are the total's +1 and the parts' −1, else −1.
  const partCount = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = m.rowTotal[r] as number;
    let k = t >= 0 ? 0 : -1;
    for (let e = m.rowStart[r] as number; k >= 0 && e < (m.rowStart[r + 1] as number); e++) {
      if (m.rowCol[e] !== t) k = m.rowCoef[e] === -1 ? k + 1 : -1;
    }
    partCount[r] = k;
  }
  const inP = new Int32Array(columns).fill(-1);
  const linked = new Int32Array(columns).fill(-1);
  const covered = new Int32Array(columns).fill(-1);
  const tried = new Int32Array(rows).fill(-1);
  const terms: number[] = [];
  for (let r = 0; r < rows; r++) {
    const t = m.rowTotal[r] as number;
    const size = partCount[r] as number;
    if (size < 3) continue;
    for (let e = m.rowStart[r] as number; e < (m.rowStart[r + 1] as number); e++) {
      inP[m.rowCol[e] as number] = r;
    }
    for (let e = m.colStart[t] as number; e < (m.colStart[t + 1] as number); e++) {
      const s = m.colRow[e] as number;
      for (let f = m.rowStart[s] as number; f < (m.rowStart[s + 1] as number); f++) {
        linked[m.rowCol[f] as number] = r;
      }
    }
    // Greedy cover: for each part not yet covered, the largest sub-relation through it that
    // overlaps no chosen one. Parts covered early are skipped, so a département's row reads
    // the relations of about one commune per EPCI rather than of every commune.
    terms.length = 0;
    for (let e = m.rowStart[r] as number; e < (m.rowStart[r + 1] as number); e++) {
      const c = m.rowCol[e] as number;
      if (c === t || covered[c] === r) continue;
      let best = -1;
      for (let f = m.colStart[c] as number; f < (m.colStart[c + 1] as number); f++) {
        const s = m.colRow[f] as number;
        if (tried[s] === r) continue;
        tried[s] = r;
        const ts = m.rowTotal[s] as number;
        const k = partCount[s] as number;
        if (k < 2 || k >= size || (best >= 0 && k <= (partCount[best] as number))) continue;
        if (linked[ts] === r || inP[ts] === r || covered[ts] === r) continue;
        if (partsWithin(m, s, inP, r) && partsWithin(m, s, covered, -2, r)) best = s;
      }
      if (best < 0) continue;
      const ts = m.rowTotal[best] as number;
      covered[ts] = r;
      for (let f = m.rowStart[best] as number; f < (m.rowStart[best + 1] as number); f++) {
        if (m.rowCol[f] !== ts) covered[m.rowCol[f] as number] = r;
      }
      terms.push(ts);
    }
    if (terms.length === 0) continue;
    for (let e = m.rowStart[r] as number; e < (m.rowStart[r + 1] as number); e++) {
      const c = m.rowCol[e] as number;
      if (c !== t && covered[c] !== r) terms.push(c);
    }
    // Totals of sub-relations are distinct and outside P: every term has coefficient −1.
    terms.push(t);
    terms.sort((a, b) => a - b);
    const coefs = terms.map((c) => (c === t ? 1 : -1));
    if (!sameAsRowOf(m, t, terms, coefs)) set.add(terms, coefs, terms.length, t);
  }
  return set.build(columns);
}

/**
 * Whether every part of row s is stamped `stamp` in `mark` (or, with `unless`, none of them is
 * stamped `unless`).
 */
function partsWithin(m: Rows, s: number, mark: Int32Array, stamp: number, unless = -1): boolean {
  const ts = m.rowTotal[s] as number;
  for (let f = m.rowStart[s] as number; f < (m.rowStart[s + 1] as number); f++) {
    const c = m.rowCol[f] as number;
    if (c === ts) continue;
    if (unless >= 0 ? mark[c] === unless : mark[c] !== stamp) return false;
  }
  return true;
}

/** Whether a row of column t has exactly these entries. */
function sameAsRowOf(
  m: Rows,
  t: number,
  cols: readonly number[],
  coefs: readonly number[],
): boolean {
  for (let e = m.colStart[t] as number; e < (m.colStart[t + 1] as number); e++) {
    const r = m.colRow[e] as number;
    const from = m.rowStart[r] as number;
    if ((m.rowStart[r + 1] as number) - from !== cols.length) continue;
    let i = 0;
    while (i < cols.length && m.rowCol[from + i] === cols[i] && m.rowCoef[from + i] === coefs[i])
      i++;
    if (i === cols.length) return true;
  }
  return false;
}
