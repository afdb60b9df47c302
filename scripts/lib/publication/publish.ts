/**
 * The publication step of one fact table: from the internal grain (DuckDB table `<table>_grain`)
 * to the published cells (`<table>`, then `<table>.parquet`). Cells are computed by the same SQL
 * the app runs on own files (src/query/grain-cells.ts); each year (and, for non-recours, each
 * benefit) is one suppression problem (structure.ts) solved by the engine; an independent exact
 * audit then checks that no hidden cell can be recomputed before anything is written. Hidden
 * cells keep their row with empty measures and `suppressed` true: never the value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  CASE_AXES,
  CHANNELS,
  CONFIDENTIALITY,
  CRITERIA,
  DOMAINS,
  TABLES,
  columnsDdl,
  type Part,
} from '../../../src/catalogue';
import { cellsFromGrainSql, qpvPiecesSql } from '../../../src/query/grain-cells';
import { auditLinear } from './audit';
import { suppress } from './engine';
import { Geography, type TerritoryRow } from './geography';
import { buildProblem, type CellInput, type PieceInput } from './structure';

export type FactTable = 'cases' | 'non_recours';

/** Counts of one level in the publication report. */
export interface LevelStats {
  /** Non-empty cells (a cell with no fact is published as absent = 0 and is never secret). */
  cells: number;
  primary: number;
  secondary: number;
}

export interface PublicationStats {
  readonly table: FactTable;
  /** Per level (and `piece` for the internal pieces of QPV spanning several communes). */
  readonly levels: Record<string, LevelStats>;
  readonly problems: number;
  readonly seconds: number;
  /** Sensitive cells the final audit could recompute: always 0, or the step fails. */
  readonly disclosed: number;
}

const AXES: Readonly<Record<string, readonly string[]>> = {
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
};

/** Whether a cell is sensitive under the primary rule of its table. */
export function isPrimary(table: FactTable, value: number, second = 0): boolean {
  const t = CONFIDENTIALITY[table];
  const small = (n: number): boolean => n >= 1 && n < t.minCount;
  if (table === 'cases') return small(value);
  // Non-recours: value = eligible, second = non-recipients; recipients = the difference.
  return (
    (value >= 1 && value < t.minDenominator) || small(second) || small(value - second)
  );
}

export async function readTerritoryRows(conn: DuckDBConnection): Promise<TerritoryRow[]> {
  const r = await conn.runAndReadAll(
    `SELECT level, code, region_code, departement_code, epci_code, site, rurality, frr, zrr, communes,
       CAST(valid_from AS INTEGER) AS valid_from, CAST(valid_to AS INTEGER) AS valid_to FROM territories`,
  );
  return r.getRowObjectsJS() as unknown as TerritoryRow[];
}

/**
 * Publishes `table` from `<table>_grain` into the DuckDB table `<table>` (the contract's
 * columns). Throws when the final audit finds a recomputable sensitive cell.
 */
