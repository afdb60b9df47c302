/**
 * The shared core of the builders: the published cells of one level, over a span of years and
 * for one or every part, laid on the grid of that level's territories (so a territory with no
 * claim shows 0), with the population of each part. Confidentiality was decided at publication:
 * a hidden cell arrives with empty measures and `suppressed` true, and stays so on every path.
 *
 * A commune's and a QPV's cells are published for their whole (and a commune's QPV / hors-QPV
 * split); their other parts are read from the whole: a rural commune's rural part is the commune,
 * an urban commune has none (it is left out of a rural map rather than shown as 0).
 */
import {
  AREA_LEVELS,
  FRR_MEMBERS,
  LAST_YEAR,
  RURAL_CLASSES,
  ZRR_MEMBERS,
  ZRR_YEARS,
  type Part,
  type TerritoryLevel,
  type TerritoryRef,
  TERRITORY_LEVELS,
} from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { breakdownWhere, figuresPublished, type Filters } from './filters';
import { byarSql, wilsonSql } from './intervals';
import { sqlInteger, sqlNumber, sqlString } from './sql';

export interface YearSpan {
  readonly from: number;
  readonly to: number;
}

/** Checks a year span and returns it with integers. */
export function checkYears(years: YearSpan): YearSpan {
  const from = Number(sqlInteger(years.from));
  const to = Number(sqlInteger(years.to));
  if (from > to || from < 0 || to > 9999) throw new RangeError(`Période invalide : ${from}–${to}`);
  return { from, to };
}

const list = (values: readonly string[]): string => values.map(sqlString).join(', ');
const ZRR_YEAR = `year BETWEEN ${sqlInteger(ZRR_YEARS.from)} AND ${sqlInteger(ZRR_YEARS.to)}`;

/**
 * SQL of the cell part a territory's row reads for `part` (NULL: the territory has no such
 * part that year), over columns `year`, `has_qpv`, `rurality`, `frr`, `zrr` of the grid.
 */
function cellPartSql(level: TerritoryLevel, part: Part): string {
  const attribute: Partial<Record<Part, string>> = {
    // A commune without a class is in the complement (as in the publication and populations).
    rural: `rurality IN (${list(RURAL_CLASSES)})`,
    urbain: `rurality IS NULL OR rurality NOT IN (${list(RURAL_CLASSES)})`,
    frr: `frr IN (${list(FRR_MEMBERS)})`,
    hors_frr: `frr IS NULL OR frr NOT IN (${list(FRR_MEMBERS)})`,
    zrr: `${ZRR_YEAR} AND zrr IN (${list(ZRR_MEMBERS)})`,
    hors_zrr: `${ZRR_YEAR} AND (zrr IS NULL OR zrr NOT IN (${list(ZRR_MEMBERS)}))`,
  };
  if (AREA_LEVELS.includes(level))
    return part === 'zrr' || part === 'hors_zrr'
      ? `CASE WHEN ${ZRR_YEAR} THEN ${sqlString(part)} END`
      : sqlString(part);
  if (part === 'tous') return "'tous'";
  if (level === 'commune') {
    if (part === 'qpv') return "CASE WHEN has_qpv THEN 'qpv' END";
    if (part === 'hors_qpv') return "CASE WHEN has_qpv THEN 'hors_qpv' ELSE 'tous' END";
  } else {
    if (part === 'qpv') return "'tous'";
    if (part === 'hors_qpv') return 'NULL::VARCHAR';
  }
  return `CASE WHEN ${attribute[part] ?? 'FALSE'} THEN 'tous' END`;
}

/** `(SELECT year FROM range(…))` of the span. */
const yearsRelation = (span: YearSpan): string =>
  `(SELECT CAST(range AS INTEGER) AS year FROM range(${sqlInteger(span.from)}, ${sqlInteger(span.to + 1)}))`;

/**
 * CTE `<prefix>_grid`: the territories of `level` over `years` and `parts`, one row per (territory,
 * year, part) that exists, with `cell_part` (the published part it reads). QPV rows only in the
 * years their list is in force; a QPV's attributes are its main commune's.
 */
