/**
 * One coordinator for every query the app runs (after Mosaic's `Coordinator`): it owns the
 * connector, the table gate (a query waits for the tables it reads), foreground and background
 * priority (the warm-up, with promotion), the data version, a result cache budgeted by bytes, and
 * the teardown that ends the engine. The app has one (src/db/engine.ts starts DuckDB-WASM in its
 * worker behind it and provides it through React context, `useCoordinator`); a unit test builds
 * its own over the Node connector: `new Coordinator({ connector: await createNodeConnector() })`.
 */
import type { Table } from 'apache-arrow';
import type { Connector } from './connector';
import { ResultCache } from './result-cache';
import { gatedQuery, type TableGate } from './table-gate';
import { WarmUp, promotable, retryIfCancelled, type WarmUpRunner } from './warm-up';

/** An engine behind the coordinator: its connector once usable, its gate, how to end it. */
export interface EngineSlot {
  /** The connector once the first tables answer. */
  readonly usable: Promise<Connector>;
  /** Which tables can be queried yet; null: every table is in. */
  readonly gate: TableGate | null;
  /** Ends the engine (terminates its worker). */
  close(): Promise<void>;
  /** A foreground query needs the engine: start it if its start was held back. */
  demand?(): void;
}

/**
 * Default cache budget: about 60 commune-level map results (~1 MB each) or thousands of small
 * ones; the previous cap was 200 results whatever their size.
 */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export interface CoordinatorOptions {
  /** A ready connector (tests): every table counts as loaded, `close` closes it. */
  readonly connector?: Connector;
  /** Starts an engine when a query needs one and none is attached (the app's, see engine.ts). */
  readonly connect?: () => EngineSlot;
  /** Budget of the result cache, in bytes of Arrow buffers (`tableBytes`). */
  readonly cacheBytes?: number;
  /**
   * Results known before the engine answers (prebaked at build time, keyed by SQL text and data
   * version: see prebaked.ts). Asked first for every foreground query the cache runs; a result it
   * gives is cached like a live one (it equals the live one), so the engine never runs that SQL
   * and nothing changes on screen when the engine is ready. Must resolve null for any version
   * other than the one the results were built for.
   */
  readonly firstResults?: (sql: string, version: number) => Promise<Table | null>;
}

/** Options of one query. */
export interface QueryOptions {
  /**
   * Runs it as a background (warm-up) query: not counted as foreground, at low priority,
   * awaiting `yieldTo()` between slices (`Connector.queryInBackground`).
   */
  readonly yieldTo?: () => Promise<void>;
}

/** The cache key of `sql` at data version `version`. */
const keyOf = (sql: string, version: number): string => `${version}\u0000${sql}`;

export class Coordinator {
  /** Priorities: foreground queries, holds, the warm-up list. */
  readonly warmUp = new WarmUp();
  private readonly cache: ResultCache;
  /**
   * Background queries still running, by cache key: a foreground request for one promotes it
   * (it stops yielding), else the view would wait for a query that waits for the view.
   */
  private readonly promoters = new Map<string, () => void>();
  private readonly listeners = new Set<() => void>();
  private slot: EngineSlot | null = null;
  private versionNow = 0;
  private closed = false;

  constructor(private readonly options: CoordinatorOptions = {}) {
    this.cache = new ResultCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
    const given = options.connector;
    if (given)
      this.attach({ usable: Promise.resolve(given), gate: null, close: () => given.close() });
  }

  /** The data version: part of every cache key, bumped by `bumpVersion`. */
  get version(): number {
    return this.versionNow;
  }

  /** Subscribes to version changes (for useSyncExternalStore). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Bytes of the results in the cache. */
  get cacheBytes(): number {
    return this.cache.bytes;
  }

  /**
   * The tables changed (own file, restart): bumps the data version, so every view runs its
   * queries again, and drops the older versions' results.
   */
  bumpVersion(): number {
    this.versionNow += 1;
    const prefix = `${this.versionNow}\u0000`;
    this.cache.deleteWhere((key) => !key.startsWith(prefix));
    for (const l of this.listeners) l();
    return this.versionNow;
  }

  /** Puts an engine behind the coordinator (the previous one, if any, is left to its owner). */
  attach(slot: EngineSlot): void {
    this.closed = false;
    this.slot = slot;
  }

  private engine(): EngineSlot {
    if (this.closed) throw new Error('Coordinator closed');
    if (this.slot) return this.slot;
    const connect = this.options.connect;
    if (!connect) throw new Error('Coordinator has no connector');
    this.slot = connect();
    return this.slot;
  }

