/**
 * DuckDB-WASM's Node build behind the Connector interface: the same engine as the browser, run
 * in-process for vitest and the benchmark. Never imported by the app bundle (src/db/index.ts uses
 * browser.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pq from 'parquet-wasm';
import type { Table } from 'apache-arrow';
import type { Connector } from './connector';
import { PARQUET_BATCH_ROWS, loadContractTables, type LoadProgress } from './load-tables';
import type { DatasetManifest } from '../catalogue/dataset';
import type { TableName } from '../catalogue/schema';

// Dual-package hazard: the Node build of duckdb-wasm is CJS and builds its tables with the CJS
// apache-arrow; an ESM `tableToIPC` sees foreign classes and writes an empty stream. Use the
// same CJS module for everything that touches its tables.
const require = createRequire(import.meta.url);
const arrow = require('apache-arrow') as typeof import('apache-arrow');

function bundles(): duckdb.DuckDBBundles {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm'));
  return {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
}

/** What the blocking bindings use to instantiate their module (duckdb-wasm 1.32's Node build). */
interface NodeBindingsInternals {
  mainModulePath?: unknown;
  _runtime?: unknown;
  instantiateWasm?: unknown;
}

/** DuckDB's compiled WebAssembly, per file, for this process. */
const compiledModules = new Map<string, Promise<WebAssembly.Module>>();

/**
 * Compiles DuckDB's module once per process: the bindings compile the ~35 MB module from its
 * bytes at every instantiation (~2 CPU-s each, measured), which test files that start a fresh
 * engine per test paid every time. Each engine still gets its own instance (memory, runtime
 * state); only the compiled code is shared. Left as it is when the bindings do not look as
 * expected (another duckdb-wasm version).
 */
function shareCompiledModule(db: duckdb.DuckDBBindings): void {
  const b = db as unknown as NodeBindingsInternals;
  const file = b.mainModulePath;
  const runtime = b._runtime;
  if (typeof file !== 'string' || typeof runtime !== 'object' || runtime === null) return;
  if (typeof b.instantiateWasm !== 'function') return;
  b.instantiateWasm = (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): unknown[] => {
    // As the bindings' own instantiateWasm: the module's imports call the runtime through this global.
    const published: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(runtime))
      if (name !== 'constructor')
        published[name] = Object.getOwnPropertyDescriptor(runtime, name)?.value;
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = published;
    let compiled = compiledModules.get(file);
    if (!compiled) {
      compiled = WebAssembly.compile(readFileSync(file));
      compiledModules.set(file, compiled);
    }
    void compiled.then(async (module) =>
      done(await WebAssembly.instantiate(module, imports), module),
    );
    return [];
  };
}

/**
 * Starts DuckDB-WASM (Node, blocking bindings) with extension autoload/autoinstall off, as in the
 * browser, and returns a Connector over one connection.
 */
