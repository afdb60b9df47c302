/**
 * The coordinator of the React tree: `CoordinatorProvider` (near the app's root) gives it, and
 * `useQuery` and the warm-up hooks read it. Without a provider, the app's own (`appCoordinator`).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Coordinator } from './coordinator';
import { appCoordinator } from './engine';

export const CoordinatorContext = createContext<Coordinator>(appCoordinator);

/** The coordinator every query of this tree goes through. */
export function useCoordinator(): Coordinator {
  return useContext(CoordinatorContext);
}

/** The data version of this tree's coordinator (re-renders when it changes). */
export function useDataVersion(): number {
  const coordinator = useCoordinator();
  return useSyncExternalStore(
    (l) => coordinator.subscribe(l),
    () => coordinator.version,
    () => coordinator.version,
  );
}

/** True while the warm-up has queries queued or running (tests and the benchmark wait for false). */
export function useWarmUpBusy(): boolean {
  const { warmUp } = useCoordinator();
  return useSyncExternalStore(
    (l) => warmUp.subscribe(l),
    () => warmUp.busy,
    () => warmUp.busy,
  );
}
