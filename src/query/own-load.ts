/**
 * The statements that load a user's own file (src/ingest/load-own.ts runs them): stage the file
 * as text with the line of each row, type it (own-checks.ts), then build the incoming table (and,
 * for a grain file, its cells) and swap it in. Staging tables are plain tables of the loader's
 * connection; their names are fixed here so every statement agrees.
 */
import { columnsDdl, type TableName, type TableSpec } from '../catalogue';
import { cellsFromGrainSql } from './grain-cells';
import { TEXT_TABLE, TYPED_TABLE } from './own-checks';
import { sqlIdentifier as id, sqlString } from './sql';

export { TEXT_TABLE, TYPED_TABLE };
export const RAW_TABLE = '__own_raw';
export const INCOMING_TABLE = '__own_incoming';
export const CELLS_TABLE = '__own_cells';

/** Every staging table, dropped after each load whatever its outcome. */
export const STAGING_TABLES = [RAW_TABLE, TEXT_TABLE, TYPED_TABLE, INCOMING_TABLE, CELLS_TABLE];

export const dropTableSql = (table: string): string => `DROP TABLE IF EXISTS ${table}`;

/** `read_csv` with every option explicit (nothing sniffed by DuckDB), all columns as text. */
export function readCsvSql(path: string, delimiter: string, columns: number): string {
  const names = Array.from({ length: columns }, (_, i) => `${sqlString(`c${i}`)}: 'VARCHAR'`);
  return `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', encoding = 'utf-8', strict_mode = true, null_padding = false, columns = {${names.join(', ')}})`;
}

/** Trimmed text, NULL when empty (spaces, tabs and non-breaking spaces around a value ignored). */
const trimmed = (col: string): string => `NULLIF(trim(${col}, ' \t\r\n\u00a0\u202f'), '')`;

/** The contract's columns as text, from the file's columns `mapping` (contract name → file name). */
function textColumns(
  spec: TableSpec,
  mapping: Readonly<Record<string, string>>,
  fileColumn: (original: string) => string | null,
): string {
  return spec.columns
    .map((c) => {
      const original = mapping[c.name];
      const source = original === undefined ? null : fileColumn(original);
      return source === null
        ? `CAST(NULL AS VARCHAR) AS ${id(c.name)}`
        : `${source} AS ${id(c.name)}`;
    })
    .join(', ');
}

/**
 * Stages a CSV read by `readCsvSql` as text columns with its line number (the header is line 1)
 * and `__breaks`, the line breaks inside the row's quoted values, which push the next rows' lines.
 */
export function stageCsvSql(
  spec: TableSpec,
  mapping: Readonly<Record<string, string>>,
  header: readonly string[],
  path: string,
  delimiter: string,
): string {
  const select = textColumns(spec, mapping, (original) => {
    const index = header.indexOf(original);
    return index < 0 ? null : trimmed(id(`c${index}`));
  });
  const breaks = Array.from(
    { length: header.length },
    (_, i) => `coalesce(length(${id(`c${i}`)}) - length(replace(${id(`c${i}`)}, chr(10), '')), 0)`,
  ).join(' + ');
  return `CREATE OR REPLACE TABLE ${TEXT_TABLE} AS SELECT CAST(row_number() OVER () + 1 AS INTEGER) AS "__line", CAST(${breaks} AS INTEGER) AS "__breaks", ${select} FROM ${readCsvSql(path, delimiter, header.length)}`;
}

/** Rows staged (`n`) and the most line breaks inside one row's values (`breaks`). */
export const stagedCsvCountSql = (): string =>
  `SELECT count(*) AS n, coalesce(max("__breaks"), 0) AS breaks FROM ${TEXT_TABLE}`;

/** Adds the line breaks inside the values of the rows above to each row's line. */
export const shiftCsvLinesSql = (): string =>
  `CREATE OR REPLACE TABLE ${TEXT_TABLE} AS SELECT * REPLACE (CAST("__line" + coalesce(sum("__breaks") OVER (ORDER BY "__line" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER) AS "__line") FROM ${TEXT_TABLE}`;

/** The columns of a Parquet file loaded as `RAW_TABLE` (`column_name`). */
export const rawColumnsSql = (): string => `DESCRIBE ${RAW_TABLE}`;

/** Stages a Parquet file: its own types are turned to text so typing is checked like a CSV. */
export function stageParquetSql(
  spec: TableSpec,
  mapping: Readonly<Record<string, string>>,
): string {
  const select = textColumns(
    spec,
    mapping,
    (original) => `NULLIF(trim(CAST(${id(original)} AS VARCHAR)), '')`,
  );
  return `CREATE OR REPLACE TABLE ${TEXT_TABLE} AS SELECT CAST(row_number() OVER () AS INTEGER) AS "__line", ${select} FROM ${RAW_TABLE}`;
}

/** Rows staged (`n`). */
export const stagedCountSql = (): string => `SELECT count(*) AS n FROM ${TEXT_TABLE}`;

/** The validated rows, in the file's order, as the contract table `spec` (two statements). */
export function incomingTableSql(spec: TableSpec): readonly string[] {
  const cols = spec.columns.map((c) => id(c.name)).join(', ');
  return [
    `CREATE OR REPLACE TABLE ${INCOMING_TABLE} (${columnsDdl(spec)})`,
    `INSERT INTO ${INCOMING_TABLE} (${cols}) SELECT ${cols} FROM ${TYPED_TABLE} ORDER BY "__line"`,
  ];
}

/**
 * The incoming grain aggregated to the cells of `target` like the publication, never masked: the
 * user's own data stay whole (two statements).
 */
export function incomingCellsSql(
  target: 'cases' | 'non_recours',
  spec: TableSpec,
): readonly string[] {
  return [
    `CREATE OR REPLACE TABLE ${CELLS_TABLE} (${columnsDdl(spec)})`,
    `INSERT INTO ${CELLS_TABLE} SELECT * FROM (${cellsFromGrainSql(target, INCOMING_TABLE)})`,
  ];
}

/**
 * Replaces `table` by `incoming` in one transaction (all or nothing), in one call so no view's
 * query, sharing the connection, can run between the DROP and the RENAME and find it missing.
 */
export const swapInSql = (table: TableName, incoming: string): string =>
  `BEGIN TRANSACTION; DROP TABLE IF EXISTS ${id(table)}; ALTER TABLE ${incoming} RENAME TO ${id(table)}; COMMIT;`;

export const ROLLBACK_SQL = 'ROLLBACK';
