/**
 * DuckDB-WASM in a Web Worker, from self-hosted files: Vite emits the wasm and worker scripts
 * (`?url` imports from node_modules) beside the app, never a CDN. Extension autoload and
 * autoinstall are switched off before anything runs, so no query can try to reach the network.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { Connector } from './connector';
import { WATCHDOG_DEFAULTS, Watchdog } from './health';
import { readParquetRowGroupsToIPC } from './parquet';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

export interface BrowserConnectorOptions {
  /**
   * 'parquet-wasm' (default) decodes Parquet in JS; 'duckdb' uses DuckDB's own `read_parquet`,
   * for a deployer who self-hosts the official parquet extension (see src/db/load.ts).
   */
  readonly parquetReader: 'parquet-wasm' | 'duckdb';
}

/**
 * Ends the current task so the page can handle input and paint a frame (MapLibre draws in
 * requestAnimationFrame) between two row groups of a large table decoded in the background.
 * Not requestIdleCallback: on a busy page it seldom fires and its timeout would add up to
 * seconds over non_recours' 23 row groups.
 */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * How long DuckDB runs a background query before handing the worker back (its
 * `queryPollingInterval`, ms; DuckDB-WASM's default is 100). A foreground query posted meanwhile
 * runs at the end of the slice. It only applies to pending queries (`queryInBackground`): plain
 * queries and inserts run in one go as before.
 */
const BACKGROUND_SLICE_MS = 10;

/** Joins the Arrow IPC messages of a result (schema first, then one message per batch). */
function joinMessages(messages: readonly Uint8Array[]): Table {
  const stream = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
  let at = 0;
  for (const m of messages) {
    stream.set(m, at);
    at += m.length;
  }
  return tableFromIPC(stream);
}

/** The worker of the last engine started, for the browser tests' `killWorker` (src/db/engine.ts). */
let lastWorker: Worker | null = null;

/**
 * Terminates the engine's worker behind DuckDB's back, as the browser does when it runs out of
 * memory or crashes: for the browser tests of the engine's health (src/db/health.ts).
 */
export function terminateWorkerForTests(): boolean {
  if (!lastWorker) return false;
  lastWorker.terminate();
  lastWorker = null;
  return true;
}

/** Starts DuckDB-WASM in a worker and returns a Connector over one connection. */
export async function createBrowserConnector(
  opts: BrowserConnectorOptions = { parquetReader: 'parquet-wasm' },
): Promise<Connector> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (bundle.mainWorker === null) throw new Error('DuckDB-WASM: no worker in the selected bundle');
  const worker = new Worker(bundle.mainWorker);
  lastWorker = worker;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const watchdog = new Watchdog({ ...WATCHDOG_DEFAULTS, ping: () => db.ping() });
  worker.addEventListener('error', (e) =>
    watchdog.fail(`the DuckDB worker raised an error: ${e.message || 'failed to load or crashed'}`),
  );
  worker.addEventListener('messageerror', () =>
    watchdog.fail('the DuckDB worker sent a message that could not be read'),
  );
  try {
    await watchdog.track(db.instantiate(bundle.mainModule, bundle.pthreadWorker));
    await watchdog.track(db.open({ query: { queryPollingInterval: BACKGROUND_SLICE_MS } }));
    const conn = await watchdog.track(db.connect());
    await watchdog.track(conn.query('SET autoinstall_known_extensions = false'));
    await watchdog.track(conn.query('SET autoload_known_extensions = false'));
    return watched(connectorOver(db, conn, opts), watchdog, () => db.terminate());
  } catch (e) {
    watchdog.dispose();
    await db.terminate().catch(() => undefined);
    throw e;
  }
}

