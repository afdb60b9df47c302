/**
 * When the engine starts, page side. Sites and the report in their entry state are answered by
 * prebaked results (src/db/prebaked.ts): DuckDB's worker, its 33 MB wasm and the tables would
 * only take the 2 CPUs such a view draws with, so they start once the view is complete on screen
 * (`aria-busy` cleared, drawn at the next frame), at the user's first interaction, or after
 * HOLD_MAX_MS at the latest. A query the prebaked results do not answer starts it at once
 * (src/db/coordinator.ts). Every other entry (Carte first) starts the engine at once, as before.
 */
import { bootEngine, releaseEngine } from '../db';
import { isSitesEntryUrl } from '../query/entry-urls';

/** Whatever happens on the page, a held engine starts this long after navigation at the latest. */
const HOLD_MAX_MS = 30_000;

/** The entry view is complete: not busy, nothing on the page busy. */
function viewSettled(): boolean {
  const view = document.querySelector('[data-view]');
  return (
    view !== null &&
    view.getAttribute('aria-busy') === 'false' &&
    document.querySelector('[aria-busy="true"]') === null
  );
}

/**
 * Starts the engine for the page (see the module's comment); `then` runs when a held start is
 * released by the page (view complete, interaction, time-out), or at once when not held.
 */
export function startEngineForPage(then: () => void): void {
  const held =
    window.__OBSERVATOIRE_PREBAKED__ !== false && isSitesEntryUrl(window.location.search);
  bootEngine({ hold: held });
  if (!held) {
    then();
    return;
  }
  let done = false;
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  const release = (): void => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, release, true);
    releaseEngine();
    then();
  };
  // After the frame that shows the complete view (and the effects that draw its charts).
  let queued = false;
  const check = (): void => {
    queued = false;
    if (viewSettled()) setTimeout(() => (viewSettled() ? release() : undefined), 0);
  };
  const observer = new MutationObserver(() => {
    if (queued || done) return;
    queued = true;
    requestAnimationFrame(check);
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  for (const e of events) window.addEventListener(e, release, { capture: true, passive: true });
  const timer = setTimeout(release, Math.max(0, HOLD_MAX_MS - performance.now()));
}
