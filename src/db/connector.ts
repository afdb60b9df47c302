/**
 * What the rest of the app knows of the engine. Views, the query layer's runner and the exports
 * talk to this interface; src/db/browser.ts (DuckDB-WASM in a Web Worker) and src/db/node.ts
 * (DuckDB-WASM's Node build, for tests) implement it. Nothing outside src/db imports DuckDB.
 */
import type { Table } from 'apache-arrow';

export type EngineStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly step: string; readonly progress: number }
  | { readonly state: 'ready' }
  | {
      readonly state: 'failed';
      readonly message: string;
      readonly detail: string;
      /** The failure came after `ready`: the tables loaded by then still answer. */
      readonly partial?: boolean;
      /** The engine was running and stopped answering (its worker died or is stuck). */
      readonly stopped?: boolean;
    };

export interface Connector {
  /** Runs one read query and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /**
   * Runs one read query at low priority: on its own connection, in slices of a few ms, awaiting
   * `yieldTo()` before each slice, so that a query of `query` waits at most for one slice (or
   * for the planning of the background query, which is not sliced) and the background query
   * stops using the CPU while `yieldTo` holds. Used by the warm-up. Same result as `query`. When
   * `yieldTo` rejects, the query is cancelled and rejects with that error.
   */
  queryInBackground(sql: string, yieldTo: () => Promise<void>): Promise<Table>;
  /** Runs one read query and returns its result as an Arrow IPC stream (for exports). */
  queryIPC(sql: string): Promise<Uint8Array>;
  /** Creates or replaces table `name` from Parquet bytes (decoded without DuckDB's extension). */
  loadParquet(name: string, bytes: Uint8Array): Promise<void>;
  /** Creates or replaces table `name` from an Arrow IPC stream. */
  loadArrowIPC(name: string, ipc: Uint8Array): Promise<void>;
  /** Runs a statement that changes the database (used by src/db and the own-file loader only). */
  exec(sql: string): Promise<void>;
  /** Ends the engine and its worker. */
  close(): Promise<void>;
  /**
   * Runs one query of the SQL console (built by src/query/console.ts) on the console's own
   * connection, inside a read-only transaction (`BEGIN TRANSACTION READ ONLY`, rolled back after):
   * even a statement that got past the parser check cannot change a table. The query is a pending
   * query polled in slices, so the other connections' queries run between two slices and never
   * wait for it. When `signal` aborts, DuckDB cancels the query, the promise rejects with
   * `signal.reason` and the connection is ready for the next one. `onSlice` is called after each
   * slice DuckDB ran (the query is under way). One console query at a time.
   */
  queryReadOnly(sql: string, signal: AbortSignal, onSlice?: () => void): Promise<Table>;
  /**
   * Makes a user's file readable by SQL (`read_csv`) at `path`, which must be under
   * `OWN_FILES_DIR` (the one directory the locked engine may read). The browser reads the `Blob`
   * lazily from the worker (no copy on the page's thread nor in the wasm heap); the Node build
   * copies its bytes.
   */
  registerFile(path: string, file: Blob): Promise<void>;
  /** Forgets a file registered with `registerFile` (no error when it is not registered). */
  dropFile(path: string): Promise<void>;
  /**
   * Runs one statement as a pending query on a connection of its own (the own-file loader's),
   * in slices, so the page and the views' queries are not held for its whole run. When `signal`
   * aborts, DuckDB cancels the statement and the promise rejects with `signal.reason`. Tables it
   * creates must be plain tables (not TEMP) for the other connection to see them.
   */
  queryCancellable(sql: string, signal: AbortSignal): Promise<Table>;
  /**
   * Calls `listener` once if the engine stops answering (its worker crashed, was terminated, ran
   * out of memory or is stuck): from then on every call in flight and every later call rejects
   * with `error` (French message, precise `detail`). Returns an unsubscribe function. Optional:
   * an in-process engine (src/db/node.ts) cannot die apart from its caller.
   */
  onFailure?(listener: (error: Error & { readonly detail: string }) => void): () => void;
}

/** The directory of user files registered with `registerFile` (readable once the engine is locked). */
export const OWN_FILES_DIR = '/own-files/';
