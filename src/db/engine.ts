/**
 * The one engine of the app: started once (one promise), its status as a value, the dataset's
 * manifest and provenance. Its queries go through the app's coordinator (`appCoordinator`, see
 * coordinator.ts: cache, priorities, table gate, data version, teardown), which starts the engine
 * when the first query needs it. The app is usable before every table is in: see `runQuery` and
 * DEFERRED_TABLES.
 */
import type { Table } from 'apache-arrow';
import type { DatasetManifest } from '../catalogue/dataset';
import type { PublishedTableName } from '../catalogue/schema';
import type { Connector, EngineStatus } from './connector';
import { LoadError, lockEngine } from './load-tables';
import { FIRST_TABLES, TableGate } from './table-gate';
import { Coordinator, type EngineSlot } from './coordinator';
import { EngineStoppedError } from './health';
import { ENGINE_MESSAGES } from './messages';
import { registerTestHook } from '../dev/test-hooks';
import { loadDataset, parquetReader } from './load';
import { preloadPrebaked, prebakedResult } from './prebaked';
import {
  datasetProvenance,
  ownFilesInUse,
  replaceProvenance,
  tablesNamedIn,
  tablesReadOn,
  type ProvenanceMap,
  type TableReplacement,
} from './provenance';

interface EngineState {
  /** `ready` once the first tables can be queried (the deferred ones may still be loading). */
  readonly status: EngineStatus;
  /** Every table loaded and the engine locked. */
  readonly complete: boolean;
  /** The dataset's manifest, as soon as it is read (before any table). */
  readonly manifest: DatasetManifest | null;
  readonly version: number;
  /** The own files in use (`, `-joined), or the dataset's title; null before the manifest. */
  readonly sourceLabel: string | null;
  /** Where each table's rows come from (see provenance.ts). */
  readonly tables: ProvenanceMap;
  /** Tables read by each figure on screen, by figure id (see `showFigure`). */
  readonly figures: ReadonlyMap<string, readonly PublishedTableName[]>;
}

let state: EngineState = {
  status: { state: 'idle' },
  complete: false,
  manifest: null,
  version: 0,
  sourceLabel: null,
  tables: new Map(),
  figures: new Map(),
};
const listeners = new Set<() => void>();

function setState(patch: Partial<EngineState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** Subscribes to engine changes (for useSyncExternalStore). */
export function subscribeEngine(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Current engine state snapshot (stable object between changes). */
export function engineSnapshot(): EngineState {
  return state;
}

/**
 * The app's coordinator: every query of the app goes through it; it starts the engine (`begin`)
 * when the first one needs it. Provided to React by `CoordinatorProvider`.
 */
export const appCoordinator = new Coordinator({
  connect: () => begin(),
  firstResults: prebakedResult,
});

/** The manifest the engine read, once it is read; null if the engine fails first. */
function manifestOrNull(): Promise<DatasetManifest | null> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const { manifest, status } = engineSnapshot();
      if (manifest) resolve(manifest);
      else if (status.state === 'failed') resolve(null);
      else return false;
      return true;
    };
    if (check()) return;
    const off = subscribeEngine(() => {
      if (check()) off();
    });
  });
}

/**
 * Version of the loaded data (the app coordinator's); bumped by `notifyDataChanged` and
 * `restartEngine`. Part of every query cache key.
 */
export let dataVersion = 0;

function bumpVersion(): number {
  dataVersion = appCoordinator.bumpVersion();
  return dataVersion;
}

/**
 * The engine's start held back (`bootEngine({ hold: true })`): the manifest and the prebaked
 * results are read at once, but DuckDB's worker, its wasm and the tables wait for `releaseEngine`
 * (or for a foreground query the prebaked results do not answer, `startEngine`, a restart).
 */
let hold: { readonly released: Promise<void>; readonly release: () => void } | null = null;

function newHold(): NonNullable<typeof hold> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

/**
 * Lets a held engine start (idempotent; nothing to do when it was not held). Called once the
 * entry view is complete on screen, at the user's first interaction, or by a query that needs
 * the engine.
 */
