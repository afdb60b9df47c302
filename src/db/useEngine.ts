import { useSyncExternalStore } from 'react';
import type { DatasetManifest } from '../catalogue/dataset';
import type { EngineStatus } from './connector';
import { engineSnapshot, subscribeEngine } from './engine';

/** The engine's status: idle | loading(step, progress) | ready | failed(message, detail). */
export function useEngineStatus(): EngineStatus {
  return useSyncExternalStore(subscribeEngine, () => engineSnapshot().status);
}

/**
 * Whether every table is loaded and the engine locked. Views do not need it (their queries wait
 * for the tables they read); tests and the benchmark read it from `data-engine-complete`.
 */
export function useEngineComplete(): boolean {
  return useSyncExternalStore(subscribeEngine, () => engineSnapshot().complete);
}

/**
 * The dataset's manifest, as soon as it is read — before any table is loaded, so what it says
 * (synthetic data, geometry, bounds) shows at once. Null before that.
 */
export function useManifest(): DatasetManifest | null {
  return useSyncExternalStore(subscribeEngine, () => engineSnapshot().manifest);
}

/**
 * Label of the data in use: the demo manifest's title, or the name of the user's own file after
 * `notifyDataChanged(label)`. Null before loading.
 */
export function useDataSource(): string | null {
  return useSyncExternalStore(subscribeEngine, () => engineSnapshot().sourceLabel);
}

/**
 * Whether a view is busy because of the engine: while it starts. A failed engine is not busy
 * (the view shows the failure), so `aria-busy` never stays true forever.
 */
export function useEngineBusy(): boolean {
  const state = useEngineStatus().state;
  return state === 'idle' || state === 'loading';
}
