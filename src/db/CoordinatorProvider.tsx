import { useEffect, type JSX, type ReactNode } from 'react';
import type { Coordinator } from './coordinator';
import { appCoordinator, restartEngine, stopEngine } from './engine';
import { CoordinatorContext } from './useCoordinator';

/**
 * Gives `coordinator` (default: the app's) to the tree below. For the app's, it also ends the
 * engine when the page is hidden for navigation (`pagehide`: terminates DuckDB's worker and
 * frees its memory) and starts it afresh if the page comes back from the back-forward cache.
 */
export function CoordinatorProvider({
  coordinator = appCoordinator,
  children,
}: {
  readonly coordinator?: Coordinator;
  readonly children: ReactNode;
}): JSX.Element {
  useEffect(() => {
    if (coordinator !== appCoordinator) return undefined;
    let stopped = false;
    // Also when the page goes into the back-forward cache: it comes back through `pageshow`.
    const onHide = (): void => {
      stopped = true;
      void stopEngine();
    };
    const onShow = (e: PageTransitionEvent): void => {
      if (e.persisted && stopped) {
        stopped = false;
        restartEngine().catch(() => undefined);
      }
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', onShow);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
    };
  }, [coordinator]);
  return <CoordinatorContext.Provider value={coordinator}>{children}</CoordinatorContext.Provider>;
}