/** Every call of `c` goes through the watchdog; `onFailure` reports its failure. */
function watched(c: Connector, watchdog: Watchdog, terminate: () => Promise<void>): Connector {
  return {
    query: (sql) => watchdog.track(c.query(sql)),
    queryInBackground: (sql, yieldTo) => watchdog.track(c.queryInBackground(sql, yieldTo)),
    queryIPC: (sql) => watchdog.track(c.queryIPC(sql)),
    loadParquet: (name, bytes) => watchdog.track(c.loadParquet(name, bytes)),
    loadArrowIPC: (name, ipc) => watchdog.track(c.loadArrowIPC(name, ipc)),
    exec: (sql) => watchdog.track(c.exec(sql)),
    queryReadOnly: (sql, signal, onSlice) => watchdog.track(c.queryReadOnly(sql, signal, onSlice)),
    registerFile: (path, file) => watchdog.track(c.registerFile(path, file)),
    dropFile: (path) => watchdog.track(c.dropFile(path)),
    queryCancellable: (sql, signal) => watchdog.track(c.queryCancellable(sql, signal)),
    close: () => {
      watchdog.dispose();
      // A dead worker would never answer the connections' close: it is only terminated.
      return watchdog.failed ? terminate().catch(() => undefined) : c.close();
    },
    onFailure: (listener) => watchdog.onFailure(listener),
  };
}

