/**
 * The adversary's audit of a published data set: it reads only what a browser receives (the
 * published cells and the territory reference), builds every linear relation between the cells
 * of each table and year (and benefit), and tries to recompute each hidden cell — by the simple
 * attacks (parent − shown children, total − shown parts, site − members, sums of categories:
 * `propagationAttack`) and by exact linear algebra over all relations at once (`auditLinear`).
 * Every hidden cell is treated as sensitive: recovering any of them is a failure. The pieces of
 * the QPV spanning several communes are unknowns of the attacker, never published.
 */
import path from 'node:path';
import { type Part } from '../../../src/catalogue';
import { auditLinear, propagationAttack } from './audit';
import { Geography, type TerritoryRow } from './geography';
import { openDuck, lit } from '../duck';
import {
  buildProblem,
  CASE_AXIS_CATEGORIES,
  cellKey,
  type CellInput,
  type PieceInput,
} from './structure';

export interface AttackResult {
  readonly table: 'cases' | 'non_recours';
  readonly year: number;
  readonly benefit: string | null;
  readonly cells: number;
  readonly hidden: number;
  /** Hidden cells exact linear algebra recomputes (keys). */
  readonly determined: readonly string[];
  /** Hidden cells the simple attacks recover, with the value found. */
  readonly recovered: readonly { readonly key: string; readonly value: number }[];
}

/** Attacks every table, year and benefit of the data set in `dir`. */
export async function attackPublication(dir: string): Promise<AttackResult[]> {
  const { db, conn } = await openDuck();
  try {
    const file = (name: string): string => lit(path.join(dir, `${name}.parquet`));
    const territories = await conn.runAndReadAll(
      `SELECT level, code, region_code, departement_code, epci_code, site, rurality, frr, zrr, communes,
         CAST(valid_from AS INTEGER) AS valid_from, CAST(valid_to AS INTEGER) AS valid_to
       FROM read_parquet(${file('territories')})`,
    );
    const geo = new Geography(territories.getRowObjectsJS() as unknown as TerritoryRow[]);
    const out: AttackResult[] = [];
    for (const table of ['cases', 'non_recours'] as const) {
      const years = await conn.runAndReadAll(
        `SELECT DISTINCT CAST(year AS INTEGER) FROM read_parquet(${file(table)}) ORDER BY 1`,
      );
      for (const [y] of years.getRowsJS()) {
        const year = Number(y);
        // The year's rows, numbered in DuckDB: a cell (level, code, part, dimension, category)
        // and a group (benefit) become integers, so JS reads each cell's strings once (not once
        // per benefit) and every row as three numbers.
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE attack_rows AS
           SELECT CAST(dense_rank() OVER (ORDER BY level, code, part, dimension, category) - 1 AS INTEGER) AS cell,
                  CAST(dense_rank() OVER (ORDER BY g) - 1 AS INTEGER) AS grp, *
           FROM (${
             table === 'cases'
               ? `SELECT level, code, part, dimension, category, '' AS g, "count" AS v, suppressed FROM read_parquet(${file(table)}) WHERE year = ${year}`
               : `SELECT level, code, part, 'total' AS dimension, NULL::VARCHAR AS category, benefit AS g, eligible AS v, suppressed FROM read_parquet(${file(table)}) WHERE year = ${year}`
           })`,
        );
        const cellRows = await conn.runAndReadAll(
          'SELECT DISTINCT cell, level, code, part, dimension, category FROM attack_rows ORDER BY cell',
        );
        const [, levels, codes, partsOf, dimensions, categories] =
          cellRows.getColumnsJS() as unknown as [
            number[],
            string[],
            string[],
            Part[],
            string[],
            (string | null)[],
          ];
        // One structure a year over the union of the benefits' cells (as the publication step).
        const cells: CellInput[] = levels.map((level, i) => ({
          level,
          code: codes[i] as string,
          part: partsOf[i] as Part,
          dimension: dimensions[i] as string,
          category: categories[i] ?? null,
        }));
        const groupRows = await conn.runAndReadAll(
          'SELECT DISTINCT grp, g FROM attack_rows ORDER BY grp',
        );
        const groups = groupRows.getColumnsJS()[1] as string[];
        const valueRows = await conn.runAndReadAll(
          'SELECT grp, cell, COALESCE(CAST(v AS DOUBLE), 0), suppressed FROM attack_rows',
        );
        const [grpOf, atOf, valueOf, suppressedOf] = valueRows.getColumnsJS() as unknown as [
          number[],
          number[],
          number[],
          boolean[],
        ];
        // Every piece of a multi-commune QPV in force is an unknown of the attacker.
        const pieces: PieceInput[] = geo
          .qpvInForce(year)
          .filter((q) => q.communes.length > 1)
          .flatMap((q) => q.communes.map((c) => ({ qpv: q.code, commune: c })));
        const built = buildProblem(
          geo,
          year,
          cells,
          pieces,
          table === 'cases' ? CASE_AXIS_CATEGORIES : {},
        );
        const keyOf = (v: number): string => {
          const i = built.source[v] ?? -1;
          const c = i >= 0 ? cells[i] : undefined;
          if (c) return cellKey(c.level, c.code, c.part, c.dimension, c.category);
          const p = pieces[-1 - i];
          return `piece|${p?.qpv ?? ''}|${p?.commune ?? ''}`;
        };
        // Groups in DuckDB's order of `g` (as the publication's sort of benefit codes).
        for (let grp = 0; grp < groups.length; grp++) {
          const size = built.problem.size;
          const value = new Float64Array(size);
          const hidden = new Uint8Array(size);
          let count = 0;
          let hiddenCount = 0;
          // A cell empty for this benefit is published as absent: a known 0.
          for (let r = 0; r < grpOf.length; r++) {
            if (grpOf[r] !== grp) continue;
            const at = atOf[r] as number;
            value[at] = valueOf[r] as number;
            count += 1;
            if (suppressedOf[r]) {
              hidden[at] = 1;
              hiddenCount += 1;
            }
          }
          const problem = { ...built.problem, value, primary: hidden };
          const audit = auditLinear(problem, hidden);
          const recovered = [...propagationAttack(problem, hidden)]
            .filter(([v]) => problem.published[v] === 1)
            .map(([v, x]) => ({ key: keyOf(v), value: x }));
          out.push({
            table,
            year,
            benefit: table === 'cases' ? null : (groups[grp] as string),
            cells: count,
            hidden: hiddenCount,
            determined: [...audit.determined].filter((v) => problem.published[v] === 1).map(keyOf),
            recovered,
          });
        }
      }
    }
    return out;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