export async function createNodeConnector(): Promise<Connector> {
  const db = await duckdb.createDuckDB(bundles(), new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  shareCompiledModule(db);
  await db.instantiate(() => undefined);
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  let closed = false;
  // The own-file loader's connection (see Connector.queryCancellable).
  let loader: duckdb.DuckDBConnection | null = null;
  const live = (): duckdb.DuckDBConnection => {
    if (closed) throw new Error('DuckDB est fermé');
    return conn;
  };
  const insertIPC = (name: string, ipc: Uint8Array): void => {
    const c = live();
    c.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
    c.insertArrowFromIPCStream(ipc, { name, create: true });
  };
  // The console's connection, as in browser.ts (see the comment there): its own connection, a
  // read-only transaction around each query, one statement only (prepared first), a pending query
  // polled in slices (the blocking build polls for up to 100 ms per call), cancelled when the
  // signal aborts.
  let readOnly: duckdb.DuckDBConnection | null = null;
  let readOnlyQueue: Promise<unknown> = Promise.resolve();
  const inReadOnly = async (
    sql: string,
    signal: AbortSignal,
    onSlice?: () => void,
  ): Promise<Table> => {
    live();
    signal.throwIfAborted();
    readOnly ??= db.connect();
    const c = readOnly;
    const id = c.useUnsafe((_, i) => i);
    // Lets timers and the caller's abort run between two slices.
    const beforeSlice = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      live();
      signal.throwIfAborted();
    };
    c.query('BEGIN TRANSACTION READ ONLY');
    const messages: Uint8Array[] = [];
    try {
      db.closePrepared(id, db.createPrepared(id, sql));
      let header = db.startPendingQuery(id, sql);
      while (header === null) {
        onSlice?.();
        await beforeSlice();
        header = db.pollPendingQuery(id);
      }
      messages.push(header);
      for (;;) {
        const chunk = db.fetchQueryResults(id);
        if (chunk === null) {
          await beforeSlice();
          continue;
        }
        if (chunk.length === 0) break;
        messages.push(chunk);
      }
    } catch (e) {
      if (!closed) db.cancelPendingQuery(id);
      throw e;
    } finally {
      if (!closed) {
        try {
          c.query('ROLLBACK');
        } catch {
          // No transaction left to end.
        }
      }
    }
    const stream = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    let at = 0;
    for (const m of messages) {
      stream.set(m, at);
      at += m.length;
    }
    return arrow.tableFromIPC(stream) as unknown as Table;
  };
  return {
    query: async (sql: string): Promise<Table> => live().query(sql) as unknown as Table,
    // The blocking Node build runs a query in one go: it yields once, before it starts.
    queryInBackground: async (sql: string, yieldTo: () => Promise<void>): Promise<Table> => {
      await yieldTo();
      return live().query(sql) as unknown as Table;
    },
    queryIPC: async (sql: string): Promise<Uint8Array> =>
      arrow.tableToIPC(live().query(sql), 'stream'),
    loadParquet: async (name: string, bytes: Uint8Array): Promise<void> => {
      insertIPC(name, pq.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS }).intoIPCStream());
    },
    loadArrowIPC: async (name: string, ipc: Uint8Array): Promise<void> => insertIPC(name, ipc),
    exec: async (sql: string): Promise<void> => {
      live().query(sql);
    },
    registerFile: async (file: string, blob: Blob): Promise<void> => {
      live();
      db.registerFileBuffer(file, new Uint8Array(await blob.arrayBuffer()));
    },
    dropFile: async (file: string): Promise<void> => {
      try {
        db.dropFile(file);
      } catch {
        // not registered
      }
    },
    queryCancellable: async (sql: string, signal: AbortSignal): Promise<Table> => {
      live();
      loader ??= db.connect();
      const id = loader.useUnsafe((_, c) => c);
      signal.throwIfAborted();
      // As in the browser: a pending query polled slice by slice, the event loop turning between
      // two polls so an abort is seen.
      try {
        let header = db.startPendingQuery(id, sql, false);
        while (header === null) {
          await new Promise((resolve) => setImmediate(resolve));
          signal.throwIfAborted();
          header = db.pollPendingQuery(id);
        }
        const messages: Uint8Array[] = [header];
        for (;;) {
          const chunk = db.fetchQueryResults(id);
          if (chunk === null) continue;
          if (chunk.length === 0) break;
          messages.push(chunk);
        }
        return arrow.tableFromIPC(messages) as unknown as Table;
      } catch (e) {
        db.cancelPendingQuery(id);
        throw e;
      }
    },
    close: async (): Promise<void> => {
      if (closed) return;
      closed = true;
      readOnly?.close();
      loader?.close();
      conn.close();
      db.reset();
    },
    queryReadOnly: (sql: string, signal: AbortSignal, onSlice?: () => void): Promise<Table> => {
      const run = readOnlyQueue.then(() => inReadOnly(sql, signal, onSlice));
      readOnlyQueue = run.catch(() => undefined);
      return run;
    },
  };
}

/** Reads a dataset directory (manifest.json + Parquet files) from disk into a connector. */
export async function loadDatasetFromDir(
  connector: Connector,
  dir: string,
  onProgress?: (p: LoadProgress) => void,
  only?: readonly TableName[],
): Promise<DatasetManifest> {
  const manifest = JSON.parse(
    await readFile(path.join(dir, 'manifest.json'), 'utf8'),
  ) as DatasetManifest;
  await loadContractTables(
    connector,
    manifest,
    async (file) => new Uint8Array(await readFile(path.join(dir, file))),
    { onProgress, only },
  );
  return manifest;
}
