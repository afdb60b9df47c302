/**
 * Generic statistical secrecy for results we did not write: the SQL console's exports. The query
 * layer suppresses its own results exactly; a free query has no such knowledge, so this rule is
 * deliberately broad. Every count-like column (an integer type, or a numeric column whose name
 * says it counts) has its values from 1 to threshold−1 masked (primary secrecy); when a column has
 * exactly one such cell, its smallest other positive cell is masked too (secondary secrecy), so
 * the hidden value cannot be recomputed from the column total. Masked cells become NULL and the
 * row gets `secret_statistique = true`.
 *
 * Two implementations that must agree: `maskColumn` (the reference, on plain values) and
 * `maskedQuerySql` (the same rule in SQL, so the export runs through the connector like every
 * other export and keeps its Arrow types). Tests check one against the other.
 */
import { sqlIdentifier } from '../query/sql';

export const MASK_FLAG_COLUMN = 'secret_statistique';

const INTEGER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/i;
const NUMERIC_TYPES = /^(FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)$/i;
/** Names of columns that count people or cases, whatever their type. */
const COUNT_NAME =
  /(^|_)(n|nb|nbr|nombre|count|cnt|effectif|effectifs|numerator|numerateur|denominator|denominateur|eligible|eligibles|recipients|beneficiaires|non_recours|non_recourants|cases|reclamations|total|somme|sum)(_|$)/i;
/** Integer columns that are coordinates of a cell, not counts. */
const NOT_COUNT_NAME =
  /^(year|annee|month|mois|day|jour|quarter|trimestre|week|semaine|code|id|rank|rang|row|ligne|population|lon|lat|longitude|latitude|area_km2|schema_version)$|(_code|_id)$/i;

export interface ResultColumn {
  readonly name: string;
  /** DuckDB type name as `DESCRIBE` gives it. */
  readonly type: string;
}

/** Whether a result column is treated as a count by the console's secrecy rule. */
export function isCountLike(column: ResultColumn): boolean {
  if (NOT_COUNT_NAME.test(column.name)) return false;
  if (INTEGER_TYPES.test(column.type)) return true;
  return NUMERIC_TYPES.test(column.type) && COUNT_NAME.test(column.name);
}

/**
 * The reference rule on one column: returns which cells are masked. `null` cells are left alone.
 */
export function maskColumn(values: readonly (number | null)[], threshold: number): boolean[] {
  const masked = values.map((v) => v !== null && v > 0 && v < threshold);
  const primary = masked.filter(Boolean).length;
  if (primary === 1) {
    let best = -1;
    values.forEach((v, i) => {
      if (v === null || masked[i] || !(v > 0)) return;
      const current = best < 0 ? null : values[best];
      if (best < 0 || (current !== null && current !== undefined && v < current)) best = i;
    });
    if (best >= 0) masked[best] = true;
  }
  return masked;
}

/**
 * Wraps a read query so its count-like columns are masked by the rule above. The query must be a
 * single SELECT (the console checks that before). Row order is kept.
 */
export function maskedQuerySql(
  sql: string,
  columns: readonly ResultColumn[],
  threshold: number,
): string {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('seuil invalide');
  const inner = sql.trim().replace(/;\s*$/, '');
  const counts = columns.filter(isCountLike);
  const q = (name: string): string => sqlIdentifier(name);
  const p = (i: number): string => `"__p${i}"`;
  const primary = counts.map(
    (c, i) => `(${q(c.name)} > 0 AND ${q(c.name)} < ${threshold}) AS ${p(i)}`,
  );
  const windows = counts.map(
    (c, i) =>
      `count(*) FILTER (WHERE ${p(i)}) OVER () AS "__np${i}", ` +
      `CASE WHEN ${p(i)} IS NOT TRUE AND ${q(c.name)} > 0 THEN row_number() OVER (PARTITION BY ${p(i)} IS NOT TRUE AND ${q(c.name)} > 0 ORDER BY ${q(c.name)}, "__row") END AS "__rk${i}"`,
  );
  const hidden = (i: number): string => `(${p(i)} OR ("__np${i}" = 1 AND "__rk${i}" = 1))`;
  const select = columns.map((c) => {
    const i = counts.indexOf(c);
    return i < 0
      ? q(c.name)
      : `CASE WHEN ${hidden(i)} THEN NULL ELSE ${q(c.name)} END AS ${q(c.name)}`;
  });
  const flag =
    counts.length > 0
      ? counts.map((_, i) => `coalesce(${hidden(i)}, false)`).join(' OR ')
      : 'false';
  return [
    `WITH "__q" AS (SELECT *, row_number() OVER () AS "__row" FROM (${inner}\n) AS "__user"),`,
    `"__m" AS (SELECT *${primary.map((x) => `, ${x}`).join('')} FROM "__q"),`,
    `"__s" AS (SELECT *${windows.map((x) => `, ${x}`).join('')} FROM "__m")`,
    `SELECT ${[...select, `(${flag}) AS ${q(MASK_FLAG_COLUMN)}`].join(', ')} FROM "__s" ORDER BY "__row"`,
  ].join('\n');
}
