/**
 * From the finest grain to the cells of the publication plan: one SQL text per table, run by the
 * pipeline on the observatory's internal files (before secondary suppression decides what is
 * published) and by the app on a user's own files (which stay fully visible to their owner). The
 * same text in both places, so an own file is read exactly as the published set is made.
 *
 * Cells follow src/catalogue/publication.ts: every part for France, régions, départements, EPCI
 * and sites; a commune's whole, plus its QPV / hors-QPV split in the years it has a QPV in force;
 * a QPV's whole; the claims broken down by criterion, domain or channel at the breakdown levels.
 * Only non-zero cells are written (a cell with no fact is 0), so that the result is sparse.
 */
import {
  AREA_LEVELS,
  BREAKDOWN_LEVELS,
  CASE_AXES,
  FRR_MEMBERS,
  LAST_YEAR,
  RURAL_CLASSES,
  ZRR_MEMBERS,
  ZRR_YEARS,
} from '../catalogue/schema';
import { sqlIdentifier, sqlInteger, sqlString } from './sql';

const list = (values: readonly string[]): string => values.map(sqlString).join(', ');

/** Columns of a commune's parents, by area level. */
const AREA_KEY: Readonly<Record<string, string>> = {
  france: "'FR'",
  region: 'region_code',
  departement: 'departement_code',
  epci: 'epci_code',
  site: 'site',
};

/**
 * CTEs shared by both tables: `pc_communes` (a commune's parents and the parts it belongs to by
 * its attributes) and `pc_qpv_communes` (year, commune) of every commune with a QPV in force.
 */
function placeCtes(territories: string): string[] {
  const t = sqlIdentifier(territories);
  return [
    `pc_communes AS (\n  SELECT code AS commune_code, region_code, departement_code, epci_code, site,\n` +
      // A commune without a class counts in the complement, as in the populations.
      `    CASE WHEN rurality IN (${list(RURAL_CLASSES)}) THEN 'rural' ELSE 'urbain' END AS p_rural,\n` +
      `    CASE WHEN frr IN (${list(FRR_MEMBERS)}) THEN 'frr' ELSE 'hors_frr' END AS p_frr,\n` +
      `    CASE WHEN zrr IN (${list(ZRR_MEMBERS)}) THEN 'zrr' ELSE 'hors_zrr' END AS p_zrr\n` +
      `  FROM ${t} WHERE level = 'commune')`,
    `pc_qpv_communes AS (\n  SELECT DISTINCT CAST(y.year AS SMALLINT) AS year, trim(c.commune_code) AS commune_code\n` +
      `  FROM (SELECT unnest(string_split(communes, ';')) AS commune_code, valid_from, coalesce(valid_to, ${sqlInteger(LAST_YEAR)}) AS valid_to\n` +
      `        FROM ${t} WHERE level = 'qpv') c\n` +
      `  JOIN (SELECT CAST(range AS INTEGER) AS year FROM range(1900, 2200)) y ON y.year BETWEEN c.valid_from AND c.valid_to)`,
  ];
}

/**
 * The parts a unit (a commune's hors-QPV part, or a QPV's piece of it) counts in, as a list
 * expression over `qpv_code`, the commune's attribute parts and `year`.
 */
const UNIT_PARTS =
  `list_filter(['tous', CASE WHEN qpv_code IS NULL THEN 'hors_qpv' ELSE 'qpv' END, p_rural, p_frr,\n` +
  `    CASE WHEN year BETWEEN ${sqlInteger(ZRR_YEARS.from)} AND ${sqlInteger(ZRR_YEARS.to)} THEN p_zrr END], x -> x IS NOT NULL)`;

interface TableShape {
  /** Grain columns that identify a breakdown row, beyond the place and year. */
  readonly keys: readonly string[];
  /** `sum(…) AS name` items of the unit aggregation. */
  readonly measures: string;
  /** The measures summed again over units. */
  readonly sums: string;
  /** Output columns of the breakdown and of the measures, in the published table's order. */
  readonly columns: string;
  /** Condition keeping a non-empty cell. */
  readonly nonEmpty: string;
  readonly order: string;
}

const SHAPES: Readonly<Record<'cases' | 'non_recours', TableShape>> = {
  cases: {
    keys: ['criterion', 'domain', 'channel'],
    measures: 'CAST(sum("count") AS BIGINT) AS "count"',
    sums: 'CAST(sum("count") AS INTEGER) AS "count"',
    columns: 'dimension, category, "count"',
    nonEmpty: '"count" <> 0',
    order: 'dimension, category',
  },
  non_recours: {
    keys: ['benefit'],
    measures:
      'CAST(sum(eligible) AS BIGINT) AS eligible, CAST(sum(eligible - recipients) AS BIGINT) AS non_recipients',
    sums: 'CAST(sum(eligible) AS BIGINT) AS eligible, CAST(sum(non_recipients) AS BIGINT) AS non_recipients',
    columns: 'benefit, eligible, non_recipients',
    nonEmpty: 'eligible <> 0',
    order: 'benefit',
  },
};

/** The claims' breakdowns of a unit row: its total, then one row per axis. */
const CASE_BREAKDOWNS =
  `unnest([{'dimension': 'total', 'category': NULL::VARCHAR}, ` +
  `${CASE_AXES.map((a) => `{'dimension': ${sqlString(a)}, 'category': ${sqlIdentifier(a)}}`).join(', ')}])`;

