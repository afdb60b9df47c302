/**
 * Column readers for chart builders: Arrow vectors to typed arrays with NaN for nulls (Plot
 * breaks lines on NaN, which is how a suppressed year becomes a gap). No row objects.
 */
import type { Table } from 'apache-arrow';

/** A numeric column as Float64Array, NaN where null or absent. */
export function numbers(table: Table, name: string): Float64Array {
  const v = table.getChild(name);
  const out = new Float64Array(table.numRows).fill(NaN);
  if (!v) return out;
  for (let i = 0; i < out.length; i++) {
    const x: unknown = v.get(i);
    if (x !== null && x !== undefined) out[i] = Number(x);
  }
  return out;
}

/** A text column as strings ('' where null). */
export function strings(table: Table, name: string): string[] {
  const v = table.getChild(name);
  const out = new Array<string>(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const x: unknown = v?.get(i);
    out[i] = x === null || x === undefined ? '' : String(x);
  }
  return out;
}

/** A nullable text column, keeping null. */
export function nullableStrings(table: Table, name: string): (string | null)[] {
  const v = table.getChild(name);
  const out = new Array<string | null>(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const x: unknown = v?.get(i);
    out[i] = x === null || x === undefined ? null : String(x);
  }
  return out;
}

/** A boolean column (false where null). */
export function flags(table: Table, name: string): boolean[] {
  const v = table.getChild(name);
  const out = new Array<boolean>(table.numRows);
  for (let i = 0; i < out.length; i++) out[i] = v?.get(i) === true;
  return out;
}
