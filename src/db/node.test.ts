import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from './node';
import type { Connector } from './connector';
import { TABLES } from '../catalogue/schema';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  const steps: string[] = [];
  await loadDatasetFromDir(db, FIXTURES, (p) => steps.push(p.step));
  expect(steps.at(-1)).toBe('Données chargées');
});
afterAll(() => db.close());

describe('node connector over the fixtures', () => {
  it('loads every table with the contract types', async () => {
    const t = await db.query(
      "SELECT table_name, count(*) AS n FROM duckdb_columns() WHERE table_name IN ('territories','populations','cases','non_recours','services','indicators') GROUP BY 1 ORDER BY 1",
    );
    expect(t.toArray().map((r) => [r.table_name, Number(r.n)])).toEqual(
      (
        ['cases', 'indicators', 'non_recours', 'populations', 'services', 'territories'] as const
      ).map((name) => [name, TABLES[name].columns.length]),
    );
    const types = await db.query(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'services' AND column_name IN ('opened', 'synthetic')",
    );
    expect(types.toArray().map((r) => `${r.column_name}:${r.data_type}`)).toEqual([
      'opened:DATE',
      'synthetic:BOOLEAN',
    ]);
    const staging = await db.query(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__staging%'",
    );
    expect(Number(staging.get(0)?.n)).toBe(0);
  });

  it('reads a non-ASCII name back intact', async () => {
    const t = await db.query("SELECT name FROM territories WHERE code = '94038'");
    expect(t.get(0)?.name).toBe("L'Haÿ-les-Roses");
  });

  it('returns an IPC stream that round-trips (same arrow module as the engine)', async () => {
    const ipc = await db.queryIPC('SELECT code FROM territories ORDER BY code LIMIT 3');
    expect(ipc.byteLength).toBeGreaterThan(100);
    await db.loadArrowIPC('roundtrip', ipc);
    const t = await db.query('SELECT count(*) AS n FROM roundtrip');
    expect(Number(t.get(0)?.n)).toBe(3);
  });
});