/**
 * `SELECT … FROM <rows> GROUP BY …` of the cells of `level` over `rows` (a relation with year,
 * code, part and the unit columns): breakdowns unnested for the claims at breakdown levels.
 */
function levelSelect(table: 'cases' | 'non_recours', level: string, rows: string): string {
  const shape = SHAPES[table];
  if (table === 'non_recours')
    return `SELECT year, ${sqlString(level)} AS level, code, part, benefit, ${shape.sums}\n  FROM ${rows}\n  GROUP BY ALL`;
  if (!BREAKDOWN_LEVELS.includes(level as never))
    return `SELECT year, ${sqlString(level)} AS level, code, part, 'total' AS dimension, NULL::VARCHAR AS category, ${shape.sums}\n  FROM ${rows}\n  GROUP BY ALL`;
  return (
    `SELECT year, ${sqlString(level)} AS level, code, part, b.dimension AS dimension, b.category AS category, ${shape.sums}\n` +
    `  FROM (SELECT *, ${CASE_BREAKDOWNS} AS b FROM ${rows})\n  GROUP BY ALL`
  );
}

/**
 * SQL of every cell of `table` computed from the grain relation `grain` and the territory
 * reference `territories`, ordered by the table's key. Columns: those of the published table
 * (src/catalogue/tables.ts), with `suppressed` FALSE. Facts whose commune is not in the
 * reference are left out (the own-file validator refuses them beforehand).
 */
export function cellsFromGrainSql(
  table: 'cases' | 'non_recours',
  grain: string,
  territories = 'territories',
): string {
  const shape = SHAPES[table];
  const ctes = [
    ...placeCtes(territories),
    // Units: the grain summed by year, place and breakdown keys, with the commune's attributes.
    `pc_units AS MATERIALIZED (\n  SELECT g.year, g.commune_code, g.qpv_code, ${shape.keys.map((k) => `g.${sqlIdentifier(k)}`).join(', ')}, ${shape.measures},\n` +
      `    any_value(c.region_code) AS region_code, any_value(c.departement_code) AS departement_code,\n` +
      `    any_value(c.epci_code) AS epci_code, any_value(c.site) AS site, any_value(c.p_rural) AS p_rural,\n` +
      `    any_value(c.p_frr) AS p_frr, any_value(c.p_zrr) AS p_zrr\n` +
      `  FROM ${sqlIdentifier(grain)} g JOIN pc_communes c ON c.commune_code = g.commune_code\n` +
      `  GROUP BY g.year, g.commune_code, g.qpv_code, ${shape.keys.map((k) => `g.${sqlIdentifier(k)}`).join(', ')})`,
  ];
  const selects = AREA_LEVELS.map((level) =>
    levelSelect(
      table,
      level,
      `(SELECT *, ${AREA_KEY[level]} AS code, unnest(${UNIT_PARTS}) AS part FROM pc_units) WHERE code IS NOT NULL`,
    ),
  );
  selects.push(
    // Communes: the whole, and the QPV / hors-QPV split where a QPV is in force that year.
    levelSelect(
      table,
      'commune',
      `(SELECT u.*, u.commune_code AS code, unnest(CASE WHEN q.commune_code IS NULL THEN ['tous']\n` +
        `    ELSE ['tous', CASE WHEN u.qpv_code IS NULL THEN 'hors_qpv' ELSE 'qpv' END] END) AS part\n` +
        `    FROM pc_units u LEFT JOIN pc_qpv_communes q ON q.year = u.year AND q.commune_code = u.commune_code)`,
    ),
    levelSelect(
      table,
      'qpv',
      `(SELECT *, qpv_code AS code, 'tous' AS part FROM pc_units WHERE qpv_code IS NOT NULL)`,
    ),
  );
  return (
    `WITH ${ctes.join(',\n')}\n` +
    `SELECT CAST(year AS SMALLINT) AS year, level, code, part, ${shape.columns}, FALSE AS suppressed\n` +
    `FROM (\n${selects.join('\nUNION ALL\n')}\n)\nWHERE ${shape.nonEmpty}\n` +
    `ORDER BY year, level, code, part, ${shape.order}`
  );
}

/**
 * Pieces of the QPV spanning several communes: (year, qpv_code, commune_code) with the measures,
 * summed over breakdowns. Internal to the publication step (never published): secondary
 * suppression protects them too, since a piece is as fine as a QPV.
 */
export function qpvPiecesSql(
  table: 'cases' | 'non_recours',
  grain: string,
  territories = 'territories',
): string {
  const shape = SHAPES[table];
  const perBreakdown = table === 'non_recours' ? ', benefit' : '';
  return (
    `SELECT CAST(g.year AS SMALLINT) AS year, g.qpv_code, g.commune_code${perBreakdown.replace('benefit', 'g.benefit')}, ${shape.measures}\n` +
    `FROM ${sqlIdentifier(grain)} g JOIN ${sqlIdentifier(territories)} t ON t.level = 'qpv' AND t.code = g.qpv_code AND contains(t.communes, ';')\n` +
    `GROUP BY ALL ORDER BY ALL`
  );
}