export async function publishTable(
  conn: DuckDBConnection,
  table: FactTable,
  log: (m: string) => void = () => undefined,
): Promise<PublicationStats> {
  const start = Date.now();
  const geo = new Geography(await readTerritoryRows(conn));
  await conn.run(
    `CREATE OR REPLACE TABLE pub_cells AS SELECT row_number() OVER () - 1 AS id, * FROM (${cellsFromGrainSql(table, `${table}_grain`)})`,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE pub_pieces AS ${qpvPiecesSql(table, `${table}_grain`)}`,
  );
  await conn.run('CREATE OR REPLACE TABLE pub_hidden (id BIGINT)');
  const levels: Record<string, LevelStats> = {};
  const stat = (level: string): LevelStats => (levels[level] ??= { cells: 0, primary: 0, secondary: 0 });
  const groups = await conn.runAndReadAll(
    table === 'cases'
      ? 'SELECT DISTINCT year, NULL AS benefit FROM pub_cells ORDER BY ALL'
      : 'SELECT DISTINCT year, benefit FROM pub_cells ORDER BY ALL',
  );
  let problems = 0;
  let disclosed = 0;
  const hiddenAppender = await conn.createAppender('pub_hidden');
  for (const [yearValue, benefitValue] of groups.getRowsJS()) {
    const year = Number(yearValue);
    const benefit = benefitValue === null ? null : String(benefitValue);
    const where = `year = ${year}${benefit === null ? '' : ` AND benefit = '${benefit}'`}`;
    const cellRows = await conn.runAndReadAll(
      table === 'cases'
        ? `SELECT id, level, code, part, dimension, category, "count" AS v, 0 AS w FROM pub_cells WHERE ${where} ORDER BY id`
        : `SELECT id, level, code, part, 'total' AS dimension, NULL AS category, eligible AS v, non_recipients AS w FROM pub_cells WHERE ${where} ORDER BY id`,
    );
    const cols = cellRows.getColumnsJS();
    const [ids, lv, code, part, dim, cat, val, second] = cols as unknown as [
      bigint[],
      string[],
      string[],
      Part[],
      string[],
      (string | null)[],
      number[],
      number[],
    ];
    const cells: CellInput[] = ids.map((_, i) => {
      const value = Number(val[i]);
      return {
        level: lv[i] ?? '',
        code: code[i] ?? '',
        part: part[i] ?? 'tous',
        dimension: dim[i] ?? 'total',
        category: cat[i] ?? null,
        value,
        primary: isPrimary(table, value, Number(second[i] ?? 0)),
      };
    });
    const pieceRows = await conn.runAndReadAll(
      table === 'cases'
        ? `SELECT qpv_code, commune_code, "count" AS v, 0 AS w FROM pub_pieces WHERE ${where}`
        : `SELECT qpv_code, commune_code, eligible AS v, non_recipients AS w FROM pub_pieces WHERE ${where}`,
    );
    const pieces: PieceInput[] = pieceRows.getRowsJS().map(([q, c, v, w]) => ({
      qpv: String(q),
      commune: String(c),
      value: Number(v),
      primary: isPrimary(table, Number(v), Number(w)),
    }));
    const built = buildProblem(geo, year, cells, pieces, table === 'cases' ? AXES : {});
    const result = suppress(built.problem);
    const audit = auditLinear(built.problem, result.hidden);
    disclosed += audit.disclosed.length;
    problems += 1;
    cells.forEach((c, i) => {
      const s = stat(c.level);
      s.cells += 1;
      if (result.hidden[i]) {
        if (c.primary) s.primary += 1;
        else s.secondary += 1;
        hiddenAppender.appendBigInt(BigInt(ids[i] ?? 0));
        hiddenAppender.endRow();
      }
    });
    const ps = stat('piece');
    pieces.forEach((p) => {
      ps.cells += 1;
      if (p.primary) ps.primary += 1;
    });
    if (audit.disclosed.length > 0)
      log(
        `  ${table} ${year}${benefit ? ` ${benefit}` : ''} : ${audit.disclosed.length} cellule(s) secrète(s) recalculable(s) !`,
      );
  }
  hiddenAppender.closeSync();
  if (disclosed > 0)
    throw new Error(
      `Publication de ${table} refusée : l’audit recalcule ${disclosed} cellule(s) secrète(s). Rien n’est écrit.`,
    );
  const spec = TABLES[table];
  const measures =
    table === 'cases'
      ? `dimension, category, CASE WHEN h.id IS NULL THEN "count" END AS "count"`
      : `benefit, CASE WHEN h.id IS NULL THEN eligible END AS eligible, CASE WHEN h.id IS NULL THEN non_recipients END AS non_recipients`;
  await conn.run(`DROP TABLE IF EXISTS "${table}"; CREATE TABLE "${table}" (${columnsDdl(spec)})`);
  await conn.run(
    `INSERT INTO "${table}" SELECT year, level, code, part, ${measures}, h.id IS NOT NULL AS suppressed
     FROM pub_cells c LEFT JOIN pub_hidden h USING (id)`,
  );
  await conn.run('DROP TABLE pub_cells; DROP TABLE pub_pieces; DROP TABLE pub_hidden');
  return {
    table,
    levels,
    problems,
    seconds: (Date.now() - start) / 1000,
    disclosed,
  };
}

/** The axes of the claims' breakdowns, as the structure needs them (exported for the audit). */
export const CASE_BREAKDOWN_AXES = Object.fromEntries(
  CASE_AXES.map((a) => [a, AXES[a] ?? []]),
) as Readonly<Record<string, readonly string[]>>;
