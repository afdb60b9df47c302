/**
 * The coordinator over the real Node engine, a fresh one per test (no module singleton): the
 * cache is budgeted by bytes of Arrow buffers and drops the least recently used results first; a
 * foreground request promotes the warm-up query it asks for; a query waits for the tables it
 * reads; a version change drops the older results; teardown closes the engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import type { Connector } from './connector';
import { Coordinator, type EngineSlot } from './coordinator';
import { createNodeConnector } from './node';
import { tableBytes } from './result-cache';
import { TableGate } from './table-gate';

/** The Node connector, counting the queries that reach it. */
async function countingConnector(): Promise<{ connector: Connector; ran: string[] }> {
  const db = await createNodeConnector();
  const ran: string[] = [];
  const connector: Connector = {
    ...db,
    query: (sql) => (ran.push(sql), db.query(sql)),
    queryInBackground: (sql, yieldTo) => (ran.push(sql), db.queryInBackground(sql, yieldTo)),
  };
  return { connector, ran };
}

const open: Coordinator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function fresh(options: { cacheBytes?: number } = {}): Promise<{
  coordinator: Coordinator;
  connector: Connector;
  ran: string[];
}> {
  const { connector, ran } = await countingConnector();
  const coordinator = new Coordinator({ connector, ...options });
  open.push(coordinator);
  return { coordinator, connector, ran };
}

/** 1,000 rows of one INTEGER column: 4,000 bytes of values. */
const rows = (seed: number): string => `SELECT (range + ${seed})::INTEGER AS v FROM range(1000)`;

