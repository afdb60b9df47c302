/**
 * Column readers for chart builders and the map: Arrow vectors to typed arrays with NaN for
 * nulls (Plot breaks lines on NaN, which is how a suppressed year becomes a gap). No row objects.
 *
 * They read each chunk's buffers directly: a result is often several record batches (one per
 * DuckDB chunk) or a slice of one (a year of an all-years result), so offsets, validity bits and
 * boolean bits may start mid-buffer. Row-by-row `get` decoded 35,000 commune codes and names one
 * call at a time (~60 ms a commune map); other layouts still go through `get`.
 */
import { Type, type Table, type Vector } from 'apache-arrow';

/** Bit `p` of an Arrow bitmap (validity or boolean values). */
const bit = (bitmap: Uint8Array, p: number): boolean =>
  ((bitmap[p >> 3] ?? 0) & (1 << (p & 7))) !== 0;

/**
 * UTF-16 position of each byte offset of `bytes[start..]` in the decoded string, for the sorted
 * `offsets`; null when the count does not match the decoded length (not valid UTF-8).
 */
function charOffsets(
  bytes: Uint8Array,
  offsets: Int32Array,
  count: number,
  textLength: number,
): Int32Array | null {
  const out = new Int32Array(count + 1);
  const start = offsets[0] ?? 0;
  let units = 0;
  let b = start;
  for (let k = 0; k <= count; k++) {
    const target = offsets[k] ?? b;
    for (; b < target; b++) {
      const byte = bytes[b] ?? 0;
      // A lead byte starts a code point: four-byte ones take two UTF-16 units.
      if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
    }
    out[k] = units;
  }
  return units === textLength ? out : null;
}

function readUtf8(vector: Vector | null, n: number): string[] {
  const out = new Array<string>(n).fill('');
  if (!vector) return out;
  const decoder = new TextDecoder();
  let row = 0;
  for (const d of vector.data) {
    const offsets: unknown = d.valueOffsets;
    const bytes: unknown = d.values;
    if (offsets instanceof Int32Array && bytes instanceof Uint8Array && d.length > 0) {
      const start = offsets[0] ?? 0;
      const end = offsets[d.length] ?? start;
      // One decode for the chunk, then cut: by byte offsets when ASCII, else by UTF-16 offsets.
      const text = decoder.decode(bytes.subarray(start, end));
      const ascii = text.length === end - start;
      const chars = ascii ? null : charOffsets(bytes, offsets, d.length, text.length);
      const nulls = d.nullCount > 0 ? d.nullBitmap : null;
      for (let i = 0; i < d.length; i++, row++) {
        if (nulls && !bit(nulls, d.offset + i)) continue;
        const a = offsets[i] ?? 0;
        const z = offsets[i + 1] ?? a;
        if (ascii) out[row] = text.slice(a - start, z - start);
        else if (chars) out[row] = text.slice(chars[i], chars[i + 1]);
        else out[row] = decoder.decode(bytes.subarray(a, z));
      }
    } else {
      for (let i = 0; i < d.length; i++, row++) {
        const x: unknown = vector.get(row);
        out[row] = x === null || x === undefined ? '' : String(x);
      }
    }
  }
  return out;
}

/** A numeric column as Float64Array, NaN where null or absent. */
export function numbers(table: Table, name: string): Float64Array {
  const vector = table.getChild(name);
  const out = new Float64Array(table.numRows).fill(NaN);
  if (!vector) return out;
  let row = 0;
  for (const d of vector.data) {
    const values: unknown = d.values;
    if (values instanceof Float64Array) {
      const nulls = d.nullCount > 0 ? d.nullBitmap : null;
      for (let i = 0; i < d.length; i++, row++)
        out[row] = nulls && !bit(nulls, d.offset + i) ? NaN : (values[i] ?? NaN);
    } else {
      for (let i = 0; i < d.length; i++, row++) {
        const x: unknown = vector.get(row);
        if (x !== null && x !== undefined) out[row] = Number(x);
      }
    }
  }
  return out;
}

/** A text column as strings ('' where null or absent). */
export function strings(table: Table, name: string): string[] {
  return readUtf8(table.getChild(name), table.numRows);
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

/** A boolean column as bytes: 1 where true, 0 where false, null or absent. */
export function flagBytes(table: Table, name: string): Uint8Array {
  const vector = table.getChild(name);
  const out = new Uint8Array(table.numRows);
  if (!vector) return out;
  let row = 0;
  for (const d of vector.data) {
    const values: unknown = d.values;
    if (d.typeId === Type.Bool && values instanceof Uint8Array) {
      const nulls = d.nullCount > 0 ? d.nullBitmap : null;
      for (let i = 0; i < d.length; i++, row++) {
        const p = d.offset + i;
        out[row] = bit(values, p) && (!nulls || bit(nulls, p)) ? 1 : 0;
      }
    } else {
      for (let i = 0; i < d.length; i++, row++) out[row] = vector.get(row) === true ? 1 : 0;
    }
  }
  return out;
}

/** A boolean column (false where null). */
export function flags(table: Table, name: string): boolean[] {
  return Array.from(flagBytes(table, name), (b) => b === 1);
}
