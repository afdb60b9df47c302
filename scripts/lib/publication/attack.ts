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
        const rows = await conn.runAndReadAll(
          table === 'cases'
            ? `SELECT level, code, part, dimension, category, '' AS g, "count" AS v, suppressed FROM read_parquet(${file(table)}) WHERE year = ${year}`
            : `SELECT level, code, part, 'total', NULL, benefit AS g, eligible AS v, suppressed FROM read_parquet(${file(table)}) WHERE year = ${year}`,
        );
        // One structure a year over the union of the benefits' cells (as the publication step).
        const index = new Map<string, number>();
        const cells: CellInput[] = [];
        const byGroup = new Map<string, { at: number; value: number; hidden: boolean }[]>();
        for (const [level, code, part, dimension, category, g, v, suppressed] of rows.getRowsJS()) {
          const key = cellKey(
            String(level),
            String(code),
            String(part),
            String(dimension),
            category === null ? null : String(category),
          );
          let at = index.get(key);
          if (at === undefined) {
            at = cells.length;
            index.set(key, at);
            cells.push({
              level: String(level),
              code: String(code),
              part: String(part) as Part,
              dimension: String(dimension),
              category: category === null ? null : String(category),
            });
          }
          const list = byGroup.get(String(g)) ?? [];
          list.push({ at, value: v === null ? 0 : Number(v), hidden: Boolean(suppressed) });
          byGroup.set(String(g), list);
        }
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
        for (const [g, list] of [...byGroup].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
          const size = built.problem.size;
          const value = new Float64Array(size);
          const hidden = new Uint8Array(size);
          // A cell empty for this benefit is published as absent: a known 0.
          for (const c of list) {
            value[c.at] = c.value;
            hidden[c.at] = c.hidden ? 1 : 0;
          }
          const problem = { ...built.problem, value, primary: hidden };
          const audit = auditLinear(problem, hidden);
          const recovered = [...propagationAttack(problem, hidden)]
            .filter(([v]) => problem.published[v] === 1)
            .map(([v, x]) => ({ key: keyOf(v), value: x }));
          out.push({
            table,
            year,
            benefit: table === 'cases' ? null : g,
            cells: list.length,
            hidden: list.filter((c) => c.hidden).length,
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