function connectorOver(
  db: duckdb.AsyncDuckDB,
  conn: duckdb.AsyncDuckDBConnection,
  opts: BrowserConnectorOptions,
): Connector {
  let closed: Promise<void> | null = null;
  const live = (): duckdb.AsyncDuckDBConnection => {
    if (closed) throw new Error('DuckDB est fermé');
    return conn;
  };
  const insertIPC = async (name: string, ipc: Uint8Array): Promise<void> => {
    const c = live();
    await c.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    await c.insertArrowFromIPCStream(ipc, { name, create: true });
  };
  /**
   * Runs `sql` as a pending query on connection `id`, awaiting `beforeSlice()` before it starts,
   * before each slice of DuckDB's work and before each fetched record batch. DuckDB runs a pending
   * query only while it is polled, so between two slices the worker serves the other connections.
   * When `beforeSlice` rejects, the query is cancelled (which frees what it holds) and the
   * rejection is passed on.
   */
  const runPending = async (
    id: number,
    sql: string,
    beforeSlice: () => Promise<void>,
  ): Promise<Table> => {
    await beforeSlice();
    const messages: Uint8Array[] = [];
    try {
      let header = await db.startPendingQuery(id, sql);
      while (header === null) {
        await beforeSlice();
        header = await db.pollPendingQuery(id);
      }
      messages.push(header);
      // The result is materialised in the worker; its record batches come one message each, and
      // their conversion to Arrow waits like the slices (75,000 rows for the QPV).
      for (;;) {
        await beforeSlice();
        const chunk = await db.fetchQueryResults(id);
        if (chunk === null) continue;
        if (chunk.length === 0) break;
        messages.push(chunk);
      }
    } catch (e) {
      if (!closed) await db.cancelPendingQuery(id).catch(() => false);
      throw e;
    }
    return joinMessages(messages);
  };
  // Background queries get their own connection: a pending query belongs to its connection, and
  // the foreground one must stay free to run between two slices.
  let background: Promise<duckdb.AsyncDuckDBConnection> | null = null;
  let backgroundQueue: Promise<unknown> = Promise.resolve();
  const inBackground = async (sql: string, yieldTo: () => Promise<void>): Promise<Table> => {
    live();
    background ??= db.connect();
    const id = (await background).useUnsafe((_, c) => c);
    // `yieldTo` rejects when the warm-up cancels the query.
    return runPending(id, sql, async () => {
      await yieldTo();
      live();
    });
  };
  // The SQL console's connection (Connector.queryReadOnly). Why a connection of its own inside a
  // read-only transaction, and not the other ideas: DuckDB has no per-connection read-only mode,
  // and a schema of views over the tables would still let `memory.main.cases` be named; database
  // settings (`enable_external_access`, `lock_configuration`) are set for the whole engine by
  // lockEngine, but they do not stop a DROP or an INSERT. A read-only transaction does: DuckDB
  // refuses any write in it ("transaction is launched in read-only mode"), whatever the statement.
  // A statement could end that transaction (COMMIT) and a next one write: DuckDB-WASM's pending
  // query runs every statement of its text, so the text is first prepared, which DuckDB refuses
  // for more than one statement ("Cannot prepare multiple statements at once!"). And
  // src/query/console.ts hands DuckDB the user's text through `query(…)`, which runs exactly one
  // SELECT statement. The pending query, polled in slices, lets the user stop the query and the
  // views run meanwhile.
  let readOnly: Promise<duckdb.AsyncDuckDBConnection> | null = null;
  // The own-file loader's connection (Connector.queryCancellable): its pending statements must
  // not share the views' one, nor the console's read-only transaction.
  let loader: Promise<duckdb.AsyncDuckDBConnection> | null = null;
  let readOnlyQueue: Promise<unknown> = Promise.resolve();
  const inReadOnly = async (
    sql: string,
    signal: AbortSignal,
    onSlice?: () => void,
  ): Promise<Table> => {
    live();
    signal.throwIfAborted();
    readOnly ??= db.connect();
    const c = await readOnly;
    const id = c.useUnsafe((_, i) => i);
    await c.query('BEGIN TRANSACTION READ ONLY');
    try {
      await db.closePrepared(id, await db.createPrepared(id, sql));
      let slices = 0;
      return await runPending(id, sql, async () => {
        // The first call comes before DuckDB starts the query, the next ones after a slice.
        if (slices++ > 0) onSlice?.();
        await yieldToPage();
        live();
        signal.throwIfAborted();
      });
    } finally {
      if (!closed) await c.query('ROLLBACK').catch(() => undefined);
    }
  };
  return {
    query: async (sql: string): Promise<Table> => (await live().query(sql)) as Table,
    // One background query at a time on that connection.
    queryInBackground: (sql: string, yieldTo: () => Promise<void>): Promise<Table> => {
      const run = backgroundQueue.then(() => inBackground(sql, yieldTo));
      backgroundQueue = run.catch(() => undefined);
      return run;
    },
    queryIPC: async (sql: string): Promise<Uint8Array> =>
      tableToIPC((await live().query(sql)) as Table, 'stream'),
    loadParquet: async (name: string, bytes: Uint8Array): Promise<void> => {
      if (opts.parquetReader === 'duckdb') {
        const file = `${name}.parquet`;
        await db.registerFileBuffer(file, bytes);
        try {
          await live().query(
            `CREATE OR REPLACE TABLE ${quoteIdent(name)} AS SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`,
          );
        } finally {
          await db.dropFile(file);
        }
        return;
      }
      // One insert per row group, decoding the next group on the main thread while the worker
      // inserts this one. Between two inserts the worker runs whatever queries are waiting, so
      // the views are not held up for the seconds a large table takes.
      const c = live();
      await c.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
      let inserting: Promise<void> | null = null;
      let first = true;
      try {
        for await (const ipc of readParquetRowGroupsToIPC(bytes, yieldToPage)) {
          await inserting;
          inserting = live().insertArrowFromIPCStream(ipc, { name, create: first });
          first = false;
        }
      } catch (e) {
        await inserting?.catch(() => undefined);
        throw e;
      }
      await inserting;
    },
    loadArrowIPC: insertIPC,
    exec: async (sql: string): Promise<void> => {
      await live().query(sql);
    },
    queryReadOnly: (sql: string, signal: AbortSignal, onSlice?: () => void): Promise<Table> => {
      const run = readOnlyQueue.then(() => inReadOnly(sql, signal, onSlice));
      readOnlyQueue = run.catch(() => undefined);
      return run;
    },
    registerFile: async (path: string, file: Blob): Promise<void> => {
      live();
      // directIO: DuckDB reads the ranges it needs through a FileReaderSync in the worker.
      await db.registerFileHandle(path, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    dropFile: async (path: string): Promise<void> => {
      await db.dropFile(path).catch(() => undefined);
    },
    queryCancellable: async (sql: string, signal: AbortSignal): Promise<Table> => {
      live();
      signal.throwIfAborted();
      loader ??= db.connect();
      const id = (await loader).useUnsafe((_, c) => c);
      return runPending(id, sql, async () => {
        live();
        signal.throwIfAborted();
      });
    },
    close: (): Promise<void> => {
      closed ??= (async () => {
        await (await background?.catch(() => null))?.close().catch(() => undefined);
        await (await readOnly?.catch(() => null))?.close().catch(() => undefined);
        await (await loader?.catch(() => null))?.close().catch(() => undefined);
        await conn.close().catch(() => undefined);
        // terminate() ends the Web Worker and frees the wasm memory.
        await db.terminate();
      })();
      return closed;
    },
  };
}
