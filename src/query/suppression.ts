/**
 * Statistical confidentiality, written in SQL (window functions), so that every path — map,
 * tooltip, chart, table, export, report — gets the same hidden cells.
 *
 * **Primary suppression.** A cell whose count n satisfies 0 < n < `minCount` is hidden; for
 * tables with a fact denominator (non-recours: eligible population), a cell whose denominator d
 * satisfies 0 < d < `minDenominator` is hidden too — for the rate and for the count, so that the
 * count map and the rate map hide the same cells.
 *
 * **Secondary suppression.** For each *group* of cells whose total the UI shows (the cells of a
 * level for a year → the national total; the cells of each parent territory → the parent's total;
 * the two parts of a territory, QPV/hors QPV or rural/urbain → the territory's total; the
 * breakdown cells of one territory → that territory's total), if exactly one cell is hidden, the
 * smallest non-zero visible cell of the group (ties broken by code) is hidden as well. Passes run
 * from the finest group to the coarsest, then the pair pass, and the whole sweep is repeated
 * (`ROUNDS`) because a cell hidden for one group can leave another group with a single hidden
 * cell. A group whose other cells are all zero keeps its single hidden cell: its total then equals
 * that cell and is itself below the threshold, so it is hidden where it is shown.
 *
 * **What this does not guarantee** (also in data/README.suppression.md): the sweep count is fixed
 * (checked by a property test on random tables, not proved); two hidden cells of a group reveal
 * their sum; consistency *across* dimensions (a criterion breakdown against a map filtered by that
 * criterion), across years summed by a user, and between a parent hidden by secondary suppression
 * and its children shown on a finer map is not enforced; QPVs spanning several communes are
 * attached to their main commune for populations.
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

/**
 * One secondary-suppression pass over relation `prev` (columns `sup`, `num` and those named in
 * `partition` and `tieBreak`): in each partition with exactly one hidden cell, hide the smallest
 * non-zero visible cell.
 */
export function passSql(
  prev: string,
  partition: readonly string[],
  tieBreak: readonly string[],
): string {
  const by = partition.length > 0 ? `PARTITION BY ${partition.join(', ')}` : '';
  const byCandidate = `PARTITION BY ${[...partition, '(NOT sup AND num > 0)'].join(', ')}`;
  return (
    `SELECT * EXCLUDE (n_sup, rk) REPLACE (sup OR coalesce(n_sup = 1 AND rk = 1, FALSE) AS sup) FROM (\n` +
    `    SELECT *, count(*) FILTER (WHERE sup) OVER (${by}) AS n_sup,\n` +
    `      CASE WHEN NOT sup AND num > 0 THEN row_number() OVER (${byCandidate} ORDER BY num, ${tieBreak.join(', ')}) END AS rk\n` +
    `    FROM ${prev})`
  );
}

/**
 * The chain of passes as CTE definitions: `rounds` sweeps over `partitions` in order. Returns the
 * definitions and the name of the last relation.
 */
export function passesCtes(
  source: string,
  prefix: string,
  partitions: readonly (readonly string[])[],
  tieBreak: readonly string[],
  rounds: number = ROUNDS,
): { ctes: string[]; last: string } {
  const ctes: string[] = [];
  let prev = source;
  let i = 0;
  for (let r = 0; r < rounds; r += 1) {
    for (const partition of partitions) {
      i += 1;
      const name = `${prefix}_s${i}`;
      ctes.push(`${name} AS MATERIALIZED (\n  ${passSql(prev, partition, tieBreak)})`);
      prev = name;
    }
  }
  return { ctes, last: prev };
}
