/**
 * The publication step of one fact table: from the internal grain (DuckDB table `<table>_grain`)
 * to the published cells (`<table>`, then `<table>.parquet`). Cells are computed by the same SQL
 * the app runs on own files (src/query/grain-cells.ts); each year (and, for non-recours, each
 * benefit) is one suppression problem (structure.ts) solved by the engine; an independent exact
 * audit then checks that no hidden cell can be recomputed before anything is written. Hidden
 * cells keep their row with empty measures and `suppressed` true: never the value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { CONFIDENTIALITY, TABLES, columnsDdl, type Part } from '../../../src/catalogue';
import { cellsFromGrainSql, qpvPiecesSql } from '../../../src/query/grain-cells';
import { Geography, type TerritoryRow } from './geography';
import type { SuppressionProblem } from './problem';
import { SolvePool, type SolveOutcome } from './solve-pool';
import { buildProblem, CASE_AXIS_CATEGORIES, type CellInput, type PieceInput } from './structure';

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
  /** Sensitive cells the final audit could recompute: always 0, or the step fails. */
  readonly disclosed: number;
}

/** Whether a cell is sensitive under the primary rule of its table. */
export function isPrimary(table: FactTable, value: number, second = 0): boolean {
  const t = CONFIDENTIALITY[table];
  const small = (n: number): boolean => n >= 1 && n < t.minCount;
  if (table === 'cases') return small(value);
  // Non-recours: value = eligible, second = non-recipients; recipients = the difference.
  return (value >= 1 && value < t.minDenominator) || small(second) || small(value - second);
}

export async function readTerritoryRows(conn: DuckDBConnection): Promise<TerritoryRow[]> {
  const r = await conn.runAndReadAll(
    `SELECT level, code, region_code, departement_code, epci_code, site, rurality, frr, zrr, communes,
       CAST(valid_from AS INTEGER) AS valid_from, CAST(valid_to AS INTEGER) AS valid_to FROM territories`,
  );
  return r.getRowObjectsJS() as unknown as TerritoryRow[];
}

/** One year's cells, pieces and their measures per breakdown group (benefit; one for claims). */
interface YearData {
  readonly cells: CellInput[];
  readonly pieces: PieceInput[];
  /** Row id of each cell per group (−1: the cell is empty in that group). */
  readonly ids: Map<string, Float64Array>;
  /** Value and second measure of each cell, then each piece, per group. */
  readonly values: Map<string, { value: Float64Array; second: Float64Array }>;
}

/**
 * Reads one year: the union of the non-empty cells over its groups (every benefit of
 * non-recours shares one structure, so the engine builds its classes once a year), and each
 * group's measures.
 */
