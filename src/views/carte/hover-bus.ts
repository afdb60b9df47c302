/** Hover events from the map to the tooltip without re-rendering the whole view on each move. */
import { useSyncExternalStore } from 'react';
import type { MapHit } from '../../map/map-controller';

export interface HoverBus {
  emit(hit: MapHit | null): void;
  subscribe(listener: () => void): () => void;
  get(): MapHit | null;
}

export function createHoverBus(): HoverBus {
  let hit: MapHit | null = null;
  const listeners = new Set<() => void>();
  return {
    emit(h) {
      hit = h;
      for (const l of listeners) l();
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get: () => hit,
  };
}

export function useHover(bus: HoverBus): MapHit | null {
  return useSyncExternalStore(bus.subscribe, bus.get);
}
