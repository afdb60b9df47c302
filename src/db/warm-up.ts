/**
 * Foreground and background (warm-up) priority, one instance per coordinator (`Coordinator`).
 * A view lists the queries a user is likely to ask next (another indicator, level or filter), and
 * they run one at a time while the engine has nothing else to do, so that the click that asks for
 * one finds it in the cache. A foreground query always goes first: warm-up queries run at low
 * priority (`Connector.queryInBackground`, in slices of a few ms on their own connection) and,
 * before each slice, wait until no foreground query is in flight and no view holds them (`hold`:
 * a view repainting after a user's change), plus `RESUME_DELAY_MS` for the page to draw. So a
 * click waits at most for one slice (or for the planning of a warm-up query, which DuckDB does
 * not slice), and while the map repaints the warm-up takes no CPU. A new list replaces the old
 * one; results already warmed stay cached, and the query in flight is cancelled at its next slice
 * when the new list does not name it (a commune query can hold the worker for 1–2 s on a state
 * the user has left), unless a view has asked for it meanwhile (it is then promoted, see
 * `promotable`).
 *
 * `window.__OBSERVATOIRE_WARMUP__ = false` (set before the app starts) turns it off: the
 * benchmark measures both ways.
 */
import type { Table } from 'apache-arrow';

declare global {
  interface Window {
    __OBSERVATOIRE_WARMUP__?: boolean;
  }
}

/** Runs a query through the cache at low priority, awaiting `yieldTo()` between slices. */
export type WarmUpRunner = (sql: string, yieldTo: () => Promise<void>) => Promise<Table>;

/**
 * Once nothing holds the warm-up, how long it waits before going on: the GPU draws a map frame
 * after MapLibre has rendered it (50–150 ms on software WebGL), and the warm-up would compete
 * for the CPU.
 */
export const RESUME_DELAY_MS = 100;

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

/** Whether warm-up is allowed in this page. */
export function warmUpEnabled(): boolean {
  return typeof window === 'undefined' || window.__OBSERVATOIRE_WARMUP__ !== false;
}

/** The priorities of one coordinator: foreground queries, holds, and the warm-up list. */
export class WarmUp {
  private queue: string[] = [];
  private run: WarmUpRunner | null = null;
  private running = false;
  /** The query in flight and how to cancel it. */
  private current: { readonly sql: string; readonly cancel: AbortController } | null = null;
  private foreground = 0;
  private holds = 0;
  private busyNow = false;
  private readonly listeners = new Set<() => void>();
  /** Background slices waiting for the engine and the page to be free. */
  private waiters: (() => void)[] = [];
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private free(): boolean {
    return this.foreground === 0 && this.holds === 0;
  }

  /** True while warm-up queries are queued or running (tests and the benchmark wait for false). */
  get busy(): boolean {
    return this.busyNow;
  }

  /** Subscribes to `busy` changes (for useSyncExternalStore). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at once when nothing more urgent runs, else once it is over (+ RESUME_DELAY_MS). */
  yieldToForeground(): Promise<void> {
    if (this.free() && this.resumeTimer === undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** `yieldToForeground`, rejecting with `warmUpCancelled()` once `signal` aborts. */
  yieldUnlessCancelled(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(warmUpCancelled());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(warmUpCancelled());
      signal.addEventListener('abort', onAbort, { once: true });
      void this.yieldToForeground().then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /**
   * Holds the warm-up (in-flight background queries pause at their next slice, none starts)
   * until the returned function is called: a view calls it from a user's change until it has
   * repainted.
   */
  hold(): () => void {
    this.holds += 1;
    this.stopResumeTimer();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.wake();
    };
  }

  /** Records a foreground query: warm-up waits until it settles. */
  noteForeground(p: Promise<unknown>): void {
    this.foreground += 1;
    this.stopResumeTimer();
    const done = (): void => {
      this.foreground -= 1;
      this.wake();
    };
    p.then(done, done);
  }

  /** Replaces the warm-up list; `runner` runs a query through the cache. */
  warmUp(queries: readonly string[], runner: WarmUpRunner): void {
    if (this.closed || !warmUpEnabled()) return;
    if (this.current && !queries.includes(this.current.sql)) this.current.cancel.abort();
    this.queue = [...queries];
    this.run = runner;
    this.setBusy(this.queue.length > 0 || this.running);
    this.schedule();
  }

  /** Drops what is left to warm (the view went away). */
  stop(): void {
    this.queue = [];
    this.setBusy(this.running);
  }

  /**
   * Teardown: drops the list, cancels the query in flight at its next slice and lets every
   * waiting slice go on (so it sees its cancellation). Nothing is warmed afterwards.
   */
  close(): void {
    this.closed = true;
    this.stop();
    this.current?.cancel.abort();
    this.stopResumeTimer();
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  private stopResumeTimer(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
  }

  /** Something urgent ended: once nothing else is, let the background go on after the delay. */
  private wake(): void {
    this.stopResumeTimer();
    if (!this.free()) return;
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      if (!this.free()) return;
      const ready = this.waiters;
      this.waiters = [];
      for (const w of ready) w();
      this.schedule();
    }, RESUME_DELAY_MS);
  }

  private setBusy(next: boolean): void {
    if (this.busyNow === next) return;
    this.busyNow = next;
    for (const l of this.listeners) l();
  }

  private schedule(): void {
    // A plain task: the view's own work of this turn (render, paint) goes first.
    setTimeout(() => this.pump(), 0);
  }

  private pump(): void {
    if (this.running || !this.free() || this.resumeTimer !== undefined) return;
    const next = this.queue.shift();
    const run = this.run;
    if (next === undefined || run === null) {
      this.setBusy(false);
      return;
    }
    this.running = true;
    const cancel = new AbortController();
    this.current = { sql: next, cancel };
    run(next, () => this.yieldUnlessCancelled(cancel.signal))
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        this.current = null;
        this.schedule();
      });
  }
}
