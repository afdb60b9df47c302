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

/** Column of `base` holding the hash of pass `i`'s partition (see `groupKeyColumns`). */
export const groupKey = (i: number): string => `g${i}`;

/**
 * Select items adding one hashed group key per pass to the cell relation, so each pass groups
 * on one integer (computed once) instead of several strings. A 64-bit hash collision would only
 * merge two groups, which can over-protect but never shows a hidden cell.
 */
export function groupKeyColumns(passes: readonly Pass[]): string {
  return passes
    .map(
      (p, i) =>
        `hash(${p.partition.length > 0 ? p.partition.join(', ') : "'all'"}) AS ${groupKey(i)}`,
    )
    .join(', ');
}

/**
 * CTEs computing the hidden cells of relation `base` (columns `id` unique, `num`, `population`,
 * `total_hidden`, the tie-break columns and the group keys of `groupKeyColumns(passes)`):
 * `<prefix>_h0` from `primary`, then `rounds` sweeps of `passes`; each set holds the hidden rows'
 * `id` and group keys. A pass only looks at groups with exactly one hidden cell (found from the
 * hidden set, which is small, with each row's `part` for the relation filters), then picks in those groups the smallest non-zero visible cell —
 * or a visible zero cell of a populated part when the group's total reaches `minCount` (so is
 * shown) and no non-zero cell is left. Passes with a custom `need` scan every group (for small
 * relations only). Returns the definitions and the name of the final set.
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
  const keys = passes.map((_, i) => groupKey(i)).join(', ');
  const ctes = [
    `${prefix}_h0 AS MATERIALIZED (\n  SELECT id, part, ${keys} FROM ${base} WHERE ${primary})`,
  ];
  const order = `{'z': num <= 0, 'n': num, ${tieBreak.map((c, i) => `'t${i}': ${c}`).join(', ')}}`;
  const pick =
    `coalesce(arg_min(id, ${order}) FILTER (WHERE NOT hid AND num > 0),\n` +
    `        CASE WHEN NOT (sum(num) > 0 AND sum(num) < ${sqlNumber(minCount)}) THEN arg_min(id, ${order}) FILTER (WHERE NOT hid AND population > 0) END)`;
  let prev = `${prefix}_h0`;
  let n = 0;
  for (let r = 0; r < rounds; r += 1) {
    passes.forEach((pass, i) => {
      n += 1;
      const name = `${prefix}_h${n}`;
      const g = groupKey(i);
      const where = pass.where ?? 'TRUE';
      const groups =
        pass.need === undefined
          ? `${g} IN (SELECT ${g} FROM ${prev} WHERE ${where} GROUP BY ${g} HAVING count(*) = 1)`
          : 'TRUE';
      const need = pass.need === undefined ? 'TRUE' : pass.need;
      ctes.push(
        `${name} AS MATERIALIZED (\n  SELECT id, part, ${keys} FROM ${prev}\n  UNION ALL\n` +
          `  SELECT id, part, ${keys} FROM ${base} WHERE id IN (\n` +
          `    SELECT pick FROM (\n` +
          `      SELECT count(*) FILTER (WHERE hid) AS nh, bool_and(total_hidden) AS total_hidden,\n` +
          `        ${pick} AS pick\n` +
          `      FROM (SELECT *, id IN (SELECT id FROM ${prev}) AS hid FROM ${base} WHERE ${where} AND ${groups})\n` +
          `      GROUP BY ${g})\n` +
          `    WHERE (${need}) AND pick IS NOT NULL))`,
      );
      prev = name;
    });
  }
  return { ctes, hidden: prev };
}
