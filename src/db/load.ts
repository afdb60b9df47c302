/**
 * Loads the dataset into the engine: `manifest.json` from the data root, then every table of the
 * contract (the large ones last, while the app already answers from the others), then locks the
 * engine away from files and the network.
 *
 * Deployment switches (set on `window` before the app starts, e.g. by an inline script):
 * - `__OBSERVATOIRE_DATA_ROOT__`: data root (default `<base>data/`); browser tests use
 *   `/data/fixtures/`.
 * - `__OBSERVATOIRE_PARQUET_READER__ = 'duckdb'`: use DuckDB's own `read_parquet` instead of
 *   parquet-wasm. Only for a deployer who self-hosts DuckDB's official extension repository at
 *   `__OBSERVATOIRE_DUCKDB_EXTENSIONS__` (default `<origin>/duckdb-extensions`): the parquet
 *   extension is installed and loaded explicitly from there, never from the internet.
 */
import { MANIFEST_FILE, SCHEMA_VERSION, type DatasetManifest } from '../catalogue/dataset';
import { TABLES, type PublishedTableName } from '../catalogue/schema';
import type { Connector } from './connector';
import {
  LoadError,
  loadContractTable,
  lockEngine,
  manifestEntry,
  readTableFile,
  type LoadHooks,
} from './load-tables';
import { readParquetToIPC } from './parquet';
import { DEFERRED_TABLES, LOAD_ORDER } from './table-gate';

declare global {
  interface Window {
    __OBSERVATOIRE_DATA_ROOT__?: string;
    __OBSERVATOIRE_PARQUET_READER__?: 'duckdb' | 'parquet-wasm';
    __OBSERVATOIRE_DUCKDB_EXTENSIONS__?: string;
  }
}

/** The data root URL, always ending with `/`. */
export function dataRoot(): string {
  const configured = typeof window !== 'undefined' ? window.__OBSERVATOIRE_DATA_ROOT__ : undefined;
  const root = configured ?? `${import.meta.env.BASE_URL}data/`;
  return root.endsWith('/') ? root : `${root}/`;
}

/** Which Parquet reader the deployment asked for. */
export function parquetReader(): 'duckdb' | 'parquet-wasm' {
  return typeof window !== 'undefined' && window.__OBSERVATOIRE_PARQUET_READER__ === 'duckdb'
    ? 'duckdb'
    : 'parquet-wasm';
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} — ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Resolves with `value` once the main thread has a free moment (`requestIdleCallback`, at most
 * IDLE_WAIT_MS later). A first table's decoding is one uninterrupted task of the main thread:
 * a view painting from prebaked results (Sites, the report, the first map) renders first.
 */
export function whenIdle<T>(value: T): Promise<T> {
  if (typeof requestIdleCallback !== 'function') return Promise.resolve(value);
  return new Promise((resolve) =>
    requestIdleCallback(() => resolve(value), { timeout: IDLE_WAIT_MS }),
  );
}
const IDLE_WAIT_MS = 1000;

