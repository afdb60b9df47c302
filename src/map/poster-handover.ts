/**
 * The page's side of the poster (PosterMap, drawn into index.html at build time): it goes as soon
 * as the live view has painted its own complete map, or when anything else shows instead (an
 * error, another view). The inline script in `<head>` removes it at the user's first interaction
 * and keeps it away from states it was not drawn for (poster-scripts.ts).
 */
import { NO_POSTER_CLASS, POSTER_ID } from './poster-scripts';

declare global {
  interface Window {
    /** What happened to the poster (see poster-scripts.ts); absent in builds without one. */
    __OBSERVATOIRE_POSTER__?: {
      shown: boolean;
      fittedAt?: number;
      paintedAt?: number;
      removed?: { at: number; reason: string };
    };
  }
}

/** Removes the poster, if it is still there; `reason` is recorded for the bench and the tests. */
export function removePoster(reason: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.add(NO_POSTER_CLASS);
  const el = document.getElementById(POSTER_ID);
  if (!el) return;
  el.remove();
  const p = window.__OBSERVATOIRE_POSTER__;
  if (p) {
    p.shown = false;
    p.removed = { at: performance.now(), reason };
  }
}

/**
 * Resolves once the poster has had a frame (its paint is then in the compositor's hands), at
 * once when there is no poster; a hidden page, which gets no frames, does not wait.
 */
export function posterFrame(): Promise<void> {
  if (typeof document === 'undefined' || !window.__OBSERVATOIRE_POSTER__?.shown)
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => resolve();
    if (document.visibilityState === 'hidden') return done();
    document.addEventListener('visibilitychange', done, { once: true });
    // The animation frame runs before the frame's paint; a task queued from it, after.
    requestAnimationFrame(() => setTimeout(done, 0));
  });
}