export function releaseEngine(): void {
  if (!hold) return;
  const h = hold;
  hold = null;
  h.release();
}

interface Boot extends EngineSlot {
  readonly gate: TableGate;
  /** The connector once the first tables are in (status `ready`). */
  readonly usable: Promise<Connector>;
  /** The connector once every table is in and the engine locked (`complete`). */
  readonly complete: Promise<Connector>;
}

let boot: Boot | null = null;
/** Bumped by each start and stop: a stopped engine's late news is ignored. */
let generation = 0;

function begin(held = false): Boot {
  if (boot) return boot;
  if (held && !hold) hold = newHold();
  const wait = hold?.released ?? Promise.resolve();
  generation += 1;
  const mine = generation;
  const gate = new TableGate();
  let stopped = false;
  const onStopped = (e: Error & { readonly detail: string }): void => {
    if (mine !== generation || stopped) return;
    stopped = true;
    console.error('[observatoire] le moteur de requêtes s’est arrêté :', e.detail);
    gate.failPending(e);
    setState({ status: { state: 'failed', message: e.message, detail: e.detail, stopped: true } });
  };
  // The worker's connector as soon as it is created (before any table): what teardown ends.
  let resolveStarted: (c: Promise<Connector | null>) => void = () => undefined;
  const created = new Promise<Connector | null>((resolve) => (resolveStarted = resolve));
  let resolveUsable: (c: Connector | Promise<Connector>) => void = () => undefined;
  let rejectUsable: (e: unknown) => void = () => undefined;
  const usable = new Promise<Connector>((resolve, reject) => {
    resolveUsable = resolve;
    rejectUsable = reject;
  });
  usable.catch(() => undefined);
  const complete = (async () => {
    setState({
      status: { state: 'loading', step: ENGINE_MESSAGES.starting, progress: 0 },
      complete: false,
    });
    let connecting: Promise<Connector> | null = null;
    let ready = false;
    try {
      // Imported lazily so the worker and wasm are only fetched when the engine starts. DuckDB's
      // worker starts while the manifest and the files download (the manifest does not wait
      // for DuckDB's module either: load.ts is imported statically, so the manifest's request
      // leaves in this task, not after a chunk's round trip through a busy main thread).
      // Held (an entry view answered by prebaked results): only the manifest is read meanwhile.
      const browser = wait.then(() => import('./browser'));
      browser.catch(() => undefined);
      const started = browser.then(({ createBrowserConnector }) =>
        createBrowserConnector({ parquetReader: parquetReader() }),
      );
      connecting = started;
      resolveStarted(started.catch(() => null));
      started.then((c) => c.onFailure?.(onStopped)).catch(() => undefined);
      let title: string | null = null;
      await loadDataset(started, {
        whenStart: () => wait,
        // A deferred table loads when a query reads it, or once the first view has painted and
        // nothing runs in the foreground (its decoding would compete with that view's queries).
        whenNeeded: (name) =>
          Promise.race([
            gate.whenRequested(name),
            usable.then(() => appCoordinator.warmUp.yieldToForeground()),
          ]),
        onProgress: (p) => {
          if (!ready)
            setState({ status: { state: 'loading', step: p.step, progress: p.progress } });
        },
        onManifest: (m) => {
          title = m.title;
          setState({ manifest: m, tables: datasetProvenance(m, dataVersion) });
        },
        onTable: (name) => {
          gate.markLoaded(name);
          if (ready || !FIRST_TABLES.every((t) => gate.isLoaded(t))) return;
          ready = true;
          resolveUsable(started);
          setState({ status: { state: 'ready' }, sourceLabel: title });
        },
      });
      setState({ complete: true });
      return await started;
    } catch (e) {
      resolveStarted(Promise.resolve(null));
      if (mine !== generation) {
        // Ended on purpose (stop, restart, page hidden): nothing to report.
        gate.failPending(e);
        rejectUsable(e);
        throw e;
      }
      if (e instanceof EngineStoppedError) onStopped(e);
      const message = e instanceof LoadError ? e.message : ENGINE_MESSAGES.startFailed;
      const detail = e instanceof LoadError ? e.detail : e instanceof Error ? e.message : String(e);
      console.error('[observatoire] échec du démarrage du moteur :', detail, e);
      gate.failPending(e);
      rejectUsable(e);
      // A worker that died while loading: its status (set by onStopped) says so.
      if (!stopped && mine === generation)
        setState({ status: { state: 'failed', message, detail, partial: ready } });
      const c = await connecting?.catch(() => null);
      if (c && ready) {
        // The first tables still answer the views; the engine gets the same lock as after a
        // complete load (and is closed if even that fails).
        await lockEngine(c).catch(() => c.close().catch(() => undefined));
      } else await c?.close().catch(() => undefined);
      throw e;
    }
  })();
  complete.catch(() => undefined);
  const b: Boot = {
    gate,
    usable,
    complete,
    close: () => closeBoot(created),
    demand: releaseEngine,
  };
  boot = b;
  appCoordinator.attach(b);
  // The entry views' prebaked results: the first map paints from them while the engine starts.
  preloadPrebaked(manifestOrNull);
  installTestHook();
  return b;
}

