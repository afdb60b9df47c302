/** Helpers for the pipeline tests: build into a temporary folder, query Parquet with DuckDB. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { buildAll } from '../build-all';
import { DEFAULT_SEED, type BuildOptions } from './options';

const created: string[] = [];

/** Removes the folders built by `buildInto` (call in afterAll). */
export function cleanup(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function buildInto(name: string, over: Partial<BuildOptions>): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `observatoire-${name}-`));
  created.push(outDir);
  await buildAll({
    seed: DEFAULT_SEED,
    scale: 1,
    outDir,
    geo: false,
    ifMissing: false,
    departements: null,
    quiet: true,
    ...over,
  });
  return outDir;
}

export async function connect(): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  return db.connect();
}

/** Rows of a query as plain objects (BigInt turned into numbers). */
export async function rows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, string | number | boolean | null>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader
    .getRowObjectsJS()
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null),
        ]),
      ),
    );
}

export const pq = (dir: string, table: string): string =>
  `read_parquet('${path.join(dir, `${table}.parquet`).replaceAll("'", "''")}')`;