function gridCte(
  level: TerritoryLevel,
  span: YearSpan,
  parts: readonly Part[],
  prefix: string,
  only: string,
): string {
  const years = yearsRelation(span);
  const partRows = `(VALUES ${parts.map((p) => `(${sqlString(p)})`).join(', ')}) pt(part)`;
  const cases = parts.map((p) => `WHEN ${sqlString(p)} THEN ${cellPartSql(level, p)}`).join(' ');
  let joins = '';
  let attributes = 't.rurality, t.frr, t.zrr, FALSE AS has_qpv';
  let valid = '';
  if (level === 'qpv') {
    joins = `\n      LEFT JOIN territories a ON a.level = 'commune' AND a.code = t.commune_code`;
    attributes = 'a.rurality, a.frr, a.zrr, FALSE AS has_qpv';
    valid = ` AND y.year BETWEEN t.valid_from AND coalesce(t.valid_to, 9999)`;
  } else if (level === 'commune') {
    joins =
      `\n      LEFT JOIN (SELECT DISTINCT y.year, trim(unnest(string_split(q.communes, ';'))) AS commune_code\n` +
      `        FROM territories q JOIN ${years} y ON y.year BETWEEN q.valid_from AND coalesce(q.valid_to, ${sqlInteger(LAST_YEAR)})\n` +
      `        WHERE q.level = 'qpv') q ON q.year = y.year AND q.commune_code = t.code`;
    attributes = 't.rurality, t.frr, t.zrr, q.commune_code IS NOT NULL AS has_qpv';
  }
  return (
    `${prefix}_grid AS (\n  SELECT * FROM (\n    SELECT g.*, pt.part, CASE pt.part ${cases} END AS cell_part FROM (\n` +
    `      SELECT t.level, t.code, t.name, t.region_code, t.departement_code, t.epci_code, t.commune_code, t.site,\n` +
    `        y.year, ${attributes}\n` +
    `      FROM territories t CROSS JOIN ${years} y${joins}\n` +
    `      WHERE t.level = ${sqlString(level)}${valid}${only}) g CROSS JOIN ${partRows})\n` +
    `  WHERE cell_part IS NOT NULL)`
  );
}

/** SQL of the code of the `level` territory a `territories` commune row (alias c) belongs to. */
function communeKey(level: TerritoryLevel): string {
  if (level === 'france') return "'FR'";
  if (level === 'commune') return 'c.code';
  if (level === 'site') return 'c.site';
  if (level === 'qpv') return 'NULL';
  return `c.${level}_code`;
}

/**
 * CTE `<prefix>_cells` (year, code, part, num, den, sup): the indicator's published cells of `level`
 * selected by the filters' breakdown; for the public list of France services, its count of
 * places open on 31 December of each year by part (no cell is secret; services are not placed
 * in QPV, so they have no QPV part).
 */
function cellsCte(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  span: YearSpan,
  filters: Filters,
  prefix: string,
): string {
  if (ind.table === 'services') {
    const partOf = (p: Part): string => {
      const sql = cellPartSql('commune', p);
      return sql === "'tous'" ? "'tous'" : sql.replace("THEN 'tous'", `THEN ${sqlString(p)}`);
    };
    const parts = (['tous', 'rural', 'urbain', 'frr', 'hors_frr', 'zrr', 'hors_zrr'] as const)
      .map(partOf)
      .join(', ');
    return (
      `${prefix}_cells AS (\n  SELECT year, code, part, CAST(${ind.numerator} AS DOUBLE) AS num, NULL::DOUBLE AS den, FALSE AS sup\n` +
      `  FROM (SELECT y.year, ${communeKey(level)} AS code, s.type, c.rurality, c.frr, c.zrr,\n` +
      `      unnest(list_filter([${parts}], x -> x IS NOT NULL)) AS part\n` +
      `    FROM services s JOIN territories c ON c.level = 'commune' AND c.code = s.commune_code\n` +
      `    JOIN ${yearsRelation(span)} y\n` +
      `      ON s.opened <= make_date(y.year, 12, 31) AND (s.closed IS NULL OR s.closed > make_date(y.year, 12, 31)))\n` +
      `  WHERE code IS NOT NULL GROUP BY year, code, part)`
    );
  }
  const num = `CAST(${ind.table === 'cases' ? '"count"' : 'non_recipients'} AS DOUBLE)`;
  const den = ind.table === 'non_recours' ? 'CAST(eligible AS DOUBLE)' : 'NULL::DOUBLE';
  return (
    `${prefix}_cells AS (\n  SELECT CAST(year AS INTEGER) AS year, code, part, ${num} AS num, ${den} AS den, suppressed AS sup\n` +
    `  FROM ${ind.table} WHERE level = ${sqlString(level)} AND year BETWEEN ${sqlInteger(span.from)} AND ${sqlInteger(span.to)}\n` +
    `    AND ${breakdownWhere(ind, filters)})`
  );
}

/**
 * CTEs `<prefix>_grid`, `<prefix>_cells`, `<prefix>_rows`: the last one has a row per territory
 * of `level`, year of `span` and part of `parts` (that exists), with columns level, code, name,
 * parent codes, site, year, part, num, den, sup, population. An absent cell is 0 (NULL where the
 * filters ask for a claims axis not published at this level). `codes`
 * restricts the grid to some territories (series, breakdowns), which changes no figure.
 */
