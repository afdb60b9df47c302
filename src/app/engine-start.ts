/**
 * When the engine starts, page side. Sites and the report in their entry state are answered by
 * prebaked results (src/db/prebaked.ts): DuckDB's worker, its 33 MB wasm and the tables would
 * only take the 2 CPUs such a view draws with, so they start once the view is complete on screen
 * (`aria-busy` cleared, drawn at the next frame), at the user's first interaction, or after
 * HOLD_MAX_MS at the latest. A query the prebaked results do not answer starts it at once
 * (src/db/coordinator.ts). Every other entry (Carte first) starts the engine at once, as before.
 * The service worker (`then` in main.tsx) registers once the engine's start has ended.
 */
import { bootEngine, releaseEngine, whenIdle } from '../db';
import { isSitesEntryUrl } from '../query/entry-urls';

/** Whatever happens on the page, a held engine starts this long after navigation at the latest. */
const HOLD_MAX_MS = 30_000;
/** What waits for the engine's start (`then`) runs this long after navigation at the latest. */
const THEN_MAX_MS = 60_000;

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - performance.now())));

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
 * Starts the engine for the page (see the module's comment); `then` runs once that start has
 * ended (every table in, or failed; THEN_MAX_MS after navigation at the latest), when idle.
 */
export function startEngineForPage(then: () => void): void {
  const held =
    window.__OBSERVATOIRE_PREBAKED__ !== false && isSitesEntryUrl(window.location.search);
  const settled = bootEngine({ hold: held });
  // `then` (the service worker's precache: the whole app and data set, 87 MB) waits for the
  // engine's start to end, every table in or failed, and for an idle moment: run beside it, it
  // doubled the time to a live map (engine ready 14.7 s against 7.7 s without, quiet machine).
  void Promise.race([settled, delay(THEN_MAX_MS)])
    .then(whenIdle)
    .then(then);
  if (!held) return;
  let done = false;
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  const release = (): void => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, release, true);
    releaseEngine();
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
