/**
 * Parquet in the browser without DuckDB's extension (which DuckDB-WASM would download, and which
 * hangs offline): parquet-wasm's ESM build, initialised once from its self-hosted wasm. Decoding
 * runs on the main thread: the observatory's files are a few MB and decode in tens of ms, less
 * than a worker round trip with copies would save (measured with `npm run bench`).
 */
import initWasm, {
  Table as ParquetTable,
  initSync,
  readParquet,
  writeParquet,
} from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

let ready: Promise<void> | null = null;

/**
 * Initialises parquet-wasm once. In the browser it fetches the wasm Vite emitted; Node callers
 * (tests) pass the wasm bytes, since there is nothing to fetch there.
 */
export function initParquet(wasm?: BufferSource): Promise<void> {
  if (ready === null) {
    ready =
      wasm !== undefined
        ? Promise.resolve().then(() => {
            initSync({ module: wasm });
          })
        : initWasm({ module_or_path: wasmUrl }).then(() => undefined);
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** Decodes a Parquet file into an Arrow IPC stream (what DuckDB-WASM inserts). */
export async function readParquetToIPC(bytes: Uint8Array): Promise<Uint8Array> {
  await initParquet();
  const table = readParquet(bytes);
  try {
    return table.intoIPCStream();
  } finally {
    // intoIPCStream consumes the table; free is a no-op on a consumed handle but keeps wasm memory
    // bounded if it threw.
    try {
      table.free();
    } catch {
      /* already consumed */
    }
  }
}

/** Encodes an Arrow IPC stream (a query result) as a Parquet file for exports. */
export async function writeParquetFromIPC(ipc: Uint8Array): Promise<Uint8Array> {
  await initParquet();
  return writeParquet(ParquetTable.fromIPCStream(ipc));
}
