import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetManifest } from '../catalogue/dataset';
import { TABLE_NAMES } from '../catalogue/schema';
import { NO_FILTERS, indicatorByTerritory } from '../query';
import { findIndicator } from '../catalogue';
import type { Connector } from './connector';
import { loadContractTable, loadContractTables, lockEngine } from './load-tables';
import { createNodeConnector } from './node';
import {
  DEFERRED_TABLES,
  FIRST_TABLES,
  LOAD_ORDER,
  TableGate,
  gatedQuery,
  isMissingTableError,
  tablesInSql,
} from './table-gate';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const readFixture = async (file: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(path.join(FIXTURES, file)));

/** Settles to 'pending' when `p` has not settled after the microtasks and a macrotask ran. */
async function peek<T>(p: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((r) => setTimeout(r, 0));
  return state;
}

describe('tablesInSql', () => {
  it('finds the contract tables a query names, quoted or not, in any case', () => {
    expect(tablesInSql('SELECT * FROM non_recours')).toEqual(['non_recours']);
    expect(tablesInSql('select 1 from "CASES" c join territories t on true')).toEqual([
      'territories',
      'cases',
    ]);
    expect(tablesInSql('SELECT 1')).toEqual([]);
  });

  it('does not see a table in a longer identifier', () => {
    expect(tablesInSql('SELECT cases_total, non_recours_taux FROM x')).toEqual([]);
  });

  it('sees the deferred table in the SQL of the non-recours map', () => {
    const indicator = findIndicator('non_recours_taux');
    expect(indicator).toBeDefined();
    if (!indicator) return;
    const sql = indicatorByTerritory(indicator, 'departement', 2024, NO_FILTERS);
    expect(tablesInSql(sql)).toContain('non_recours');
  });
});

describe('load order', () => {
  it('loads every contract table once, the deferred ones last', () => {
    expect([...LOAD_ORDER].sort()).toEqual([...TABLE_NAMES].sort());
    expect(LOAD_ORDER.slice(-DEFERRED_TABLES.length)).toEqual(DEFERRED_TABLES);
    // The default view (reclamations_taux) reads only first tables.
    for (const t of ['territories', 'cases', 'indicators'] as const)
      expect(FIRST_TABLES).toContain(t);
  });
});

describe('TableGate', () => {
  it('holds a wait until every named table is loaded', async () => {
    const gate = new TableGate(['territories', 'non_recours']);
    const wait = gate.whenLoaded(['territories', 'non_recours']);
    gate.markLoaded('territories');
    expect(await peek(wait)).toBe('pending');
    expect(gate.allSettled).toBe(false);
    gate.markLoaded('non_recours');
    expect(await peek(wait)).toBe('resolved');
    expect(gate.allSettled).toBe(true);
    expect(await peek(gate.whenLoaded([]))).toBe('resolved');
  });

  it('rejects waits on a table whose load failed, not on loaded ones', async () => {
    const gate = new TableGate(['territories', 'non_recours']);
    gate.markLoaded('territories');
    const failure = new Error('non_recours.parquet: HTTP 404');
    gate.failPending(failure);
    await expect(gate.whenLoaded(['non_recours'])).rejects.toBe(failure);
    await expect(gate.whenLoaded(['territories'])).resolves.toBeUndefined();
    expect(gate.isLoaded('non_recours')).toBe(false);
    expect(gate.allSettled).toBe(true);
  });
});

