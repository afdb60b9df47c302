/**
 * Which tables can be queried yet, and which ones a query has asked for. The engine is usable
 * once the small tables are in; the large ones (DEFERRED_TABLES) load when a query first reads
 * one (`request`, from `whenLoaded`) or once the page is idle (src/db/engine.ts), and a query
 * that reads one of them waits for it here instead of failing or returning an empty result.
 */
import { TABLE_NAMES, type PublishedTableName, type TableName } from '../catalogue/schema';
import type { Connector } from './connector';

/**
 * Tables loaded after the engine is reported ready: `non_recours` is ~95 % of the rows and of the
 * load time, and the default view (reclamations_taux on the map) does not read it.
 */
export const DEFERRED_TABLES: readonly PublishedTableName[] = ['non_recours'];

/** Tables loaded before the engine is reported ready, in TABLE_NAMES order. */
export const FIRST_TABLES: readonly PublishedTableName[] = TABLE_NAMES.filter(
  (t) => !DEFERRED_TABLES.includes(t),
);

/** Contract tables in load order: the first ones, then the deferred ones. */
export const LOAD_ORDER: readonly PublishedTableName[] = [...FIRST_TABLES, ...DEFERRED_TABLES];

const TABLE_PATTERNS = TABLE_NAMES.map((name) => ({ name, re: new RegExp(`\\b${name}\\b`, 'i') }));

/**
 * Contract tables whose name appears as a word in `sql`. Over-matching (a name inside a string or
 * a comment) only makes a query wait longer; a query built by src/query always names its tables.
 */
export function tablesInSql(sql: string): TableName[] {
  return TABLE_PATTERNS.filter((p) => p.re.test(sql)).map((p) => p.name);
}

/** True for DuckDB's error on a table that does not exist (yet). */
export function isMissingTableError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  return /Catalog Error: Table with name .* does not exist/i.test(message);
}

interface Waiter {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

function waiter(): Waiter {
  let resolve = (): void => undefined;
  let reject = (_: unknown): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A table nobody waits for may fail without an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The load state of each table: pending, loaded, or failed with the load's error. */
export class TableGate {
  private readonly tables = new Map<TableName, Waiter>();
  private readonly settled = new Set<TableName>();
  private readonly loaded = new Set<TableName>();
  private readonly requests = new Map<TableName, Waiter>();

  constructor(names: readonly TableName[] = TABLE_NAMES) {
    for (const name of names) {
      this.tables.set(name, waiter());
      this.requests.set(name, waiter());
    }
  }

  /** A query needs the tables `names`: whoever waits in `whenRequested` for one goes on. */
  request(names: readonly TableName[]): void {
    for (const name of names) this.requests.get(name)?.resolve();
  }

  /** Every table is needed (user SQL may read any). */
  requestAll(): void {
    this.request([...this.tables.keys()]);
  }

  /** Resolves once a query has asked for table `name` (see `request`). */
  whenRequested(name: TableName): Promise<void> {
    return this.requests.get(name)?.promise ?? Promise.resolve();
  }

  /** Table `name` can be queried. */
  markLoaded(name: TableName): void {
    if (this.settled.has(name)) return;
    this.settled.add(name);
    this.loaded.add(name);
    this.tables.get(name)?.resolve();
  }

  /** Whether table `name` can be queried. */
  isLoaded(name: TableName): boolean {
    return this.loaded.has(name);
  }

  /** Every table not loaded yet will not be: queries waiting for one reject with `error`. */
  failPending(error: unknown): void {
    for (const [name, w] of this.tables) {
      if (this.settled.has(name)) continue;
      this.settled.add(name);
      w.reject(error);
    }
  }

  /** Whether every table is settled (loaded or failed). */
  get allSettled(): boolean {
    return this.settled.size === this.tables.size;
  }

  /**
   * Asks for the tables `names` (`request`) and resolves when every one is loaded; rejects if
   * one of them failed.
   */
  async whenLoaded(names: readonly TableName[]): Promise<void> {
    this.request(names);
    await Promise.all(names.map((n) => this.tables.get(n)?.promise));
  }

  /** Asks for every table and resolves when every one is loaded. */
  whenAllLoaded(): Promise<void> {
    return this.whenLoaded([...this.tables.keys()]);
  }
}

/**
 * Runs `sql` once the tables it names are loaded. Should DuckDB still report a missing table (a
 * name the text scan did not see) while some table is loading, it waits for all and runs again.
 */
export async function gatedQuery(
  connector: Connector,
  gate: TableGate,
  sql: string,
  yieldTo?: () => Promise<void>,
): ReturnType<Connector['query']> {
  await gate.whenLoaded(tablesInSql(sql));
  const loading = !gate.allSettled;
  const run = (): ReturnType<Connector['query']> =>
    yieldTo ? connector.queryInBackground(sql, yieldTo) : connector.query(sql);
  try {
    return await run();
  } catch (e) {
    if (!loading || !isMissingTableError(e)) throw e;
    await gate.whenAllLoaded();
    return run();
  }
}
