/**
 * Offline use, page side: registers the service worker built by vite-plugin-pwa (production
 * builds only; scripts/vite-plugins/offline.ts says what it caches), records when the cache was filled,
 * and tells the shell whether the network is gone. A failed registration (a browser or a policy
 * without service workers) only costs the offline mode: the app works as before.
 *
 * The shell's root carries `data-offline-ready="true"` once the cache is filled (the browser
 * tests wait for it).
 */
import { useSyncExternalStore } from 'react';

/** localStorage key of the date (ISO) the offline cache was last filled. */
const CACHED_AT_KEY = 'observatoire.cache-hors-ligne';
/** Caches of the data set's files cached on use: this version's, and older ones to delete. */
const DATA_CACHE_PREFIX = 'observatoire-donnees-';

export interface OfflineState {
  /** The browser says the network is there (`navigator.onLine`). */
  readonly online: boolean;
  /** When the service worker's cache was last filled (ISO), or null. */
  readonly cachedAt: string | null;
  /** The service worker of this version is active and its cache filled. */
  readonly ready: boolean;
  /**
   * A new version was deployed and its service worker took over: the chunks of the version on
   * screen are no longer cached, so a reload is due (the URL keeps the user's choices).
   */
  readonly updated: boolean;
}

function readCachedAt(): string | null {
  try {
    return localStorage.getItem(CACHED_AT_KEY);
  } catch {
    return null;
  }
}

let state: OfflineState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  cachedAt: typeof localStorage === 'undefined' ? null : readCachedAt(),
  ready: false,
  updated: false,
};
const listeners = new Set<() => void>();

function setState(patch: Partial<OfflineState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
  };
}

function onNetwork(): void {
  setState({ online: navigator.onLine });
}

/** Whether the app runs offline, and since when its cache dates. */
export function useOffline(): OfflineState {
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * Registers the service worker (production builds only), then deletes the caches of older data
 * versions and records the date: from then on the app, its data set and the map's light
 * geometry open without a network.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  // A page already controlled that sees a new controller runs an older version than the server's.
  const controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) setState({ updated: true });
  });
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .then(() => navigator.serviceWorker.ready)
    .then(async () => {
      const current = String(import.meta.env.VITE_DATA_CACHE);
      for (const name of await caches.keys())
        if (name.startsWith(DATA_CACHE_PREFIX) && name !== current) await caches.delete(name);
      // Only a fresh install changes the date: reloading offline keeps the date of the data.
      if (navigator.onLine || state.cachedAt === null) {
        const cachedAt = new Date().toISOString();
        try {
          localStorage.setItem(CACHED_AT_KEY, cachedAt);
        } catch {
          // Private mode without storage: the notice says « en cache » without a date.
        }
        setState({ cachedAt });
      }
      setState({ ready: true });
    })
    .catch((e: unknown) => {
      console.warn('[observatoire] service worker not registered, no offline mode:', e);
    });
}
