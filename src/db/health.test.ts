import { describe, expect, it } from 'vitest';
import { EngineStoppedError, Watchdog } from './health';
import { ENGINE_MESSAGES } from './messages';

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const FAST = { stuckAfterMs: 20, pingTimeoutMs: 50 };

describe('Watchdog', () => {
  it('rejects a call to a worker that answers no ping, then every later call', async () => {
    const watchdog = new Watchdog({ ...FAST, ping: () => new Promise(() => undefined) });
    const reported = new Promise<EngineStoppedError>((r) => watchdog.onFailure(r));
    const stuck = watchdog.track(new Promise(() => undefined));
    const error = await stuck.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineStoppedError);
    expect((error as EngineStoppedError).message).toBe(ENGINE_MESSAGES.stopped);
    expect((error as EngineStoppedError).detail).toMatch(/did not answer a ping within 50 ms/);
    expect(await reported).toBe(error);
    await expect(watchdog.track(Promise.resolve(1))).rejects.toBe(error);
  });

  it('leaves a slow call alone while the worker answers its pings', async () => {
    const pinged = deferred<void>();
    let pings = 0;
    const watchdog = new Watchdog({
      ...FAST,
      ping: async () => {
        pings += 1;
        if (pings === 2) pinged.resolve();
      },
    });
    const slow = deferred<string>();
    const call = watchdog.track(slow.promise);
    // Two pings answered: the call has waited past stuckAfterMs twice without failing.
    await pinged.promise;
    slow.resolve('résultat');
    expect(await call).toBe('résultat');
    expect(watchdog.failed).toBeNull();
  });

  it('fails at once on the worker’s error, rejecting the calls in flight; a listener hears it once', async () => {
    const watchdog = new Watchdog({ ...FAST, ping: () => Promise.resolve() });
    let heard = 0;
    watchdog.onFailure(() => (heard += 1));
    const a = watchdog.track(new Promise(() => undefined));
    const b = watchdog.track(new Promise(() => undefined));
    watchdog.fail('the DuckDB worker raised an error: out of memory');
    watchdog.fail('a second report');
    await expect(a).rejects.toThrow(ENGINE_MESSAGES.stopped);
    await expect(b).rejects.toMatchObject({ detail: /out of memory/ });
    expect(heard).toBe(1);
    // A listener that comes late hears it too.
    expect(await new Promise((r) => watchdog.onFailure(r))).toBe(watchdog.failed);
  });

  it('passes results and errors of a live worker through unchanged', async () => {
    const watchdog = new Watchdog({ ...FAST, ping: () => Promise.resolve() });
    expect(await watchdog.track(Promise.resolve(42))).toBe(42);
    const own = new Error('Catalog Error: Table with name x does not exist');
    await expect(watchdog.track(Promise.reject(own))).rejects.toBe(own);
    expect(watchdog.failed).toBeNull();
  });
});
