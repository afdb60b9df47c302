/**
 * Prebaked first views: results the pipeline computed for the entry views (scripts/prebake.ts,
 * the same SQL the app sends), stored as Arrow IPC files under `<data root>prebaked/` with an
 * index keyed by SQL text. While DuckDB-WASM starts, a query whose exact SQL text has one is
 * answered from it (decoded with apache-arrow on the page), so the first map paints before the
 * engine is ready; every other query, and every query once a user's own file is in, goes to the
 * engine. A prebaked answer is kept in the query cache like a live one: being equal to the live
 * result (checked by scripts/prebake.test.ts), nothing changes when the engine takes over.
 *
 * Data version: an index answers only for the data set it was computed on (`dataset`, the
 * fingerprint of that manifest) and only while the app runs on the published data (version
 * PUBLISHED_DATA_VERSION: an own file or a restart bumps it).
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { DatasetManifest } from '../catalogue/dataset';
import { registerTestHook } from '../dev/test-hooks';
import { dataRoot } from './load';
import {
  PREBAKED_DIR,
  PREBAKED_FORMAT,
  PREBAKED_INDEX,
  PUBLISHED_DATA_VERSION,
  datasetFingerprint,
  fetchedOnEntry,
  type PrebakedEntry,
  type PrebakedIndex,
} from './prebaked-index';

declare global {
  interface ObservatoireTestHooks {
    /** SQL texts answered from prebaked results, in order. */
    prebaked?: { readonly answered: readonly string[] };
  }
  interface Window {
    /** `false` (set before the app starts) turns prebaked answers off (benchmark: before/after). */
    __OBSERVATOIRE_PREBAKED__?: boolean;
  }
}

interface Loaded {
  readonly root: string;
  /**
   * The entries by SQL text, each with its file's bytes (fetched at once for the page's entry
   * view, else on the first call); null: none usable.
   */
  readonly index: Promise<ReadonlyMap<string, () => Promise<Uint8Array>> | null>;
}

let loaded: Loaded | null = null;
/** SQL texts answered from prebaked results (browser tests read it from the test hook). */
const answered: string[] = [];

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} — ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Reads the index and starts fetching the files of the page's entry view (`PrebakedEntry.views`:
 * the first view needs them while the page is busy starting the map and the engine), then checks
 * that it was computed on the data set the engine reads.
 */
async function fetchIndex(
  root: string,
  manifestOrNull: () => Promise<DatasetManifest | null>,
): Promise<ReadonlyMap<string, () => Promise<Uint8Array>> | null> {
  try {
    const response = await fetch(`${root}${PREBAKED_INDEX}`, { cache: 'no-cache' });
    if (!response.ok) return null;
    const index = (await response.json()) as PrebakedIndex;
    if (index.format !== PREBAKED_FORMAT || !Array.isArray(index.entries)) return null;
    // This page's entry view's files at once; the others' (a view opened later) when asked.
    const view = new URLSearchParams(window.location.search).get('vue') ?? 'carte';
    const files = new Map(
      index.entries.map((e: PrebakedEntry) => {
        let bytes: Promise<Uint8Array> | null = null;
        const get = (): Promise<Uint8Array> => {
          bytes ??= fetchBytes(`${root}${PREBAKED_DIR}/${e.file}`);
          return bytes;
        };
        if (fetchedOnEntry(e, view)) get().catch(() => undefined);
        return [e.sql, get] as const;
      }),
    );
    const manifest = await manifestOrNull();
    if (!manifest) return null;
    if (index.dataset !== datasetFingerprint(manifest)) {
      console.warn(
        '[observatoire] résultats précalculés ignorés : ils ne correspondent pas au jeu de données',
        `(index ${index.dataset}, manifest ${datasetFingerprint(manifest)})`,
      );
      return null;
    }
    return files;
  } catch (e) {
    console.warn('[observatoire] résultats précalculés illisibles, requêtes au moteur :', e);
    return null;
  }
}

/** Where the engine's manifest comes from (set by `preloadPrebaked`). */
let manifestSource: (() => Promise<DatasetManifest | null>) | null = null;

function load(): Loaded | null {
  if (!manifestSource) return null;
  const root = dataRoot();
  if (loaded?.root !== root) loaded = { root, index: fetchIndex(root, manifestSource) };
  return loaded;
}

/**
 * Starts fetching the prebaked results at once (called by the engine's start, which gives the
 * manifest it reads — null if it fails first): they then arrive before the first view's render
 * and map set-up keep the page busy.
 */
export function preloadPrebaked(manifest: () => Promise<DatasetManifest | null>): void {
  if (typeof window === 'undefined' || window.__OBSERVATOIRE_PREBAKED__ === false) return;
  manifestSource = manifest;
  load();
}

/**
 * Decodings in flight, by SQL text: the page's start primes the entry view's results
 * (`Coordinator.prime`) while the view may ask for the same ones; each is decoded once.
 */
const decoding = new Map<string, Promise<Table | null>>();

async function decode(sql: string): Promise<Table | null> {
  const bytes = (await load()?.index)?.get(sql);
  if (!bytes) return null;
  const table = tableFromIPC(await bytes());
  answered.push(sql);
  registerTestHook('prebaked', { answered });
  return table;
}

function prebakedTable(sql: string): Promise<Table | null> {
  let p = decoding.get(sql);
  if (!p) {
    p = decode(sql);
    decoding.set(sql, p);
    const done = (): void => void decoding.delete(sql);
    p.then(done, done);
  }
  return p;
}

/**
 * The prebaked result of `sql` at data version `version`, if the published data set has one for
 * this exact SQL text; else (or on any trouble with the prebaked files) null, and the query goes
 * to the engine. The app's coordinator asks it for every foreground query it runs
 * (`CoordinatorOptions.firstResults`).
 */
export function prebakedResult(sql: string, version: number): Promise<Table | null> {
  if (
    version !== PUBLISHED_DATA_VERSION ||
    typeof window === 'undefined' ||
    window.__OBSERVATOIRE_PREBAKED__ === false
  )
    return Promise.resolve(null);
  return prebakedTable(sql).catch((e: unknown) => {
    console.warn('[observatoire] résultat précalculé illisible, requête au moteur :', e);
    return null;
  });
}