async function readYear(conn: DuckDBConnection, table: FactTable, year: number): Promise<YearData> {
  const rows = await conn.runAndReadAll(
    table === 'cases'
      ? `SELECT id, level, code, part, dimension, category, '' AS g, "count" AS v, 0 AS w FROM pub_cells WHERE year = ${year}`
      : `SELECT id, level, code, part, 'total', NULL, benefit AS g, eligible AS v, non_recipients AS w FROM pub_cells WHERE year = ${year}`,
  );
  const [ids, lv, code, part, dim, cat, group, val, second] = rows.getColumnsJS() as unknown as [
    bigint[],
    string[],
    string[],
    Part[],
    string[],
    (string | null)[],
    string[],
    number[],
    number[],
  ];
  const index = new Map<string, number>();
  const cells: CellInput[] = [];
  const at: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const key = `${lv[i]}|${code[i]}|${part[i]}|${dim[i]}|${cat[i] ?? ''}`;
    let j = index.get(key);
    if (j === undefined) {
      j = cells.length;
      index.set(key, j);
      cells.push({
        level: lv[i] ?? '',
        code: code[i] ?? '',
        part: part[i] ?? 'tous',
        dimension: dim[i] ?? 'total',
        category: cat[i] ?? null,
      });
    }
    at.push(j);
  }
  const pieceRows = await conn.runAndReadAll(
    table === 'cases'
      ? `SELECT qpv_code, commune_code, '' AS g, "count" AS v, 0 AS w FROM pub_pieces WHERE year = ${year}`
      : `SELECT qpv_code, commune_code, benefit AS g, eligible AS v, non_recipients AS w FROM pub_pieces WHERE year = ${year}`,
  );
  const pieceIndex = new Map<string, number>();
  const pieces: PieceInput[] = [];
  const pieceRowsJs = pieceRows.getRowsJS();
  const pieceAt = pieceRowsJs.map(([q, c]) => {
    const key = `${String(q)}|${String(c)}`;
    let j = pieceIndex.get(key);
    if (j === undefined) {
      j = pieces.length;
      pieceIndex.set(key, j);
      pieces.push({ qpv: String(q), commune: String(c) });
    }
    return j;
  });
  const size = cells.length + pieces.length;
  const idsOf = new Map<string, Float64Array>();
  const values = new Map<string, { value: Float64Array; second: Float64Array }>();
  const slot = (g: string) => {
    let v = values.get(g);
    if (!v) {
      v = { value: new Float64Array(size), second: new Float64Array(size) };
      values.set(g, v);
      idsOf.set(g, new Float64Array(cells.length).fill(-1));
    }
    return v;
  };
  for (let i = 0; i < ids.length; i++) {
    const g = group[i] ?? '';
    const v = slot(g);
    const j = at[i] as number;
    v.value[j] = Number(val[i]);
    v.second[j] = Number(second[i] ?? 0);
    (idsOf.get(g) as Float64Array)[j] = Number(ids[i]);
  }
  pieceRowsJs.forEach(([, , g, v, w], i) => {
    const s = slot(String(g));
    const j = cells.length + (pieceAt[i] as number);
    s.value[j] = Number(v);
    s.second[j] = Number(w);
  });
  return { cells, pieces, ids: idsOf, values };
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
  const geo = new Geography(await readTerritoryRows(conn));
  await conn.run(
    `CREATE OR REPLACE TABLE pub_cells AS SELECT row_number() OVER () - 1 AS id, * FROM (${cellsFromGrainSql(table, `${table}_grain`)})`,
  );
  await conn.run(`CREATE OR REPLACE TABLE pub_pieces AS ${qpvPiecesSql(table, `${table}_grain`)}`);
  await conn.run('CREATE OR REPLACE TABLE pub_hidden (id BIGINT)');
  const levels: Record<string, LevelStats> = {};
  const stat = (level: string): LevelStats =>
    (levels[level] ??= { cells: 0, primary: 0, secondary: 0 });
  const years = await conn.runAndReadAll(
    'SELECT DISTINCT CAST(year AS INTEGER) FROM pub_cells ORDER BY 1',
  );
  let problems = 0;
  let disclosed = 0;
  const hiddenAppender = await conn.createAppender('pub_hidden');
  /** A problem sent to the pool, with what its result is read against. */
  interface Job {
    readonly label: string;
    readonly cells: readonly CellInput[];
    readonly ids: Float64Array;
    readonly value: Float64Array;
    readonly primary: Uint8Array;
    readonly outcome: Promise<SolveOutcome>;
  }
  /** Reads the results of a year's problems in their order: the same files whatever ends first. */
  const collect = async (jobs: readonly Job[]): Promise<void> => {
    for (const job of jobs) {
      const { hidden, disclosed: found } = await job.outcome;
      const { cells, ids, value, primary } = job;
      disclosed += found;
      problems += 1;
      cells.forEach((c, i) => {
        if ((ids[i] as number) < 0) return;
        const s = stat(c.level);
        s.cells += 1;
        if (!hidden[i]) return;
        if (primary[i]) s.primary += 1;
        else s.secondary += 1;
        hiddenAppender.appendBigInt(BigInt(ids[i] as number));
        hiddenAppender.endRow();
      });
      const ps = stat('piece');
      for (let x = cells.length; x < value.length; x++) {
        if (!value[x]) continue;
        ps.cells += 1;
        if (primary[x]) ps.primary += 1;
      }
      if (found > 0) log(`  ${job.label} : ${found} cellule(s) secrète(s) recalculable(s) !`);
    }
  };
  const pool = new SolvePool();
  try {
    // While the workers solve a year's problems, this thread reads and builds the next year.
    let inFlight: Job[] = [];
    for (const [yearValue] of years.getRowsJS()) {
      const year = Number(yearValue);
      const data = await readYear(conn, table, year);
      // One structure a year; each group (benefit) only changes values and sensitivity.
      const built = buildProblem(
        geo,
        year,
        data.cells,
        data.pieces,
        table === 'cases' ? CASE_AXIS_CATEGORIES : {},
      );
      const jobs: Job[] = [];
      for (const [group, v] of [...data.values].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const size = built.problem.size;
        const value = new Float64Array(size);
        const primary = new Uint8Array(size);
        for (let x = 0; x < size; x++) {
          const i = built.source[x] as number;
          const j = i >= 0 ? i : data.cells.length + (-1 - i);
          value[x] = v.value[j] as number;
          primary[x] = isPrimary(table, value[x] as number, v.second[j] as number) ? 1 : 0;
        }
        const label = `${table} ${year}${group ? ` ${group}` : ''}`;
        checkRelations({ ...built.problem, value, primary }, label);
        const outcome = pool.solve(built.problem, value, primary);
        const ids = data.ids.get(group) as Float64Array;
        jobs.push({ label, cells: data.cells, ids, value, primary, outcome });
      }
      await collect(inFlight);
      inFlight = jobs;
    }
    await collect(inFlight);
  } finally {
    await pool.close();
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
    disclosed,
  };
}

/**
 * Checks every relation against the values (`total = Σ parts`): an inconsistent cell table is
 * refused rather than protected wrongly.
 */
function checkRelations(problem: SuppressionProblem, what: string): void {
  for (const r of problem.relations) {
    let sum = 0;
    for (const p of r.parts) sum += problem.value[p] as number;
    const total = problem.value[r.total] as number;
    if (Math.abs(sum - total) > 1e-6)
      throw new Error(
        `Relation fausse (${what}) : un total vaut ${total}, la somme de ses parties ${sum}.`,
      );
  }
}
