/**
 * The warm-up's module-level names, as views used them before the coordinator: each acts on the
 * app's coordinator (`appCoordinator`). Inside React, `useCoordinator().warmUp` says the same.
 */
import { appCoordinator } from './engine';
import type { WarmUpRunner } from './warm-up';

/**
 * Holds the warm-up until the returned function is called: a view calls it from a user's change
 * until it has repainted (`WarmUp.hold`).
 */
export function holdWarmUp(): () => void {
  return appCoordinator.warmUp.hold();
}

/** Replaces the warm-up list; `runner` runs a query through the cache (`WarmUp.warmUp`). */
export function warmUp(queries: readonly string[], runner: WarmUpRunner): void {
  appCoordinator.warmUp.warmUp(queries, runner);
}

/** Drops what is left to warm (the view went away). */
export function stopWarmUp(): void {
  appCoordinator.warmUp.stop();
}