export function levelRowsCtes(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  span: YearSpan,
  filters: Filters,
  parts: readonly Part[],
  opts: { readonly prefix?: string; readonly codes?: readonly string[] } = {},
): string[] {
  const s = checkYears(span);
  const prefix = opts.prefix ?? 'qc';
  const only =
    opts.codes === undefined
      ? ''
      : ` AND t.code IN (${opts.codes.length > 0 ? opts.codes.map(sqlString).join(', ') : 'NULL'})`;
  // An absent cell is 0 only where the publication has such cells: a claims axis that is not
  // published at this level gives no figure at all, never zeros.
  const absent = figuresPublished(ind, level, filters) ? '0' : 'NULL';
  return [
    gridCte(level, s, parts, prefix, only),
    cellsCte(ind, level, s, filters, prefix),
    `${prefix}_rows AS (\n  SELECT g.level, g.code, g.name, g.region_code, g.departement_code, g.epci_code, g.commune_code, g.site,\n` +
      `    g.year, g.part, CASE WHEN c.code IS NULL THEN ${absent} ELSE c.num END AS num,\n` +
      `    CASE WHEN c.code IS NULL THEN ${absent} ELSE c.den END AS den, coalesce(c.sup, FALSE) AS sup,\n` +
      `    CAST(coalesce(p.population, 0) AS DOUBLE) AS population\n` +
      `  FROM ${prefix}_grid g LEFT JOIN ${prefix}_cells c ON c.code = g.code AND c.year = g.year AND c.part = g.cell_part\n` +
      `  LEFT JOIN populations p ON p.level = g.level AND p.code = g.code AND p.part = g.cell_part\n` +
      `    AND g.year BETWEEN p.year_from AND p.year_to)`,
  ];
}

/** Whether the territory-type filter means something for the indicator's table. */
export function typeApplies(ind: IndicatorDefinition, type: Part): boolean {
  return !(ind.table === 'services' && (type === 'qpv' || type === 'hors_qpv'));
}

/**
 * Output columns of every builder from a relation with num, den, sup, population: level, code,
 * name, year, key, numerator, denominator, value, low, high, suppressed, population. Where the
 * territory type does not apply to the indicator, figures are empty.
 */
export function outputColumns(
  ind: IndicatorDefinition,
  keyExpr = 'NULL::VARCHAR',
  applies: string = 'TRUE',
): string {
  const denominator =
    ind.kind === 'count' || ind.denominator === null
      ? 'NULL::DOUBLE'
      : ind.denominator.kind === 'population'
        ? 'population'
        : 'den';
  const f = sqlNumber(ind.factor);
  const shown = applies === 'TRUE' ? 'NOT sup' : `(${applies}) AND NOT sup`;
  const value =
    denominator === 'NULL::DOUBLE'
      ? `num * ${f}`
      : `CASE WHEN ${denominator} > 0 THEN num / ${denominator} * ${f} END`;
  let low = 'NULL::DOUBLE';
  let high = 'NULL::DOUBLE';
  if (ind.kind === 'rate' && ind.interval !== null && denominator !== 'NULL::DOUBLE') {
    const i =
      ind.interval === 'wilson'
        ? wilsonSql('num', denominator, ind.factor)
        : byarSql('num', denominator, ind.factor);
    low = i.low;
    high = i.high;
  }
  const guard = (e: string): string => `CASE WHEN ${shown} THEN ${e} END`;
  return [
    'level',
    'code',
    'name',
    'CAST(year AS INTEGER) AS year',
    `${keyExpr} AS key`,
    `CAST(${guard('num')} AS DOUBLE) AS numerator`,
    `CAST(${denominator === 'den' ? guard('den') : denominator} AS DOUBLE) AS denominator`,
    `CAST(${guard(value)} AS DOUBLE) AS value`,
    `CAST(${guard(low)} AS DOUBLE) AS low`,
    `CAST(${guard(high)} AS DOUBLE) AS high`,
    `${applies === 'TRUE' ? 'sup' : `(${applies}) AND sup`} AS suppressed`,
    'CAST(population AS DOUBLE) AS population',
  ].join(',\n  ');
}

/** Column of a `territories` row of `rowLevel` holding the code of its `target`-level territory. */
export function territoryColumn(rowLevel: TerritoryLevel, target: TerritoryLevel): string {
  if (rowLevel === target) return 'code';
  if (target === 'france') return "'FR'";
  if (target === 'site') return 'site';
  return `${target}_code`;
}

/**
 * Predicate restricting rows of `level` to those inside `within` (or, for a finer `within`, to
 * the territory of `level` that contains it).
 */
export function withinSql(level: TerritoryLevel, within: TerritoryRef | undefined): string {
  if (!within || within.level === 'france') return 'TRUE';
  const rank = (l: TerritoryLevel): number => TERRITORY_LEVELS.indexOf(l);
  if (within.level === 'site' || level === 'site')
    return `code IN (SELECT ${level === 'site' ? 'site' : 'code'} FROM territories WHERE level = ${sqlString(level === 'site' ? 'commune' : level)} AND ${level === 'site' ? `code IN (SELECT code FROM territories WHERE level = ${sqlString(within.level)} AND code = ${sqlString(within.code)})` : `site = ${sqlString(within.code)}`})`;
  if (rank(within.level) <= rank(level)) {
    return `${territoryColumn(level, within.level)} = ${sqlString(within.code)}`;
  }
  return (
    `code IN (SELECT ${territoryColumn(within.level, level)} FROM territories ` +
    `WHERE level = ${sqlString(within.level)} AND code = ${sqlString(within.code)})`
  );
}

/** Assembles `WITH … SELECT …`. */
export function withQuery(ctes: readonly string[], select: string): string {
  return `WITH ${ctes.join(',\n')}\n${select}`;
}
