/**
 * Parquet in the browser without DuckDB's extension (which DuckDB-WASM would download, and which
 * hangs offline): parquet-wasm's ESM build, initialised once from its self-hosted wasm. Decoding
 * runs on the main thread, one row group at a time for large files (non_recours: 23 groups of
 * 20-50 ms rather than one block of ~1 s), while DuckDB's worker inserts the previous group.
 */
import initWasm, {
  ParquetFile,
  Table as ParquetTable,
  initSync,
  readParquet,
  writeParquet,
  type ReaderOptions,
} from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { PARQUET_BATCH_ROWS } from './load-tables';

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
  return decode(bytes, { batchSize: PARQUET_BATCH_ROWS });
}

/**
 * Decodes a Parquet file one row group at a time, each into its own Arrow IPC stream, so a large
 * file never blocks the main thread for long and its insert can be split (see browser.ts). A file
 * without row groups gives one stream carrying its schema.
 */
export async function* readParquetRowGroupsToIPC(
  bytes: Uint8Array,
  /** Awaited before each row group after the first (e.g. to let the page render). */
  pause: () => Promise<void> = () => Promise.resolve(),
): AsyncGenerator<Uint8Array> {
  await initParquet();
  const file = await ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  let groups: number;
  try {
    groups = file.metadata().numRowGroups();
  } finally {
    file.free();
  }
  if (groups === 0) {
    yield decode(bytes, {});
    return;
  }
  for (let g = 0; g < groups; g++) {
    if (g > 0) await pause();
    yield decode(bytes, { rowGroups: [g], batchSize: PARQUET_BATCH_ROWS });
  }
}

function decode(bytes: Uint8Array, options: ReaderOptions): Uint8Array {
  const table = readParquet(bytes, options);
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
