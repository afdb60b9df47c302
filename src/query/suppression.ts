/**
 * Statistical confidentiality, written in SQL, so that every path — map, tooltip, chart, table,
 * export, report — gets the same hidden cells.
 *
 * **Primary suppression.** A cell whose count n satisfies 0 < n < `minCount` is hidden; for
 * tables with a fact denominator (non-recours: eligible population), a cell whose denominator d
 * satisfies 0 < d < `minDenominator` is hidden too — for the rate and for the count, so that the
 * count map and the rate map hide the same cells.
 *
 * **Secondary suppression.** For each *group* of cells whose total the UI shows — the cells of a
 * level for a year (national total), the cells of each parent territory (the parent's figure),
 * a territory's total with its QPV and hors-QPV parts, or with its rural and urbain parts, the
 * breakdown cells of one territory (its figure) — if exactly one cell is hidden, one more is
 * hidden: the smallest non-zero visible cell (ties by code), or failing that a visible zero cell
 * of a populated part, so the hidden cell cannot be recomputed by difference. Passes run from the
 * finest group to the coarsest, then the part relations, and the sweep is repeated `ROUNDS` times
 * because a cell hidden for one group can leave another group with a single hidden cell. Each
 * pass is a GROUP BY over the cells and a set of hidden cell ids (no sort), so it stays linear.
 *
 * **What this does not guarantee** (see data/README.suppression.md): the sweep count is fixed
 * (a property test over random tables checks it, it is not proved); two hidden cells of a group
 * reveal their sum; each level is protected on its own, so a parent with a single populated child
 * (a DROM région and its département, a commune and its only QPV) can show the figure its child
 * hides by secondary suppression, and a parent hidden by secondary suppression can be rebuilt
 * from its children on the finer map; dimensions are not protected against each other (a
 * criterion breakdown against a map filtered by that criterion), nor years summed by a user;
 * QPVs spanning several communes are counted with their main commune for populations.
 */
import { sqlNumber } from './sql';

/** How many times the full sweep of passes is repeated. */
export const ROUNDS = 3;

/** Thresholds of one fact table (see `CONFIDENTIALITY` in the catalogue). */
export interface Thresholds {
  readonly minCount: number;
  readonly minDenominator: number;
}

/**
 * Primary rule as a SQL boolean over the columns `num` (count) and `cden` (fact denominator used
 * for confidentiality, 0 when none).
 */
export function primarySql(t: Thresholds): string {
  const rules: string[] = [];
  if (t.minCount > 0) rules.push(`(num > 0 AND num < ${sqlNumber(t.minCount)})`);
  if (t.minDenominator > 0) rules.push(`(cden > 0 AND cden < ${sqlNumber(t.minDenominator)})`);
  return rules.length === 0 ? 'FALSE' : rules.join(' OR ');
}

/** One pass: the cells grouped by `partition`; a group needing one more hidden cell gets it. */
export interface Pass {
  readonly partition: readonly string[];
  /** Condition on the group, over `nh` (hidden cells in the group); default `nh = 1`. */
  readonly need?: string;
  /** Rows the pass considers (others are left alone); default all. */
  readonly where?: string;
}

/**
 * CTEs computing the set of hidden cell ids over relation `base` (columns `id` unique, `num`,
 * `population`, the partition and tie-break columns): `<prefix>_h0` from `primary`, then `rounds`
 * sweeps of `passes`; a zero cell is a candidate only when the group's total reaches `minCount`
 * (so is shown) and no non-zero cell is left. Returns the definitions and the name of the final set (column `id`).
 */
export function hiddenSetCtes(
  base: string,
  prefix: string,
  primary: string,
  passes: readonly Pass[],
  tieBreak: readonly string[],
  minCount: number,
  rounds: number = ROUNDS,
): { ctes: string[]; hidden: string } {
  const ctes = [`${prefix}_h0 AS MATERIALIZED (\n  SELECT id FROM ${base} WHERE ${primary})`];
  const order = `{'z': num <= 0, 'n': num, ${tieBreak.map((c, i) => `'t${i}': ${c}`).join(', ')}}`;
  let prev = `${prefix}_h0`;
  let i = 0;
  for (let r = 0; r < rounds; r += 1) {
    for (const pass of passes) {
      i += 1;
      const name = `${prefix}_h${i}`;
      const by = pass.partition.length > 0 ? `GROUP BY ${pass.partition.join(', ')}` : '';
      ctes.push(
        `${name} AS MATERIALIZED (\n  SELECT id FROM ${prev}\n  UNION\n` +
          `  SELECT pick FROM (\n` +
          `    SELECT count(*) FILTER (WHERE hid) AS nh, bool_and(total_hidden) AS total_hidden,\n` +
          // A zero cell is hidden only when the group's total is shown (not itself below the
          // threshold) and no non-zero cell is left: hiding it leaves the total split in two.
          `      coalesce(arg_min(id, ${order}) FILTER (WHERE NOT hid AND num > 0),\n` +
          `        CASE WHEN NOT (sum(num) > 0 AND sum(num) < ${sqlNumber(minCount)}) THEN arg_min(id, ${order}) FILTER (WHERE NOT hid AND population > 0) END) AS pick\n` +
          `    FROM (SELECT *, id IN (SELECT id FROM ${prev}) AS hid FROM ${base} WHERE ${pass.where ?? 'TRUE'})\n` +
          `    ${by})\n` +
          `  WHERE (${pass.need ?? 'nh = 1'}) AND pick IS NOT NULL)`,
      );
      prev = name;
    }
  }
  return { ctes, hidden: prev };
}
