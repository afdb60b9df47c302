import { useSyncExternalStore } from 'react';
import type { DatasetManifest } from '../catalogue/dataset';
import type { EngineStatus } from './connector';
import { engineSnapshot, subscribeEngine } from './engine';

/** The engine's status: idle | loading(step, progress) | ready | failed(message, detail). */
export function useEngineStatus(): EngineStatus {
  return useSyncExternalStore(subscribeEngine, () => engineSnapshot().status);
}

/** The loaded dataset's manifest, null until the engine is ready. */
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