  /** Resolves with the connector once the first tables answer (starting the engine if need be). */
  connector(): Promise<Connector> {
    try {
      const slot = this.engine();
      slot.demand?.();
      return slot.usable;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Runs `sql` once the tables it reads are loaded, without the cache (the app's own SQL only:
   * user SQL waits for the locked engine, see engine.ts). Not counted as foreground: see `query`.
   */
  async run(sql: string, yieldTo?: () => Promise<void>): Promise<Table> {
    const slot = this.engine();
    // A background (warm-up) query waits for the engine without starting it.
    if (!yieldTo) slot.demand?.();
    const connector = await slot.usable;
    if (!slot.gate)
      return yieldTo ? connector.queryInBackground(sql, yieldTo) : connector.query(sql);
    return gatedQuery(connector, slot.gate, sql, yieldTo);
  }

  /**
   * Runs `sql` through the cache (key: SQL text and `version`, default the current one; failures
   * not kept). A foreground query holds the warm-up until it settles; asking in the foreground
   * for a query the warm-up is running promotes it. With `yieldTo` it is a background query.
   */
  query(sql: string, opts: QueryOptions = {}, version: number = this.versionNow): Promise<Table> {
    const background = opts.yieldTo !== undefined;
    const key = keyOf(sql, version);
    const hit = this.cache.get(key, !background);
    if (hit) {
      if (!background && this.cache.settled(key) === undefined) {
        const promote = this.promoters.get(key);
        if (promote) {
          promote();
          // A warm-up query cancelled just before this request (its list changed) rejects: the
          // view then runs it again in the foreground (the cache dropped the failed entry).
          const own = retryIfCancelled(hit, () => this.query(sql, {}, version));
          this.warmUp.noteForeground(own);
          return own;
        }
        this.warmUp.noteForeground(hit);
      }
      return hit;
    }
    let p: Promise<Table>;
    if (opts.yieldTo) {
      const slot = promotable(opts.yieldTo);
      this.promoters.set(key, slot.promote);
      p = this.run(sql, slot.yieldTo);
    } else p = this.firstOrRun(sql, version);
    if (!background) this.warmUp.noteForeground(p);
    this.cache.set(key, p, !background);
    const forget = (): void => {
      this.promoters.delete(key);
    };
    p.then(forget, forget);
    return p;
  }

  /** A foreground query's result: the `firstResults` one if there is one, else the engine's. */
  private async firstOrRun(sql: string, version: number): Promise<Table> {
    const first = await this.options.firstResults?.(sql, version);
    return first ?? this.run(sql);
  }

  /** Whether a view (not only the warm-up) asked for `sql` at `version` (tests). */
  askedFor(sql: string, version: number = this.versionNow): boolean {
    return this.cache.asked(keyOf(sql, version));
  }

  /**
   * Puts the `firstResults` answer of `sql` (a prebaked result) in the cache before any view
   * asks, never the engine's: nothing starts or waits for it. Resolves with the result once a
   * view's render can read it (`peek`), or null when there is none (the view then asks the
   * engine as usual). The page's start primes its entry view this way, so that the view's first
   * render has its figures (src/app/entry-prime.ts).
   */
  async prime(sql: string, version: number = this.versionNow): Promise<Table | null> {
    const key = keyOf(sql, version);
    const known = this.cache.get(key);
    if (known) return known.catch(() => null);
    const table = await this.options.firstResults?.(sql, version).catch(() => null);
    if (!table) return null;
    // A view may have asked meanwhile: its entry (the same answer) stays.
    if (!this.cache.get(key)) this.cache.put(key, table);
    return table;
  }

  /** The result of `sql` if it has arrived at `version`, for a view's render; else undefined. */
  peek(sql: string, version: number = this.versionNow): Table | undefined {
    return this.cache.settled(keyOf(sql, version));
  }

  /** Replaces the warm-up list: the queries run through the cache at low priority. */
  warm(queries: readonly string[], version: number = this.versionNow): void {
    const runner: WarmUpRunner = (sql, yieldTo) => this.query(sql, { yieldTo }, version);
    this.warmUp.warmUp(queries, runner);
  }

  /**
   * Ends the engine behind the coordinator (terminates the worker) and forgets the cached
   * results; with `keepWarmUp` false (teardown) the warm-up stops too and nothing runs
   * afterwards. With `keepWarmUp` (a restart) the next query starts a new engine.
   */
  async close({ keepWarmUp = false }: { readonly keepWarmUp?: boolean } = {}): Promise<void> {
    const slot = this.slot;
    this.slot = null;
    this.cache.clear();
    this.promoters.clear();
    if (!keepWarmUp) {
      this.closed = true;
      this.warmUp.close();
    }
    await slot?.close();
  }
}
