/**
 * Background warm-up of the query cache: a view lists the queries a user is likely to ask next
 * (another indicator, level or filter), and they run one at a time while the engine has nothing
 * else to do, so that the click that asks for one finds it in the cache. A foreground query
 * always goes first: the queue only starts its next query once none is in flight (DuckDB runs
 * one query at a time, so a warm-up query already running still delays it by what is left of
 * it). A new list replaces the old one; results already warmed stay cached.
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

type Runner = (sql: string) => Promise<Table>;

let queue: string[] = [];
let run: Runner | null = null;
let running = false;
let foreground = 0;
let busy = false;
const listeners = new Set<() => void>();

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
  const done = (): void => {
    foreground -= 1;
    schedule();
  };
  p.then(done, done);
}

/** Replaces the warm-up list; `runner` runs a query through the cache. */
export function warmUp(queries: readonly string[], runner: Runner): void {
  if (!warmUpEnabled()) return;
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
  if (running || foreground > 0) return;
  const next = queue.shift();
  if (next === undefined || run === null) {
    setBusy(false);
    return;
  }
  running = true;
  run(next)
    .catch(() => undefined)
    .finally(() => {
      running = false;
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
