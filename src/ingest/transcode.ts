/**
 * Re-encodes a file to UTF-8, chunk by chunk, for DuckDB's CSV reader (which reads UTF-8 only in
 * DuckDB-WASM: its `latin-1` refuses Windows-1252's 0x80–0x9F bytes, and its `utf-16` reads
 * little-endian only). Each chunk is a few milliseconds of work and the loop gives the page a
 * turn between two chunks, so a large file does not freeze it; the result is a `Blob` that the
 * browser may keep on disk, read lazily by DuckDB's worker.
 */
import type { Encoding } from './sniff';

/** Small enough that one chunk stays well under a 50 ms task on a slow machine. */
const CHUNK_BYTES = 1 << 18;

/** Windows-1252 characters for bytes 0x80–0x9F (where it differs from ISO-8859-1). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** UTF-8 bytes of each Windows-1252 byte (one table, so a chunk is one pass over its bytes). */
const CP1252_UTF8: readonly Uint8Array[] = Array.from({ length: 256 }, (_, b) =>
  new TextEncoder().encode(
    b >= 0x80 && b <= 0x9f ? (CP1252_C1[b - 0x80] as string) : String.fromCharCode(b),
  ),
);

/** Windows-1252 bytes to UTF-8 bytes (Node's TextDecoder reads windows-1252 as ISO-8859-1). */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length * 3);
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) out[at++] = b;
    else {
      const enc = CP1252_UTF8[b] as Uint8Array;
      out.set(enc, at);
      at += enc.length;
    }
  }
  return out.slice(0, at);
}

export interface TranscodeOptions {
  readonly signal?: AbortSignal;
  /** Bytes read so far, after each chunk. */
  readonly onProgress?: (bytesRead: number) => void;
}

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** `file` (in `encoding`) as UTF-8 without BOM. */
export async function transcodeToUtf8(
  file: Blob,
  encoding: Exclude<Encoding, 'utf-8'>,
  { signal, onProgress }: TranscodeOptions = {},
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for (let start = 0; start < file.size; start += CHUNK_BYTES) {
    signal?.throwIfAborted();
    const bytes = new Uint8Array(await file.slice(start, start + CHUNK_BYTES).arrayBuffer());
    // TextDecoder drops the BOM and keeps a character cut between two chunks for the next one.
    parts.push(
      decoder ? encoder.encode(decoder.decode(bytes, { stream: true })) : windows1252ToUtf8(bytes),
    );
    onProgress?.(Math.min(file.size, start + CHUNK_BYTES));
    await turn();
  }
  if (decoder) parts.push(encoder.encode(decoder.decode()));
  return new Blob(parts, { type: 'text/csv' });
}
