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

/** One chunk of a text column without nulls: its bytes, and its offsets (which start anywhere). */
interface TextChunk {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

/** A text column decoded lately, with a copy of what it was decoded from. */
interface DecodedColumn {
  readonly chunks: readonly TextChunk[];
  readonly out: readonly string[];
}

/**
 * Text columns at least this long are kept (the last `KEPT_COLUMNS` of them) and handed back
 * when a later result holds the same text: the codes and names of a level come back in the same
 * order for every year and indicator, and comparing bytes costs a tenth of decoding 35,000
 * strings. The same array also tells the map that the rows are the same features (`join.ts`).
 */
const KEPT_ROWS = 1000;
const KEPT_COLUMNS = 6;
const kept: DecodedColumn[] = [];

/** The chunks of a text column without nulls, or null for any other layout. */
function textChunks(vector: Vector): TextChunk[] | null {
  const chunks: TextChunk[] = [];
  for (const d of vector.data) {
    const offsets: unknown = d.valueOffsets;
    const bytes: unknown = d.values;
    if (!(offsets instanceof Int32Array && bytes instanceof Uint8Array) || d.nullCount > 0)
      return null;
    const start = offsets[0] ?? 0;
    const end = offsets[d.length] ?? start;
    chunks.push({ bytes: bytes.subarray(start, end), offsets: offsets.subarray(0, d.length + 1) });
  }
  return chunks;
}

function sameText(a: readonly TextChunk[], b: readonly TextChunk[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as TextChunk;
    const y = b[k] as TextChunk;
    if (x.bytes.length !== y.bytes.length || x.offsets.length !== y.offsets.length) return false;
    const x0 = x.offsets[0] ?? 0;
    const y0 = y.offsets[0] ?? 0;
    for (let i = 0; i < x.offsets.length; i++)
      if ((x.offsets[i] ?? 0) - x0 !== (y.offsets[i] ?? 0) - y0) return false;
    for (let i = 0; i < x.bytes.length; i++) if (x.bytes[i] !== y.bytes[i]) return false;
  }
  return true;
}

/** A column decoded lately from the same text, moved to the front of the list; else null. */
function keptColumn(chunks: readonly TextChunk[]): readonly string[] | null {
  const i = kept.findIndex((c) => sameText(c.chunks, chunks));
  if (i < 0) return null;
  const [hit] = kept.splice(i, 1) as [DecodedColumn];
  kept.unshift(hit);
  return hit.out;
}

function keep(chunks: readonly TextChunk[], out: readonly string[]): void {
  // Copies: the result's buffers belong to DuckDB's Arrow table, which may be dropped.
  const copy = chunks.map((c) => ({ bytes: c.bytes.slice(), offsets: c.offsets.slice() }));
  kept.unshift({ chunks: copy, out });
  kept.length = Math.min(kept.length, KEPT_COLUMNS);
}

/**
 * A text column as strings; a long column whose text was decoded lately comes back as the same
 * (frozen) array.
 */
function readText(vector: Vector | null, n: number): readonly string[] {
  const chunks = vector && n >= KEPT_ROWS ? textChunks(vector) : null;
  if (!chunks) return readUtf8(vector, n);
  const hit = keptColumn(chunks);
  if (hit) return hit;
  const out = Object.freeze(readUtf8(vector, n));
  keep(chunks, out);
  return out;
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

/**
 * A text column as strings ('' where null or absent). Read-only: a long column may be shared
 * with an earlier result of the same text (see `readText`).
 */
export function strings(table: Table, name: string): readonly string[] {
  return readText(table.getChild(name), table.numRows);
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
