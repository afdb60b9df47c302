/**
 * Background warm-up of the query cache: a view lists the queries a user is likely to ask next
 * (another indicator, level or filter), and they run one at a time while the engine has nothing
 * else to do, so that the click that asks for one finds it in the cache. A foreground query
 * always goes first: warm-up queries run at low priority (`Connector.queryInBackground`, in
 * slices of a few ms on their own connection) and, before each slice, wait until no foreground
 * query is in flight and no view holds them (`holdWarmUp`: a view repainting after a user's
 * change), plus `RESUME_DELAY_MS` for the page to draw. So a click waits at most for one slice
 * (or for the planning of a warm-up query, which DuckDB does not slice), and while the map
 * repaints the warm-up takes no CPU. A new list replaces the old one; results already warmed
 * stay cached, and the query in flight is cancelled at its next slice when the new list does
 * not name it (a commune query can hold the worker for 1–2 s on a state the user has left),
 * unless a view has asked for it meanwhile (it is then promoted, see `promotable`).
 *
 * `window.__OBSERVATOIRE_WARMUP__ = false` (set before the app starts) turns it off: the
 * benchmark measures both ways.
 */
import { useSyncExternalStore } from 'react';
import type { Table } from 'apache-arrow';

declare global {
  interface Window {
    __OBSERVATOIRE_WARMUP__?: boolean;
  }
}

/** Runs a query through the cache at low priority, awaiting `yieldTo()` between slices. */
type Runner = (sql: string, yieldTo: () => Promise<void>) => Promise<Table>;

/**
 * Once nothing holds the warm-up, how long it waits before going on: the GPU draws a map frame
 * after MapLibre has rendered it (50–150 ms on software WebGL), and the warm-up would compete
 * for the CPU.
 */
export const RESUME_DELAY_MS = 100;

let queue: string[] = [];
let run: Runner | null = null;
let running = false;
/** The query in flight and how to cancel it. */
let current: { readonly sql: string; readonly cancel: AbortController } | null = null;
let foreground = 0;
let holds = 0;
let busy = false;
const listeners = new Set<() => void>();
/** Background slices waiting for the engine and the page to be free. */
let waiters: (() => void)[] = [];
let resumeTimer: ReturnType<typeof setTimeout> | undefined;

const free = (): boolean => foreground === 0 && holds === 0;

/** The error a cancelled warm-up query rejects with. */
export function warmUpCancelled(): DOMException {
  return new DOMException('Préchauffage annulé : la vue a changé.', 'AbortError');
}

/** Whether `e` is a cancelled warm-up query's error. */
export function isWarmUpCancelled(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * `hit`, or when it rejects because the warm-up cancelled it, `rerun()`: a view asking for a
 * warm-up query just as its list changed must still get its rows.
 */
export function retryIfCancelled<T>(hit: Promise<T>, rerun: () => Promise<T>): Promise<T> {
  return hit.catch((e: unknown) => (isWarmUpCancelled(e) ? rerun() : Promise.reject(e)));
}

/** `yieldToForeground`, rejecting with `warmUpCancelled()` once `signal` aborts. */
export function yieldUnlessCancelled(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(warmUpCancelled());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(warmUpCancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void yieldToForeground().then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** Resolves at once when nothing more urgent runs, else once it is over (+ RESUME_DELAY_MS). */
export function yieldToForeground(): Promise<void> {
  if (free() && resumeTimer === undefined) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/** Something urgent ended: once nothing else is, let the background go on after the delay. */
function wake(): void {
  clearTimeout(resumeTimer);
  resumeTimer = undefined;
  if (!free()) return;
  resumeTimer = setTimeout(() => {
    resumeTimer = undefined;
    if (!free()) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
    schedule();
  }, RESUME_DELAY_MS);
}

/**
 * A background query's `yieldTo` that a foreground request can promote: once `promote()` is
 * called it stops waiting (a view asking for a query the warm-up is running would otherwise
 * wait for a query that waits for the view).
 */
export function promotable(yieldTo: () => Promise<void>): {
  readonly yieldTo: () => Promise<void>;
  readonly promote: () => void;
} {
  let promoted = false;
  let resolve = (): void => undefined;
  const urgent = new Promise<void>((r) => (resolve = r));
  return {
    yieldTo: () => (promoted ? Promise.resolve() : Promise.race([yieldTo(), urgent])),
    promote: () => {
      promoted = true;
      resolve();
    },
  };
}

/**
 * Holds the warm-up (in-flight background queries pause at their next slice, none starts) until
 * the returned function is called: a view calls it from a user's change until it has repainted.
 */
export function holdWarmUp(): () => void {
  holds += 1;
  clearTimeout(resumeTimer);
  resumeTimer = undefined;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    wake();
  };
}

function setBusy(next: boolean): void {
  if (busy === next) return;
  busy = next;
  for (const l of listeners) l();
}

/** Whether warm-up is allowed in this page. */
export function warmUpEnabled(): boolean {
  return typeof window === 'undefined' || window.__OBSERVATOIRE_WARMUP__ !== false;
}

/** Records a foreground query: warm-up waits until it settles. */
export function noteForeground(p: Promise<unknown>): void {
  foreground += 1;
  clearTimeout(resumeTimer);
  resumeTimer = undefined;
  const done = (): void => {
    foreground -= 1;
    wake();
  };
  p.then(done, done);
}

/** Replaces the warm-up list; `runner` runs a query through the cache. */
export function warmUp(queries: readonly string[], runner: Runner): void {
  if (!warmUpEnabled()) return;
  if (current && !queries.includes(current.sql)) current.cancel.abort();
  queue = [...queries];
  run = runner;
  setBusy(queue.length > 0 || running);
  schedule();
}

/** Drops what is left to warm (the view went away). */
export function stopWarmUp(): void {
  queue = [];
  setBusy(running);
}

function schedule(): void {
  // A plain task: the view's own work of this turn (render, paint) goes first.
  setTimeout(pump, 0);
}

function pump(): void {
  if (running || !free() || resumeTimer !== undefined) return;
  const next = queue.shift();
  if (next === undefined || run === null) {
    setBusy(false);
    return;
  }
  running = true;
  const cancel = new AbortController();
  current = { sql: next, cancel };
  run(next, () => yieldUnlessCancelled(cancel.signal))
    .catch(() => undefined)
    .finally(() => {
      running = false;
      current = null;
      schedule();
    });
}

/** True while warm-up queries are queued or running (tests and the benchmark wait for false). */
export function useWarmUpBusy(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => busy,
  );
}