/**
 * `window.__observatoire.engine.run(sql, background, cancelAfterMs?)` for the browser tests: runs
 * a query in the foreground (counted as such by the warm-up) or as the warm-up does, cancelled
 * after `cancelAfterMs` if given, and resolves with its row count. Like the SQL console, it waits
 * for every table and the engine's lock (`startEngine`).
 */
declare global {
  interface ObservatoireTestHooks {
    engine?: {
      run(sql: string, background: boolean, cancelAfterMs?: number): Promise<number>;
      killWorker(): Promise<boolean>;
    };
  }
}

function installTestHook(): void {
  const run = async (sql: string, background: boolean, cancelAfterMs?: number): Promise<number> => {
    await startEngine();
    const cancel = new AbortController();
    if (cancelAfterMs !== undefined) setTimeout(() => cancel.abort(), cancelAfterMs);
    const priorities = appCoordinator.warmUp;
    const p = background
      ? runQuery(sql, () => priorities.yieldUnlessCancelled(cancel.signal))
      : runQuery(sql);
    if (!background) priorities.noteForeground(p);
    return (await p).numRows;
  };
  // Terminates DuckDB's worker behind its back, as a crash or the browser's memory limit would.
  const killWorker = async (): Promise<boolean> =>
    (await import('./browser')).terminateWorkerForTests();
  registerTestHook('engine', { run, killWorker });
}

/**
 * Starts DuckDB-WASM in its worker and loads the dataset, once: every call returns the same
 * promise, which resolves when EVERY table is loaded and the engine locked (see `lockEngine`).
 * Whatever runs user-supplied SQL (console, own file, exports) waits for it. Status goes
 * idle → loading(step, progress) → ready (the first tables answer; the deferred ones load in the
 * background, `complete` turns true when they are in) | failed(message, detail); on failure the
 * French message is in the status and the precise cause in the console.
 */
export function startEngine(): Promise<Connector> {
  releaseEngine();
  const b = begin();
  b.gate.requestAll();
  return b.complete;
}

/**
 * Starts DuckDB-WASM and loads the first tables, once (the page's start-up): the deferred ones
 * load when a view needs them or once the page is idle. Failures show in the status.
 *
 * With `hold` (the entry view is answered by prebaked results: Sites, the report), only the
 * manifest and the prebaked results are read at once; the engine itself (worker, 33 MB wasm,
 * tables) waits for `releaseEngine`, so that it does not take the 2 CPUs that view draws with.
 * Any foreground query the prebaked results do not answer releases it at once.
 *
 * Resolves once every table is in, or the start failed: what should not compete with the
 * engine's start waits for it (the service worker's precache, see src/app/engine-start.ts).
 */
