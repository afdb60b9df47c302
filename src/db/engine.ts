/**
 * The one engine of the app: started once (one promise), its status as a value, the dataset's
 * manifest, and a data version bumped when the user loads their own file (query caches key on it).
 */
import type { Table } from 'apache-arrow';
import type { DatasetManifest } from '../catalogue/dataset';
import type { Connector, EngineStatus } from './connector';
import { LoadError } from './load-tables';
import { ENGINE_MESSAGES } from './messages';

interface EngineState {
  readonly status: EngineStatus;
  readonly manifest: DatasetManifest | null;
  readonly version: number;
  readonly sourceLabel: string | null;
}

let state: EngineState = {
  status: { state: 'idle' },
  manifest: null,
  version: 0,
  sourceLabel: null,
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

/** Version of the loaded data; bumped by `notifyDataChanged`. Part of every query cache key. */
export let dataVersion = 0;

let started: Promise<Connector> | null = null;

/**
 * Starts DuckDB-WASM in its worker and loads the dataset, once: every call returns the same
 * promise. Status goes idle → loading(step, progress) → ready | failed(message, detail); on
 * failure the French message is in the status and the precise cause in the console.
 */
export function startEngine(): Promise<Connector> {
  started ??= (async () => {
    setState({ status: { state: 'loading', step: ENGINE_MESSAGES.starting, progress: 0 } });
    let connector: Connector | null = null;
    try {
      // Imported lazily so the worker and wasm are only fetched when the engine starts.
      const { createBrowserConnector } = await import('./browser');
      const { loadDataset, parquetReader } = await import('./load');
      connector = await createBrowserConnector({ parquetReader: parquetReader() });
      const manifest = await loadDataset(connector, (p) =>
        setState({ status: { state: 'loading', step: p.step, progress: p.progress } }),
      );
      setState({ status: { state: 'ready' }, manifest, sourceLabel: manifest.title });
      return connector;
    } catch (e) {
      const message = e instanceof LoadError ? e.message : ENGINE_MESSAGES.startFailed;
      const detail = e instanceof LoadError ? e.detail : e instanceof Error ? e.message : String(e);
      console.error('[observatoire] échec du démarrage du moteur :', detail, e);
      setState({ status: { state: 'failed', message, detail } });
      await connector?.close().catch(() => undefined);
      throw e;
    }
  })();
  return started;
}

/** Runs a query once the engine is ready. */
export async function runQuery(sql: string): Promise<Table> {
  return (await startEngine()).query(sql);
}

/**
 * To call after replacing tables (own-file import): bumps the data version so every cached
 * result is dropped and every `useQuery` runs again, and records the source's label.
 */
export function notifyDataChanged(sourceLabel: string): void {
  dataVersion += 1;
  setState({ version: dataVersion, sourceLabel });
}

/** Ends the engine (tests, hot reload): terminates the worker; a later start begins afresh. */
export async function stopEngine(): Promise<void> {
  const s = started;
  started = null;
  setState({ status: { state: 'idle' }, manifest: null, sourceLabel: null });
  if (s) await (await s.catch(() => null))?.close();
}
