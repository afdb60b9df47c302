/**
 * Arrow vectors of a CSV's text columns, built without apache-arrow's builders: `vectorFromArray`
 * compiles its null test with `new Function` (apache-arrow's `createIsValidFunction`), which the
 * app's Content-Security-Policy refuses (no `'unsafe-eval'`, vite-plugins/csp.ts). The layout is
 * Arrow's own: UTF-8 bytes, 32-bit offsets, a validity bitmap.
 */
import { Int32, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/** A Utf8 vector of `values`, `null` for a missing cell. */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
  const offsets = new Int32Array(values.length + 1);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let size = 0;
  let nullCount = 0;
  encoded.forEach((bytes, i) => {
    if (bytes === null) nullCount += 1;
    else {
      size += bytes.length;
      validity[i >> 3] = (validity[i >> 3] ?? 0) | (1 << (i & 7));
    }
    offsets[i + 1] = size;
  });
  const data = new Uint8Array(size);
  encoded.forEach((bytes, i) => {
    if (bytes) data.set(bytes, offsets[i]);
  });
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount,
      nullBitmap: nullCount > 0 ? validity : null,
      valueOffsets: offsets,
      data,
    }),
  );
}

/** An Int32 vector of `values` (no nulls). */
export function int32Vector(values: ArrayLike<number>): Vector<Int32> {
  return makeVector(Int32Array.from(values));
}