/** Whether `p` has settled once the pending callbacks and a macrotask ran. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe('tableBytes', () => {
  it('sums the buffers of every batch, dictionaries included', async () => {
    const { coordinator } = await fresh();
    const ints = await coordinator.query(rows(0));
    expect(tableBytes(ints)).toBeGreaterThanOrEqual(4000);
    expect(tableBytes(ints)).toBeLessThan(4000 + 1000);
    // An ENUM comes as a dictionary: ten 1-byte indices, and a dictionary of three 200-byte
    // strings counted once.
    const long = (c: string): string => `'${c.repeat(200)}'`;
    const labels = await coordinator.query(
      `SELECT ([${['a', 'b', 'c'].map(long).join(', ')}][range % 3 + 1])::ENUM(${['a', 'b', 'c']
        .map(long)
        .join(', ')}) AS v FROM range(10)`,
    );
    expect(labels.getChild('v')?.data[0]?.dictionary).toBeDefined();
    expect(tableBytes(labels)).toBeGreaterThanOrEqual(10 + 600);
    expect(tableBytes(labels)).toBeLessThan(10 + 600 + 200);
  });
});

describe('cache budgeted by bytes', () => {
  it('keeps results while they fit, then drops the least recently used first', async () => {
    const one = 4000;
    const { coordinator, ran } = await fresh({ cacheBytes: one * 3 + 500 });
    const sizes = await Promise.all([0, 1, 2].map((i) => coordinator.query(rows(i))));
    expect(sizes.map(tableBytes)).toEqual([one, one, one]);
    expect(coordinator.cacheBytes).toBe(3 * one);
    // Using 0 again makes 1 the least recently used: the fourth result pushes 1 out.
    await coordinator.query(rows(0));
    await coordinator.query(rows(3));
    expect(coordinator.cacheBytes).toBe(3 * one);
    expect(coordinator.peek(rows(0))).toBeDefined();
    expect(coordinator.peek(rows(1))).toBeUndefined();
    expect(coordinator.peek(rows(2))).toBeDefined();
    expect(coordinator.peek(rows(3))).toBeDefined();
    expect(ran).toEqual([rows(0), rows(1), rows(2), rows(3)]);
    // 1 runs again; 2 is now the oldest and goes.
    await coordinator.query(rows(1));
    expect(ran).toHaveLength(5);
    expect(coordinator.peek(rows(2))).toBeUndefined();
  });

  it('a result alone over budget is kept for its view, and pushed out by the next one', async () => {
    const { coordinator } = await fresh({ cacheBytes: 100 });
    const t = await coordinator.query(rows(0));
    expect(coordinator.peek(rows(0))).toBe(t);
    await coordinator.query(rows(1));
    expect(coordinator.peek(rows(0))).toBeUndefined();
    expect(coordinator.peek(rows(1))).toBeDefined();
  });

  it('drops what only the warm-up ran before what a view asked for', async () => {
    const one = 4000;
    const { coordinator } = await fresh({ cacheBytes: one * 4 + 500 });
    const warm = (seed: number): Promise<Table> =>
      coordinator.query(rows(seed), { yieldTo: () => Promise.resolve() });
    await coordinator.query(rows(0));
    await warm(1);
    await warm(2);
    // A view asks for 2 once the warm-up has it: it counts as asked from then on.
    await coordinator.query(rows(2));
    expect(coordinator.askedFor(rows(0))).toBe(true);
    expect(coordinator.askedFor(rows(1))).toBe(false);
    expect(coordinator.askedFor(rows(2))).toBe(true);
    await warm(3);
    expect(coordinator.cacheBytes).toBe(4 * one);
    // Plain LRU would push out 0 (the oldest): the warm-up's 1 goes instead.
    await warm(4);
    expect(coordinator.peek(rows(0))).toBeDefined();
    expect(coordinator.peek(rows(1))).toBeUndefined();
    for (const i of [2, 3, 4]) expect(coordinator.peek(rows(i))).toBeDefined();
  });

  it('asked results past half the budget go out in LRU order with the rest', async () => {
    const one = 4000;
    const { coordinator } = await fresh({ cacheBytes: one * 3 + 500 });
    for (const i of [0, 1, 2]) await coordinator.query(rows(i));
    // 12,000 asked bytes > half the budget: the oldest asked result goes, not the warm one.
    await coordinator.query(rows(3), { yieldTo: () => Promise.resolve() });
    expect(coordinator.peek(rows(0))).toBeUndefined();
    expect(coordinator.peek(rows(3))).toBeDefined();
  });

  it('does not keep a failed query', async () => {
    const { coordinator, ran } = await fresh();
    await expect(coordinator.query('SELECT * FROM nowhere')).rejects.toThrow(/nowhere/);
    await expect(coordinator.query('SELECT * FROM nowhere')).rejects.toThrow(/nowhere/);
    expect(ran).toHaveLength(2);
  });
});

describe('priorities', () => {
  it('a foreground request promotes the held warm-up query it asks for, run once', async () => {
    const { coordinator, ran } = await fresh();
    const release = coordinator.warmUp.hold();
    const background = coordinator.query('SELECT 42 AS v', {
      yieldTo: () => coordinator.warmUp.yieldToForeground(),
    });
    expect(await settledYet(background)).toBe(false);
    // Held, it would wait forever: the view's request promotes it.
    const foreground = coordinator.query('SELECT 42 AS v');
    expect(Number((await foreground).get(0)?.v)).toBe(42);
    expect(await background).toBe(await foreground);
    expect(ran).toEqual(['SELECT 42 AS v']);
    release();
  });

  it('warms a list through the cache once released, and a view then finds it there', async () => {
    const { coordinator, ran } = await fresh();
    const release = coordinator.warmUp.hold();
    coordinator.warm([rows(5), rows(6)]);
    expect(coordinator.warmUp.busy).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([]);
    release();
    await new Promise<void>((resolve) => {
      const off = coordinator.warmUp.subscribe(() => {
        if (coordinator.warmUp.busy) return;
        off();
        resolve();
      });
    });
    expect(ran).toEqual([rows(5), rows(6)]);
    expect(coordinator.peek(rows(6))).toBeDefined();
    await coordinator.query(rows(6));
    expect(ran).toHaveLength(2);
  });
});

describe('table gate', () => {
  it('a query waits for the tables it reads, the others do not', async () => {
    const { connector, ran } = await countingConnector();
    const gate = new TableGate(['cases', 'territories']);
    let connects = 0;
    const coordinator = new Coordinator({
      connect: (): EngineSlot => {
        connects += 1;
        return { usable: Promise.resolve(connector), gate, close: () => connector.close() };
      },
    });
    open.push(coordinator);
    expect(connects).toBe(0);
    await connector.exec('CREATE TABLE cases AS SELECT 7 AS n');
    const waiting = coordinator.query('SELECT n FROM cases');
    expect(Number((await coordinator.query('SELECT 1 AS v')).get(0)?.v)).toBe(1);
    expect(connects).toBe(1);
    expect(await settledYet(waiting)).toBe(false);
    expect(ran).toEqual(['SELECT 1 AS v']);
    gate.markLoaded('cases');
    expect(Number((await waiting).get(0)?.n)).toBe(7);
  });

  it('a table that fails to load fails the queries waiting for it, not the cache', async () => {
    const { connector } = await countingConnector();
    const gate = new TableGate(['cases']);
    const coordinator = new Coordinator({
      connect: () => ({ usable: Promise.resolve(connector), gate, close: () => connector.close() }),
    });
    open.push(coordinator);
    const waiting = coordinator.query('SELECT * FROM cases');
    gate.failPending(new Error('cases.parquet illisible'));
    await expect(waiting).rejects.toThrow('cases.parquet illisible');
    expect(coordinator.peek('SELECT * FROM cases')).toBeUndefined();
  });
});

describe('data version', () => {
  it('a version change tells its subscribers and drops the older results', async () => {
    const { coordinator, ran } = await fresh();
    const before = await coordinator.query(rows(0));
    let told = 0;
    const off = coordinator.subscribe(() => (told += 1));
    expect(coordinator.bumpVersion()).toBe(1);
    off();
    expect(told).toBe(1);
    expect(coordinator.cacheBytes).toBe(0);
    expect(coordinator.peek(rows(0), 0)).toBeUndefined();
    const after: Table = await coordinator.query(rows(0));
    expect(after).not.toBe(before);
    expect(ran).toEqual([rows(0), rows(0)]);
  });

  it('first results answer a foreground query of their version instead of the engine, and are cached', async () => {
    const { connector, ran } = await countingConnector();
    const prebaked = await connector.query('SELECT 1 AS v');
    ran.length = 0;
    const coordinator = new Coordinator({
      connector,
      firstResults: (sql, version) =>
        Promise.resolve(sql === 'SELECT 1 AS v' && version === 0 ? prebaked : null),
    });
    open.push(coordinator);
    expect(await coordinator.query('SELECT 1 AS v')).toBe(prebaked);
    expect(coordinator.peek('SELECT 1 AS v')).toBe(prebaked);
    expect(ran).toEqual([]);
    // Another SQL text, or the same at another data version, goes to the engine.
    await coordinator.query('SELECT 2 AS v');
    coordinator.bumpVersion();
    const live = await coordinator.query('SELECT 1 AS v');
    expect(live).not.toBe(prebaked);
    expect(ran).toEqual(['SELECT 2 AS v', 'SELECT 1 AS v']);
  });
});

describe('teardown', () => {
  it('closes the engine, forgets the results and warms nothing more', async () => {
    const { coordinator, connector } = await fresh();
    await coordinator.query(rows(0));
    await coordinator.close();
    expect(coordinator.cacheBytes).toBe(0);
    await expect(connector.query('SELECT 1')).rejects.toThrow('DuckDB est fermé');
    await expect(coordinator.query('SELECT 1')).rejects.toThrow('Coordinator closed');
    coordinator.warm([rows(1)]);
    expect(coordinator.warmUp.busy).toBe(false);
  });

  it('a restart ends the engine and starts a new one at the next query', async () => {
    const engines: Connector[] = [];
    const coordinator = new Coordinator({
      connect: () => {
        const usable = createNodeConnector();
        void usable.then((c) => engines.push(c));
        return { usable, gate: null, close: async () => (await usable).close() };
      },
    });
    open.push(coordinator);
    await coordinator.query('SELECT 1');
    await coordinator.close({ keepWarmUp: true });
    expect(engines).toHaveLength(1);
    await expect(engines[0]?.query('SELECT 1')).rejects.toThrow('DuckDB est fermé');
    expect(Number((await coordinator.query('SELECT 2 AS v')).get(0)?.v)).toBe(2);
    expect(engines).toHaveLength(2);
  });
});

describe('prime (the entry view’s prebaked results)', () => {
  it('puts a first result in the cache for the next render, without starting the engine', async () => {
    const { connector, ran } = await countingConnector();
    const known = await connector.query('SELECT 42 AS answer');
    let connects = 0;
    const coordinator = new Coordinator({
      connect: () => {
        connects += 1;
        return { usable: Promise.resolve(connector), gate: null, close: () => connector.close() };
      },
      firstResults: (sql) => Promise.resolve(sql === 'SELECT answer' ? known : null),
    });
    open.push(coordinator);
    expect(coordinator.peek('SELECT answer')).toBeUndefined();
    expect(await coordinator.prime('SELECT answer')).toBe(known);
    // Readable in the same render, and served from the cache: the engine never ran it.
    expect(coordinator.peek('SELECT answer')).toBe(known);
    expect(await coordinator.query('SELECT answer')).toBe(known);
    // No first result: nothing cached, and still no engine.
    expect(await coordinator.prime('SELECT 1')).toBeNull();
    expect(coordinator.peek('SELECT 1')).toBeUndefined();
    expect(connects).toBe(0);
    expect(ran).toEqual(['SELECT 42 AS answer']);
    // Another data version: not this result.
    coordinator.bumpVersion();
    expect(coordinator.peek('SELECT answer')).toBeUndefined();
    await connector.close();
  });
});
