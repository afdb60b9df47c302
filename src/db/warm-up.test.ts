/**
 * The warm-up's priorities, with the real Node engine behind the runner: nothing starts while a
 * view holds the warm-up or a foreground query is in flight; a background query in slices stops
 * at its next slice when a hold comes, and goes on after it (plus RESUME_DELAY_MS); a promoted
 * query stops waiting even while held; a query the next list does not name is cancelled, unless
 * promoted. Timers are vitest's fake ones, so no test depends on speed.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Table } from 'apache-arrow';
import { createNodeConnector } from './node';
import type { Connector } from './connector';
import {
  RESUME_DELAY_MS,
  WarmUp,
  isWarmUpCancelled,
  promotable,
  retryIfCancelled,
  warmUpCancelled,
  type WarmUpRunner,
} from './warm-up';

// A fresh instance per test (a coordinator owns one each).
let w = new WarmUp();
beforeEach(() => {
  w = new WarmUp();
});
const holdWarmUp = (): (() => void) => w.hold();
const warmUp = (queries: readonly string[], runner: WarmUpRunner): void =>
  w.warmUp(queries, runner);
const stopWarmUp = (): void => w.stop();
const noteForeground = (p: Promise<unknown>): void => w.noteForeground(p);
const yieldToForeground = (): Promise<void> => w.yieldToForeground();

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(() => db.close());
afterEach(async () => {
  stopWarmUp();
  // A release at a test's end leaves the resume timer pending: let it fire, or the next test
  // would find the warm-up still waiting for a fake timer that no longer exists.
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(RESUME_DELAY_MS * 10);
  vi.useRealTimers();
});

/** Lets pending promise callbacks and zero-delay timers run. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('warm-up priorities', () => {
  it('starts nothing while held, then runs the list in order once released', async () => {
    vi.useFakeTimers();
    const started: string[] = [];
    const results: number[] = [];
    const release = holdWarmUp();
    warmUp(['SELECT 1 AS v', 'SELECT 2 AS v'], async (sql, yieldTo) => {
      started.push(sql);
      const t: Table = await db.queryInBackground(sql, yieldTo);
      results.push(Number(t.get(0)?.v));
      return t;
    });
    await settle(1000);
    expect(started).toEqual([]);
    release();
    await settle(RESUME_DELAY_MS - 1);
    expect(started).toEqual([]);
    await settle(RESUME_DELAY_MS);
    expect(started).toEqual(['SELECT 1 AS v', 'SELECT 2 AS v']);
    expect(results).toEqual([1, 2]);
  });

  it('a query in slices stops at its next slice while held, and goes on after', async () => {
    vi.useFakeTimers();
    const slices: number[] = [];
    let release = (): void => undefined;
    warmUp(['slices'], async (_, yieldTo) => {
      for (let i = 0; i < 4; i++) {
        await yieldTo();
        slices.push(i);
        // A view's change arrives during the second slice.
        if (i === 1) release = holdWarmUp();
      }
      return db.query('SELECT 1');
    });
    await settle(1000);
    expect(slices).toEqual([0, 1]);
    release();
    await settle(RESUME_DELAY_MS);
    expect(slices).toEqual([0, 1, 2, 3]);
  });

  it('waits for a foreground query in flight, then for the page', async () => {
    vi.useFakeTimers();
    let finish = (): void => undefined;
    noteForeground(new Promise<void>((r) => (finish = r)));
    let passed = false;
    void yieldToForeground().then(() => (passed = true));
    await settle(5000);
    expect(passed).toBe(false);
    finish();
    await settle(RESUME_DELAY_MS - 1);
    expect(passed).toBe(false);
    await settle(1);
    expect(passed).toBe(true);
  });

  it('a promoted query stops waiting even while held', async () => {
    vi.useFakeTimers();
    const release = holdWarmUp();
    const slot = promotable(yieldToForeground);
    let passed = false;
    void slot.yieldTo().then(() => (passed = true));
    await settle(1000);
    expect(passed).toBe(false);
    slot.promote();
    await settle();
    expect(passed).toBe(true);
    // Later slices do not wait either.
    let again = false;
    void slot.yieldTo().then(() => (again = true));
    await settle();
    expect(again).toBe(true);
    release();
  });

  it('cancels the query in flight when the new list does not name it, not when it does', async () => {
    vi.useFakeTimers();
    const outcome: string[] = [];
    const holds: (() => void)[] = [];
    const releaseAll = (): void => holds.splice(0).forEach((r) => r());
    // Each query starts while nothing holds the warm-up; a view's change then holds it at the
    // query's first slice (as in the test above), where a cancellation takes effect.
    const runner = (sql: string, yieldTo: () => Promise<void>): Promise<Table> => {
      holds.push(holdWarmUp());
      return db.queryInBackground(sql, yieldTo).then(
        (t) => (outcome.push(`${sql}: ${Number(t.get(0)?.v)}`), t),
        (e: unknown) => {
          outcome.push(`${sql}: ${isWarmUpCancelled(e) ? 'annulée' : String(e)}`);
          throw e;
        },
      );
    };
    /** Releases each hold as the queries take them, until the list is done. */
    const drain = async (): Promise<void> => {
      for (let i = 0; i < 4; i++) {
        releaseAll();
        await settle(RESUME_DELAY_MS * 2);
      }
    };
    warmUp(['SELECT 1 AS v', 'SELECT 2 AS v'], runner);
    await settle();
    warmUp(['SELECT 3 AS v'], runner);
    await settle();
    expect(outcome).toEqual(['SELECT 1 AS v: annulée']);
    await drain();
    expect(outcome).toEqual(['SELECT 1 AS v: annulée', 'SELECT 3 AS v: 3']);
    // A new list naming the query in flight lets it finish.
    warmUp(['SELECT 4 AS v'], runner);
    await settle();
    warmUp(['SELECT 5 AS v', 'SELECT 4 AS v'], runner);
    await drain();
    // (The list then runs SELECT 4 again: this runner has no cache, the app's goes through one.)
    expect(outcome.slice(2, 4)).toEqual(['SELECT 4 AS v: 4', 'SELECT 5 AS v: 5']);
    expect(outcome.filter((o) => o.endsWith('annulée'))).toHaveLength(1);
  });

  it('a promoted query is not cancelled by a new list', async () => {
    vi.useFakeTimers();
    let release = (): void => undefined;
    let promote = (): void => undefined;
    const rows: number[] = [];
    warmUp(['SELECT 7 AS v'], async (sql, yieldTo) => {
      release = holdWarmUp();
      const slot = promotable(yieldTo);
      promote = slot.promote;
      const t = await db.queryInBackground(sql, slot.yieldTo);
      rows.push(Number(t.get(0)?.v));
      return t;
    });
    await settle();
    promote();
    warmUp(['SELECT 8 AS v'], () => db.query('SELECT 8 AS v'));
    await settle();
    expect(rows).toEqual([7]);
    release();
  });

  it('a view asking for a cancelled warm-up query gets it run again', async () => {
    const again = (): Promise<number> => Promise.resolve(42);
    await expect(retryIfCancelled(Promise.reject(warmUpCancelled()), again)).resolves.toBe(42);
    await expect(retryIfCancelled(Promise.resolve(1), again)).resolves.toBe(1);
    await expect(
      retryIfCancelled(Promise.reject(new Error('Binder Error')), again),
    ).rejects.toThrow('Binder Error');
  });

  it('the Node engine runs a background query once it may, with the same rows', async () => {
    vi.useFakeTimers();
    const release = holdWarmUp();
    let done = false;
    const p = db
      .queryInBackground('SELECT 6 * 7 AS answer', yieldToForeground)
      .then((t) => ((done = true), t));
    await settle(1000);
    expect(done).toBe(false);
    release();
    await settle(RESUME_DELAY_MS);
    expect(Number((await p).get(0)?.answer)).toBe(42);
  });
});
