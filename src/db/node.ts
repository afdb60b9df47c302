/**
 * DuckDB-WASM's Node build behind the Connector interface: the same engine as the browser, run
 * in-process for vitest and the benchmark. Never imported by the app bundle (src/db/index.ts uses
 * browser.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pq from 'parquet-wasm';
import type { Table } from 'apache-arrow';
import type { Connector } from './connector';
import { PARQUET_BATCH_ROWS, loadContractTables, type LoadProgress } from './load-tables';
import type { DatasetManifest } from '../catalogue/dataset';

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

/**
 * Starts DuckDB-WASM (Node, blocking bindings) with extension autoload/autoinstall off, as in the
 * browser, and returns a Connector over one connection.
 */
export async function createNodeConnector(): Promise<Connector> {
  const db = await duckdb.createDuckDB(bundles(), new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
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
      loader?.close();
      conn.close();
      db.reset();
    },
  };
}

/** Reads a dataset directory (manifest.json + Parquet files) from disk into a connector. */
export async function loadDatasetFromDir(
  connector: Connector,
  dir: string,
  onProgress?: (p: LoadProgress) => void,
): Promise<DatasetManifest> {
  const manifest = JSON.parse(
    await readFile(path.join(dir, 'manifest.json'), 'utf8'),
  ) as DatasetManifest;
  await loadContractTables(
    connector,
    manifest,
    async (file) => new Uint8Array(await readFile(path.join(dir, file))),
    { onProgress },
  );
  return manifest;
}
