import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createNodeConnector } from './node';
import type { Connector } from './connector';
import { Table as ParquetTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import {
  initParquet,
  readParquetRowGroupsToIPC,
  readParquetToIPC,
  writeParquetFromIPC,
} from './parquet';

const require = createRequire(import.meta.url);
const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;

beforeAll(async () => {
  // Node has nothing to fetch: hand parquet-wasm its wasm bytes (the browser fetches the ?url).
  await initParquet(readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
  db = await createNodeConnector();
});
afterAll(() => db.close());

/** Rows of a fixture table, as its manifest says. */
function manifestRows(name: string): number {
  const m = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as {
    tables: { name: string; rows: number }[];
  };
  return m.tables.find((t) => t.name === name)?.rows ?? -1;
}

describe('parquet-wasm ESM build', () => {
  it('decodes a fixture file to an IPC stream DuckDB-WASM inserts', async () => {
    const ipc = await readParquetToIPC(
      new Uint8Array(readFileSync(path.join(FIXTURES, 'cases.parquet'))),
    );
    await db.loadArrowIPC('cases_ipc', ipc);
    const t = await db.query(
      `SELECT count(*) AS n, sum("count") FILTER (WHERE level = 'france' AND part = 'tous' AND dimension = 'total') AS s FROM cases_ipc`,
    );
    expect(Number(t.get(0)?.n)).toBe(manifestRows('cases'));
    expect(Number(t.get(0)?.s)).toBeGreaterThan(1000);
  });

  it('writes a query result as Parquet that reads back with its types', async () => {
    const ipc = await db.queryIPC(
      `SELECT 'L''Haÿ-les-Roses' AS name, 3.5::DOUBLE AS v, DATE '2024-12-31' AS d, NULL::INTEGER AS n`,
    );
    const bytes = await writeParquetFromIPC(ipc);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    expect(new TextDecoder().decode(bytes.slice(-4))).toBe('PAR1');
    await db.loadArrowIPC('written', await readParquetToIPC(bytes));
    const t = await db.query('SELECT name, v, d::VARCHAR AS d, n, typeof(d) AS td FROM written');
    expect(t.toArray().map((r: { toJSON(): unknown }) => r.toJSON())).toEqual([
      { name: "L'Haÿ-les-Roses", v: 3.5, d: '2024-12-31', n: null, td: 'DATE' },
    ]);
  });

  it('decodes a file row group by row group into streams that add up to the whole', async () => {
    const whole = new Uint8Array(readFileSync(path.join(FIXTURES, 'cases.parquet')));
    // The same rows rewritten in groups of 100 (the pipeline writes 122,880 per group).
    const grouped = writeParquet(
      ParquetTable.fromIPCStream(await readParquetToIPC(whole)),
      new WriterPropertiesBuilder().setMaxRowGroupSize(100).build(),
    );
    const parts: string[] = [];
    for await (const ipc of readParquetRowGroupsToIPC(grouped)) {
      const name = `cases_group_${parts.length}`;
      await db.loadArrowIPC(name, ipc);
      parts.push(`SELECT * FROM ${name}`);
    }
    expect(parts).toHaveLength(Math.ceil(manifestRows('cases') / 100));
    await db.loadArrowIPC('cases_whole', await readParquetToIPC(whole));
    const t = await db.query(
      `WITH g AS (${parts.join(' UNION ALL ')})
       SELECT (SELECT count(*) FROM g) AS n,
              (SELECT count(*) FROM (SELECT * FROM g EXCEPT ALL SELECT * FROM cases_whole)) AS extra,
              (SELECT count(*) FROM (SELECT * FROM cases_whole EXCEPT ALL SELECT * FROM g)) AS missing`,
    );
    expect(t.toArray().map((r: { toJSON(): unknown }) => r.toJSON())).toEqual([
      { n: BigInt(manifestRows('cases')), extra: 0n, missing: 0n },
    ]);
  });
});

describe('engine locked after loading', () => {
  it('refuses file access once enable_external_access is off, and still accepts own files', async () => {
    await db.exec('SET enable_external_access = false');
    await expect(
      db.query(`SELECT * FROM read_csv('${path.join(FIXTURES, 'manifest.json')}')`),
    ).rejects.toThrow();
    const ipc = await readParquetToIPC(
      new Uint8Array(readFileSync(path.join(FIXTURES, 'services.parquet'))),
    );
    await db.loadArrowIPC('own_file', ipc);
    const t = await db.query('SELECT count(*) AS n FROM own_file');
    expect(Number(t.get(0)?.n)).toBe(manifestRows('services'));
  });
});