export function bootEngine({
  hold: held = false,
}: { readonly hold?: boolean } = {}): Promise<void> {
  return begin(held).complete.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Runs a query built by the app (never user SQL: see `startEngine`) as soon as the tables it
 * reads are loaded: a query on a deferred table waits for it, the others do not. With
 * `yieldTo`, it runs at low priority (`Connector.queryInBackground`).
 */
export function runQuery(sql: string, yieldTo?: () => Promise<void>): Promise<Table> {
  return appCoordinator.run(sql, yieldTo);
}

/**
 * To call after replacing tables (own-file import, return to the demonstration data): bumps the
 * data version so every cached result is dropped and every `useQuery` runs again, and records
 * the provenance of the tables replaced (`change.ownFile`, or null for the manifest's).
 */
export function notifyDataChanged(change: TableReplacement): void {
  bumpVersion();
  const tables = replaceProvenance(state.tables, state.manifest, change, dataVersion);
  const own = ownFilesInUse(tables);
  const sourceLabel = own.length > 0 ? own.join(', ') : (state.manifest?.title ?? null);
  setState({ version: dataVersion, tables, sourceLabel });
}

const MAX_PLANS = 200;
const plans = new Map<string, Promise<PublishedTableName[]>>();

/**
 * The published tables `sql` reads, from DuckDB's plan (cached by SQL text). Waits for the whole
 * engine and its lock (as `startEngine`, without asking for the deferred tables: a figure's
 * provenance must not load them early): the SQL may be the console's, and planning a query can
 * reach a file or the network.
 */
export function tablesReadBy(sql: string): Promise<PublishedTableName[]> {
  const hit = plans.get(sql);
  if (hit) return hit;
  const p = begin().complete.then(
    async (connector) => {
      // Never urgent (the synthetic-data banner, an export's provenance): it waits for the
      // view's own queries, sent in the same render. Sent first, its EXPLAIN held DuckDB's
      // worker ~100 ms ahead of each new map query at ×250.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await appCoordinator.warmUp.yieldToForeground();
      return tablesReadOn(connector, sql);
    },
    () => tablesNamedIn(sql),
  );
  plans.set(sql, p);
  if (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value as string);
  return p;
}

/**
 * A figure on screen reads `tables` (null: it is gone). The synthetic-data banner shows while
 * one figure on screen reads a synthetic table (`useSyntheticShown`).
 */
export function showFigure(id: string, tables: readonly PublishedTableName[] | null): void {
  const current = state.figures.get(id);
  if (tables === null ? current === undefined : current?.join() === tables.join()) return;
  const figures = new Map(state.figures);
  if (tables === null) figures.delete(id);
  else figures.set(id, tables);
  setState({ figures });
}

/**
 * Starts the engine afresh after a failure (« Redémarrer le moteur »): the old worker is
 * terminated, the dataset loaded again, and the data version bumped so every view runs its
 * queries again — the URL state is untouched. Resolves as `startEngine`.
 */
export function restartEngine(): Promise<Connector> {
  releaseEngine();
  boot = null;
  generation += 1;
  // The old engine ends in the background; the warm-up list stays for the new one.
  void appCoordinator.close({ keepWarmUp: true });
  bumpVersion();
  setState({ status: { state: 'idle' }, complete: false, version: dataVersion });
  return startEngine();
}

/**
 * Ends a boot's engine at once, tables loading or not (its load then fails, unreported: the
 * generation moved on).
 */
async function closeBoot(started: Promise<Connector | null>): Promise<void> {
  await (await started)?.close().catch(() => undefined);
}

/**
 * Ends the engine (page hidden for good, hot reload, tests): terminates the worker and drops the
 * cached results; a later start (or query) begins afresh.
 */
export async function stopEngine(): Promise<void> {
  boot = null;
  generation += 1;
  setState({
    status: { state: 'idle' },
    complete: false,
    manifest: null,
    sourceLabel: null,
    tables: new Map(),
  });
  await appCoordinator.close({ keepWarmUp: true });
}