describe('tables loaded on demand', () => {
  it('a wait asks for the tables it names, and only those', async () => {
    const gate = new TableGate(['territories', 'non_recours']);
    const nonRecours = gate.whenRequested('non_recours');
    void gate.whenLoaded(['territories']);
    expect(await peek(nonRecours)).toBe('pending');
    expect(await peek(gate.whenRequested('territories'))).toBe('resolved');
    void gate.whenLoaded(['non_recours']);
    expect(await peek(nonRecours)).toBe('resolved');
  });

  it('user SQL asks for every table', async () => {
    const gate = new TableGate(['territories', 'non_recours']);
    gate.requestAll();
    expect(await peek(gate.whenRequested('non_recours'))).toBe('resolved');
  });

  it('a query that reads a deferred table makes it load, through the gate', async () => {
    const db = await createNodeConnector();
    try {
      const gate = new TableGate(['cases', 'non_recours']);
      gate.markLoaded('cases');
      // The loader's side: non_recours loads once asked for.
      const loader = gate.whenRequested('non_recours').then(async () => {
        await db.exec('CREATE TABLE non_recours AS SELECT 3 AS n');
        gate.markLoaded('non_recours');
      });
      await gatedQuery(db, gate, 'SELECT 1 AS v');
      expect(await peek(loader)).toBe('pending');
      const n = await gatedQuery(db, gate, 'SELECT n FROM non_recours');
      expect(Number(n.get(0)?.n)).toBe(3);
    } finally {
      await db.close();
    }
  });
});

describe('gated queries over the fixtures (DuckDB-WASM, Node build)', () => {
  let db: Connector;
  let manifest: DatasetManifest;

  beforeAll(async () => {
    db = await createNodeConnector();
    manifest = JSON.parse(
      new TextDecoder().decode(await readFixture('manifest.json')),
    ) as DatasetManifest;
  });
  afterAll(() => db.close());

  const load = async (name: (typeof TABLE_NAMES)[number]): Promise<void> => {
    const file = manifest.tables.find((t) => t.name === name)?.file ?? '';
    const bytes = await readFixture(file);
    await loadContractTable(db, name, file, (staging) => db.loadParquet(staging, bytes));
  };

  it('answers from the first tables at once and waits for a deferred one', async () => {
    const gate = new TableGate();
    for (const name of FIRST_TABLES) {
      await load(name);
      gate.markLoaded(name);
    }
    const cases = await gatedQuery(db, gate, 'SELECT count(*)::INTEGER AS n FROM cases');
    expect(cases.get(0)?.n).toBe(manifest.tables.find((t) => t.name === 'cases')?.rows);

    const nonRecours = gatedQuery(db, gate, 'SELECT count(*)::INTEGER AS n FROM non_recours');
    expect(await peek(nonRecours)).toBe('pending');
    await load('non_recours');
    gate.markLoaded('non_recours');
    const expected = manifest.tables.find((t) => t.name === 'non_recours')?.rows;
    expect((await nonRecours).get(0)?.n).toBe(expected);
  });

  it('waits and runs again when DuckDB reports a table the text scan missed', async () => {
    await db.exec('DROP TABLE IF EXISTS non_recours');
    const gate = new TableGate();
    for (const name of FIRST_TABLES) gate.markLoaded(name);
    // The table's name is built at run time, so the text scan cannot see it.
    const sql = "SELECT count(*)::INTEGER AS n FROM query_table('non_' || 'recours')";
    expect(tablesInSql(sql)).toEqual([]);
    const result = gatedQuery(db, gate, sql);
    expect(await peek(result)).toBe('pending');
    await load('non_recours');
    gate.markLoaded('non_recours');
    expect((await result).get(0)?.n).toBeGreaterThan(0);
  });

  it('passes on a missing table once nothing is loading any more', async () => {
    const gate = new TableGate();
    for (const name of TABLE_NAMES) gate.markLoaded(name);
    const error = await gatedQuery(db, gate, 'SELECT * FROM nowhere').catch((e: unknown) => e);
    expect(isMissingTableError(error)).toBe(true);
  });

  it('reports each table as it lands, deferred ones last, then locks', async () => {
    const fresh = await createNodeConnector();
    try {
      const landed: string[] = [];
      await loadContractTables(fresh, manifest, (file) => readFixture(file), {
        onTable: (name) => landed.push(name),
      });
      expect(landed).toEqual(LOAD_ORDER);
      await lockEngine(fresh);
      await expect(fresh.exec('SET enable_external_access = true')).rejects.toThrow(/locked/i);
    } finally {
      await fresh.close();
    }
  });
});
