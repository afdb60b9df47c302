/**
 * Notices when the engine's worker stops answering. DuckDB-WASM does not: when its worker dies
 * (terminated, crashed, out of memory) the promises of the calls in flight never settle, and on
 * the worker's `error` event it drops them without rejecting (`AsyncDuckDB.onError` clears its
 * pending requests). A view waiting on one stayed busy forever.
 *
 * Every call to the worker goes through `track`. The watchdog fails the engine at once on the
 * worker's `error` event, and when a call has been in flight for `stuckAfterMs` it sends a ping:
 * no answer within `pingTimeoutMs` and the worker is taken as dead. The worker runs one message
 * at a time, so the ping waits behind the query in progress: a single query longer than
 * stuckAfterMs + pingTimeoutMs would be taken for a dead worker (none of the app's comes near).
 * Once failed, every call in flight and every later call rejects with an `EngineStoppedError`.
 */
import { ENGINE_MESSAGES } from './messages';

/** The engine stopped answering: `message` is French (for the UI), `detail` precise (console). */
export class EngineStoppedError extends Error {
  constructor(readonly detail: string) {
    super(ENGINE_MESSAGES.stopped);
    this.name = 'EngineStoppedError';
  }
}

export interface WatchdogOptions {
  /** Sends a message to the worker that it answers at once when it is alive and idle. */
  readonly ping: () => Promise<unknown>;
  /** A call in flight this long (ms) makes the watchdog ping the worker. */
  readonly stuckAfterMs: number;
  /** How long (ms) the worker has to answer the ping. */
  readonly pingTimeoutMs: number;
}

/** Defaults for the browser: a dead worker is noticed 35-36 s after a call was made to it. */
export const WATCHDOG_DEFAULTS = { stuckAfterMs: 5_000, pingTimeoutMs: 30_000 } as const;

interface InFlight {
  since: number;
  readonly reject: (e: EngineStoppedError) => void;
}

/** Tracks the calls to one worker; see the module comment. */
export class Watchdog {
  private failure: EngineStoppedError | null = null;
  private readonly listeners = new Set<(e: EngineStoppedError) => void>();
  private readonly inFlight = new Set<InFlight>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private pinging = false;

  constructor(private readonly opts: WatchdogOptions) {}

  /** The failure, once the worker was taken as dead. */
  get failed(): EngineStoppedError | null {
    return this.failure;
  }

  /** Settles as `p`, or rejects with the failure if the worker dies first. */
  track<T>(p: Promise<T>): Promise<T> {
    if (this.failure) {
      p.catch(() => undefined);
      return Promise.reject(this.failure);
    }
    return new Promise<T>((resolve, reject) => {
      const entry: InFlight = { since: Date.now(), reject };
      this.inFlight.add(entry);
      this.arm();
      const done = (): void => {
        this.inFlight.delete(entry);
        if (this.inFlight.size === 0) this.disarm();
      };
      p.then(
        (v) => {
          done();
          resolve(v);
        },
        (e: unknown) => {
          done();
          reject(e);
        },
      );
    });
  }

  /** Takes the worker as dead: every call in flight and every later one rejects. */
  fail(detail: string): void {
    if (this.failure) return;
    const failure = new EngineStoppedError(detail);
    this.failure = failure;
    this.disarm();
    for (const entry of this.inFlight) entry.reject(failure);
    this.inFlight.clear();
    for (const l of this.listeners) l(failure);
    this.listeners.clear();
  }

  /** Calls `listener` once, when the worker is taken as dead. Returns an unsubscribe function. */
  onFailure(listener: (e: EngineStoppedError) => void): () => void {
    if (this.failure) {
      const failure = this.failure;
      queueMicrotask(() => listener(failure));
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching (the engine is being closed on purpose). */
  dispose(): void {
    this.disarm();
    this.listeners.clear();
  }

  private arm(): void {
    this.timer ??= setInterval(() => this.check(), Math.min(1_000, this.opts.stuckAfterMs));
  }

  private disarm(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    if (this.pinging || this.failure) return;
    const now = Date.now();
    let oldest = now;
    for (const entry of this.inFlight) oldest = Math.min(oldest, entry.since);
    if (now - oldest < this.opts.stuckAfterMs) return;
    this.pinging = true;
    let timeout: ReturnType<typeof setTimeout> | null = null;
    const expired = new Promise<'timeout'>((resolve) => {
      timeout = setTimeout(() => resolve('timeout'), this.opts.pingTimeoutMs);
    });
    const answered = this.opts.ping().then(
      () => 'alive' as const,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    void Promise.race([answered, expired]).then((outcome) => {
      if (timeout !== null) clearTimeout(timeout);
      this.pinging = false;
      if (outcome === 'alive') {
        // Slow, not dead: the calls in flight get another stuckAfterMs before the next ping.
        const at = Date.now();
        for (const entry of this.inFlight) entry.since = at;
        return;
      }
      this.fail(
        outcome === 'timeout'
          ? `the DuckDB worker did not answer a ping within ${this.opts.pingTimeoutMs} ms while a call had been waiting for ${now - oldest} ms (worker terminated, crashed or stuck)`
          : `the DuckDB worker's ping failed: ${outcome}`,
      );
    });
  }
}