/** Fetches and checks manifest.json. */
export async function fetchManifest(root: string = dataRoot()): Promise<DatasetManifest> {
  let text: string;
  try {
    const response = await fetch(`${root}${MANIFEST_FILE}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (e) {
    throw new LoadError(
      'Les données sont introuvables. Construisez-les avec « npm run data » puis rechargez la page.',
      `${root}${MANIFEST_FILE}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(text) as DatasetManifest;
  } catch (e) {
    throw new LoadError(
      'Le fichier de description des données (manifest.json) est illisible.',
      `${root}${MANIFEST_FILE}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION || !Array.isArray(manifest.tables)) {
    throw new LoadError(
      'Les données ont été construites pour une autre version de l’application. Reconstruisez-les avec « npm run data ».',
      `${root}${MANIFEST_FILE}: schemaVersion ${String(manifest.schemaVersion)}, expected ${SCHEMA_VERSION}`,
    );
  }
  return manifest;
}

/** Hooks of `loadDataset`: progress, the manifest as soon as it is read, each table as it lands. */
export interface DatasetHooks extends LoadHooks {
  /** The manifest was read and checked, before any table: the shell can show what it says. */
  readonly onManifest?: (manifest: DatasetManifest) => void;
  /**
   * Resolves when a deferred table is to be loaded (a query reads it, or the page is idle): its
   * file is downloaded meanwhile, but decoding and inserting it waits. Default: at once.
   */
  readonly whenNeeded?: (name: PublishedTableName) => Promise<void>;
  /**
   * Resolves when the tables may be downloaded, once the manifest is read (the engine's start
   * held back, see engine.ts `bootEngine`). Default: at once.
   */
  readonly whenStart?: () => Promise<void>;
}

/**
 * Loads the dataset at the data root into the engine `connecting` resolves to: reads the
 * manifest (`onManifest`), downloads the files while DuckDB is still starting, loads the tables in
 * LOAD_ORDER (`onTable` as each can be queried, the large deferred ones last, each once
 * `whenNeeded` says so), then sets
 * `enable_external_access = false` and locks the configuration (`lockEngine`). Resolves only
 * after the lock: whoever runs user-supplied SQL waits for this promise.
 */
export async function loadDataset(
  connecting: Promise<Connector>,
  hooks: DatasetHooks = {},
  root: string = dataRoot(),
): Promise<DatasetManifest> {
  const onProgress = hooks.onProgress ?? (() => undefined);
  onProgress({ step: 'Lecture de la description des données', progress: 0 });
  const manifest = await fetchManifest(root);
  hooks.onManifest?.(manifest);
  await hooks.whenStart?.();
  const files = new Map(LOAD_ORDER.map((name) => [name, manifestEntry(manifest, name).file]));
  const fileOf = (name: PublishedTableName): string => files.get(name) ?? name;
  const download = (name: PublishedTableName): Promise<Uint8Array> =>
    readTableFile(fileOf(name), (f) => fetchBytes(`${root}${f}`));
  const first = LOAD_ORDER.filter((name) => !DEFERRED_TABLES.includes(name));
  const downloads = new Map<PublishedTableName, Promise<Uint8Array>>(
    first.map((name) => [name, download(name)]),
  );
  // The deferred files (8.7 MB of the 10 MB) start once the first ones are in, so that they do not
  // share the bandwidth with those and with DuckDB's own wasm.
  const firstDownloaded = Promise.allSettled([...downloads.values()]);
  for (const name of DEFERRED_TABLES)
    downloads.set(
      name,
      firstDownloaded.then(() => download(name)),
    );
  // The first (small) files are decoded as they arrive, while DuckDB's worker is still starting;
  // the deferred ones are decoded row group by row group as they are inserted (browser.ts).
  const decoded = new Map<PublishedTableName, Promise<Uint8Array>>();
  if (parquetReader() === 'parquet-wasm') {
    for (const name of first) {
      const bytes = downloads.get(name);
      if (bytes) decoded.set(name, bytes.then(whenIdle).then(readParquetToIPC));
    }
  }
  // Settled later (or never, on an earlier failure): no unhandled rejection meanwhile.
  for (const d of [...downloads.values(), ...decoded.values()]) d.catch(() => undefined);

  const connector = await connecting;
  if (parquetReader() === 'duckdb') {
    const repo =
      window.__OBSERVATOIRE_DUCKDB_EXTENSIONS__ ?? `${window.location.origin}/duckdb-extensions`;
    try {
      await connector.exec(
        `SET custom_extension_repository = '${repo.replaceAll("'", "''")}'; INSTALL parquet; LOAD parquet;`,
      );
    } catch (e) {
      throw new LoadError(
        'Le lecteur Parquet de DuckDB n’a pas pu être chargé depuis le dépôt d’extensions configuré.',
        `${repo}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  for (const [i, name] of LOAD_ORDER.entries()) {
    onProgress({
      step: `Chargement : ${TABLES[name].label}`,
      progress: Math.min(1, i / first.length),
    });
    if (DEFERRED_TABLES.includes(name)) await hooks.whenNeeded?.(name);
    // Download failures surface here (their own message), decoding ones inside the stage.
    const bytes = await (downloads.get(name) ?? download(name));
    const ipc = decoded.get(name);
    await loadContractTable(connector, name, fileOf(name), async (staging) =>
      ipc ? connector.loadArrowIPC(staging, await ipc) : connector.loadParquet(staging, bytes),
    );
    hooks.onTable?.(name);
  }
  onProgress({ step: 'Données chargées', progress: 1 });
  await lockEngine(connector);
  return manifest;
}
