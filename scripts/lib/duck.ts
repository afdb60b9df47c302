/**
 * Native DuckDB helpers for the loaders: tables are created from the contract (`columnsDdl`) so
 * the Parquet types are the contract's, rows go in through an appender, and files are written
 * sorted by the table's key with zstd compression.
 */
import fs from 'node:fs';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { columnsDdl, type ColumnSpec, type TableSpec } from '../../src/catalogue';

export type Cell = string | number | boolean | null;

export async function openDuck(): Promise<{ db: DuckDBInstance; conn: DuckDBConnection }> {
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await db.connect();
  return { db, conn };
}

/** SQL string literal (internal values only: codes and names from the COG). */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function stagingType(c: ColumnSpec): string {
  return c.type === 'DATE' ? 'VARCHAR' : c.type;
}

function append(
  appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
  c: ColumnSpec,
  v: Cell,
): void {
  if (v === null || v === undefined) return appender.appendNull();
  switch (c.type) {
    case 'VARCHAR':
    case 'DATE':
      return appender.appendVarchar(String(v));
    case 'SMALLINT':
      return appender.appendSmallInt(Number(v));
    case 'INTEGER':
      return appender.appendInteger(Number(v));
    case 'BIGINT':
      return appender.appendBigInt(BigInt(v));
    case 'DOUBLE':
      return appender.appendDouble(Number(v));
    case 'BOOLEAN':
      return appender.appendBoolean(Boolean(v));
  }
}

/** Creates the contract table `spec.name` and fills it with `rows` (values in column order). */
export async function createContractTable(
  conn: DuckDBConnection,
  spec: TableSpec,
  rows: Iterable<readonly Cell[]>,
): Promise<void> {
  const staging = `${spec.name}_staging`;
  await conn.run(`DROP TABLE IF EXISTS "${spec.name}"; DROP TABLE IF EXISTS "${staging}"`);
  await conn.run(`CREATE TABLE "${spec.name}" (${columnsDdl(spec)})`);
  await conn.run(
    `CREATE TABLE "${staging}" (${spec.columns.map((c) => `"${c.name}" ${stagingType(c)}`).join(', ')})`,
  );
  const appender = await conn.createAppender(staging);
  for (const row of rows) {
    spec.columns.forEach((c, i) => append(appender, c, row[i] ?? null));
    appender.endRow();
  }
  appender.closeSync();
  await conn.run(`INSERT INTO "${spec.name}" SELECT * FROM "${staging}"; DROP TABLE "${staging}"`);
}

/** The deterministic order of a table's rows: its key, NULLs first. */
export function keyOrder(spec: TableSpec): string {
  return spec.key.map((k) => `"${k}" NULLS FIRST`).join(', ');
}

/** Writes a contract table to Parquet (zstd), sorted by its key; returns rows and bytes. */
export async function writeParquet(
  conn: DuckDBConnection,
  spec: TableSpec,
  file: string,
): Promise<{ rows: number; bytes: number }> {
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  await conn.run(
    `COPY (SELECT ${cols} FROM "${spec.name}" ORDER BY ${keyOrder(spec)}) TO ${lit(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
  );
  const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM "${spec.name}"`);
  const rows = Number(count.getRowsJS()[0]?.[0] ?? 0);
  return { rows, bytes: fs.statSync(file).size };
}
