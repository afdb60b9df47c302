/**
 * The shared core of the builders: facts filtered and located, population units, and the cells of
 * one territory level over a span of years with confidentiality applied. Builders only select
 * from the relations declared here.
 */
import { CONFIDENTIALITY, TERRITORY_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import type { TerritoryRef, TerritoryType } from '../state/app-state';
import { ALL_PARTS, PARTS_RELATION, PART_RELATIONS, levelKeySql, partsListSql } from './filters';
import { byarSql, wilsonSql } from './intervals';
import {
  groupKeyColumns,
  hiddenSetCtes,
  primarySql,
  type Pass,
  type Thresholds,
} from './suppression';
import { sqlInteger, sqlNumber, sqlString } from './sql';

export interface YearSpan {
  readonly from: number;
  readonly to: number;
}

/** Thresholds of the indicator's fact table. */
export function thresholdsOf(ind: IndicatorDefinition): Thresholds {
  return CONFIDENTIALITY[ind.table];
}

/** Fact-table denominator used by the confidentiality rule (same for count and rate indicators). */
const CONFIDENTIALITY_DENOMINATOR: Readonly<Record<IndicatorDefinition['table'], string | null>> = {
  cases: null,
  non_recours: 'sum(eligible)',
  services: null,
};

/** Checks a year span and returns it with integers. */
export function checkYears(years: YearSpan): YearSpan {
  const from = Number(sqlInteger(years.from));
  const to = Number(sqlInteger(years.to));
  // Cell ids (levelCellsCtes) hold the year in 16 bits.
  if (from > to || from < 0 || to > 65535) throw new RangeError(`Période invalide : ${from}–${to}`);
  return { from, to };
}

/**
 * CTEs every builder starts from: `communes`, `qpvs`, `units` (population of each commune's
 * hors-QPV part and of each QPV), `years`, and `facts` (the indicator's fact table filtered by
 * the dimension filters, with the commune's parent codes and rurality; services are counted
 * open at 31 December of each year).
 */
export function baseCtes(ind: IndicatorDefinition, years: YearSpan, factFilter: string): string[] {
  const { from, to } = checkYears(years);
  const yearRange = `f.year BETWEEN ${sqlInteger(from)} AND ${sqlInteger(to)}`;
  const located = 'c.region_code, c.departement_code, c.epci_code, c.rurality';
  let facts: string;
  if (ind.table === 'services') {
    facts =
      `SELECT f.* EXCLUDE (lon, lat), y.year, NULL::VARCHAR AS qpv_code, ${located}\n` +
      `  FROM services f JOIN communes c ON c.commune_code = f.commune_code\n` +
      `  JOIN years y ON f.opened <= make_date(y.year, 12, 31)\n` +
      `    AND (f.closed IS NULL OR f.closed > make_date(y.year, 12, 31))\n` +
      `  WHERE ${factFilter}`;
  } else {
    facts =
      `SELECT f.*, ${located}\n` +
      `  FROM ${ind.table} f JOIN communes c ON c.commune_code = f.commune_code\n` +
      `  WHERE ${yearRange} AND ${factFilter}`;
  }
  return [
    `communes AS (\n  SELECT code AS commune_code, region_code, departement_code, epci_code, rurality, population\n  FROM territories WHERE level = 'commune')`,
    `qpvs AS (\n  SELECT code AS qpv_code, commune_code, population FROM territories WHERE level = 'qpv')`,
    `units AS (\n  SELECT c.commune_code, NULL::VARCHAR AS qpv_code, c.region_code, c.departement_code, c.epci_code, c.rurality,\n` +
      `    greatest(c.population - coalesce(q.population, 0), 0) AS population\n` +
      `  FROM communes c LEFT JOIN (SELECT commune_code, sum(population) AS population FROM qpvs GROUP BY ALL) q\n` +
      `    ON q.commune_code = c.commune_code\n  UNION ALL\n` +
      `  SELECT q.commune_code, q.qpv_code, c.region_code, c.departement_code, c.epci_code, c.rurality, q.population\n` +
      `  FROM qpvs q JOIN communes c ON c.commune_code = q.commune_code)`,
    `years AS (\n  SELECT CAST(y AS INTEGER) AS year FROM generate_series(${sqlInteger(from)}, ${sqlInteger(to)}) t(y))`,
    `facts AS (\n  ${facts})`,
  ];
}

/** Aggregates of the indicator over `facts` as SQL select items `num`, `den`, `cden`. */
export function aggregatesSql(ind: IndicatorDefinition): string {
  const den = ind.denominator?.kind === 'fact' ? ind.denominator.sql : 'NULL';
  const cden = CONFIDENTIALITY_DENOMINATOR[ind.table] ?? '0';
  return `CAST(${ind.numerator} AS DOUBLE) AS num, CAST(${den} AS DOUBLE) AS den, CAST(${cden} AS DOUBLE) AS cden`;
}

/** Whether the territory-type filter means something for the indicator's table. */
export function typeApplies(ind: IndicatorDefinition, type: TerritoryType): boolean {
  return !(ind.table === 'services' && (type === 'qpv' || type === 'hors_qpv'));
}

/**
 * SELECT aggregating `source` (facts or units) by year (when `withYear`), territory code
 * `codeExpr` and part: a row counts in 'tous', in its QPV/hors-QPV part and in its rural/urbain
 * part.
 */
export function partAggregateSelect(
  source: string,
  codeExpr: string,
  items: string,
  where = 'TRUE',
  withYear = true,
): string {
  return (
    `SELECT ${withYear ? 'year, ' : ''}code, part, ${items}\n` +
    `  FROM (SELECT *, ${codeExpr} AS code, unnest(${partsListSql('qpv_code', 'rurality')}) AS part FROM ${source} WHERE ${where})\n` +
    `  WHERE code IS NOT NULL AND part IS NOT NULL GROUP BY ALL`
  );
}

/** `<name> AS (…)` of `partAggregateSelect`. */
export function partAggregateCte(
  name: string,
  source: string,
  codeExpr: string,
  items: string,
  where = 'TRUE',
  withYear = true,
): string {
  return `${name} AS (\n  ${partAggregateSelect(source, codeExpr, items, where, withYear)})`;
}

/** Population select items for `partAggregateCte` over `units`. */
export const POPULATION_ITEMS = 'CAST(sum(population) AS DOUBLE) AS population';

/**
 * Whether an aggregate adds up over any partition of its rows, so that summing it per group of a
 * partition gives it for the whole: a single `sum(…)` or `count(…)` (not DISTINCT), with an
 * optional `FILTER (WHERE …)`, and nothing around it. Over integer columns (every count of the
 * contract is an INTEGER) the partial sums are integers, exact as doubles, so their sum is
 * exactly the direct one.
 */
export function isDecomposableAggregate(sql: string): boolean {
  const s = sql.trim();
  const head = /^(sum|count)\s*\(/i.exec(s);
  if (!head) return false;
  const close = matchingParen(s, head[0].length - 1);
  if (close < 0 || /^\s*distinct\b/i.test(s.slice(head[0].length, close))) return false;
  const rest = s.slice(close + 1).trim();
  if (rest === '') return true;
  const filter = /^filter\s*\(\s*where\b/i.exec(rest);
  if (!filter) return false;
  return matchingParen(rest, rest.indexOf('(')) === rest.length - 1;
}

/** Index of the parenthesis closing the one at `open` (quotes skipped), or -1. */
function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The aggregates behind `aggregatesSql`: numerator, fact denominator, confidentiality one. */
function aggregatesOf(ind: IndicatorDefinition): string[] {
  const out = [ind.numerator];
  if (ind.denominator?.kind === 'fact') out.push(ind.denominator.sql);
  const cden = CONFIDENTIALITY_DENOMINATOR[ind.table];
  if (cden !== null) out.push(cden);
  return out;
}

/** Whether every aggregate of the indicator is decomposable (see `isDecomposableAggregate`). */
export function hasDecomposableAggregates(ind: IndicatorDefinition): boolean {
  return aggregatesOf(ind).every(isDecomposableAggregate);
}

/**
 * CTE `<p>_fact` (year, code, part, num, den, cden) of `levelCellsCtes`. Unnesting every fact
 * into its three parts before grouping made the facts three times as many (8 million rows for
 * ten years of non-recours); so the facts are first summed by what the parts and the code depend
 * on — year, code, whether in a QPV, rurality — and only these sums are unnested and added up.
 * Same figures (sums of integer sums, NULL when no fact has a value); an indicator whose
 * aggregates do not add up is aggregated directly.
 */
function levelFactCtes(ind: IndicatorDefinition, p: string, key: string): string[] {
  if (!hasDecomposableAggregates(ind)) {
    return [partAggregateCte(`${p}_fact`, 'facts', key, aggregatesSql(ind))];
  }
  return [
    // in_qpv is TRUE in a QPV and NULL elsewhere, as partsListSql reads qpv_code.
    `${p}_unit AS (\n  SELECT year, ${key} AS code, CASE WHEN qpv_code IS NOT NULL THEN TRUE END AS in_qpv, rurality,\n` +
      `    ${aggregatesSql(ind)}\n` +
      `  FROM facts WHERE ${key} IS NOT NULL GROUP BY ALL)`,
    `${p}_fact AS (\n  SELECT year, code, part, sum(num) AS num, sum(den) AS den, sum(cden) AS cden\n` +
      `  FROM (SELECT *, unnest(${partsListSql('in_qpv', 'rurality')}) AS part FROM ${p}_unit)\n` +
      `  WHERE part IS NOT NULL GROUP BY ALL)`,
  ];
}

/** Parent-group partitions for cells of `level`, finest first (each within year and part). */
export function parentGroups(level: TerritoryLevel): string[][] {
  switch (level) {
    case 'france':
      return [];
    case 'region':
      return [[]];
    case 'departement':
      return [['region_code'], []];
    case 'epci':
      return [['departement_code'], ['region_code'], []];
    case 'commune':
      return [
        ['departement_code', 'epci_code'],
        ['epci_code'],
        ['departement_code'],
        ['region_code'],
        [],
      ];
    case 'qpv':
      return [['commune_code'], ['epci_code'], ['departement_code'], ['region_code'], []];
  }
}

export interface LevelCells {
  readonly ctes: string[];
  /** Relation of every cell with its `sup` flag. */
  readonly name: string;
  /**
   * Where the hidden cells are: relation `cells` (with id, year, code, part) and the relation of
   * hidden `ids`; null when the table has no confidentiality rule.
   */
  readonly hidden: { readonly cells: string; readonly ids: string } | null;
}

/**
 * CTEs for the cells of `level` over the years of `years`: one row per (year, territory, part) in
 * relation `<level>_cells` with columns level, code, name, parent codes, year, part, num, den,
 * cden, population, sup. Suppression is computed over every territory of the level and every
 * part (never only what is displayed), so a figure does not depend on what else is on screen
 * nor on the territory-type filter.
 */
export function levelCellsCtes(ind: IndicatorDefinition, level: TerritoryLevel): LevelCells {
  const p = `${level}`;
  const partsArray = `[${ALL_PARTS.map(sqlString).join(', ')}]`;
  const key = levelKeySql(level);
  const ctes = [
    // The cell id is arithmetic (territory rank, year, part) rather than a row_number() over
    // every cell: sorting 1.7 million commune cells took a quarter of a ten-year series.
    `${p}_grid AS (\n  SELECT (t.rank * 65536 + y.year) * 8 + list_position(${partsArray}, pt.part) AS id,\n` +
      `    t.level, t.code, t.name, t.region_code, t.departement_code, t.epci_code, t.commune_code, y.year, pt.part\n` +
      `  FROM (SELECT *, row_number() OVER (ORDER BY code) AS rank FROM territories t WHERE t.level = ${sqlString(level)}) t\n` +
      `  CROSS JOIN years y CROSS JOIN ${PARTS_RELATION})`,
    ...levelFactCtes(ind, p, key),
    partAggregateCte(`${p}_pop`, 'units', key, POPULATION_ITEMS, 'TRUE', false),
    `${p}_c0 AS (\n  SELECT g.*, coalesce(a.num, 0) AS num, coalesce(a.den, 0) AS den, coalesce(a.cden, 0) AS cden,\n` +
      `    coalesce(u.population, 0) AS population, FALSE AS total_hidden\n` +
      `  FROM ${p}_grid g LEFT JOIN ${p}_fact a ON a.year = g.year AND a.code = g.code AND a.part = g.part\n` +
      `  LEFT JOIN ${p}_pop u ON u.code = g.code AND u.part = g.part)`,
  ];
  const t = thresholdsOf(ind);
  if (t.minCount === 0 && t.minDenominator === 0) {
    ctes.push(`${p}_cells AS (SELECT *, FALSE AS sup FROM ${p}_c0)`);
    return { ctes, name: `${p}_cells`, hidden: null };
  }
  const passes: Pass[] = [
    ...parentGroups(level).map((g) => ({ partition: ['year', 'part', ...g] })),
    ...PART_RELATIONS.map((r) => ({ partition: ['year', 'code'], where: r })),
  ];
  const hidden = hiddenSetCtes(`${p}_c1`, p, primarySql(t), passes, ['code', 'part'], t.minCount);
  ctes.push(
    // The passes only read cells that can matter: a cell with no count, no confidentiality
    // denominator and no population is never hidden by the primary rule, never picked (a pick
    // is non-zero or populated) and adds 0 to a group's sum. On communes that drops the QPV
    // part of communes without QPV and one of rural/urbain: ~40 % of the cells.
    `${p}_c1 AS MATERIALIZED (\n  SELECT *, ${groupKeyColumns(passes)} FROM ${p}_c0\n  WHERE num <> 0 OR cden <> 0 OR population > 0)`,
    ...hidden.ctes,
    `${p}_cells AS (SELECT *, id IN (SELECT id FROM ${hidden.hidden}) AS sup FROM ${p}_c0)`,
  );
  return { ctes, name: `${p}_cells`, hidden: { cells: `${p}_c1`, ids: hidden.hidden } };
}

/**
 * Output columns of every builder from a relation with num, den, population, sup: level, code,
 * name, year, key, numerator, denominator, value, low, high, suppressed, population. `type` is
 * the territory-type filter, or 'per-part' for a relation holding every part (each row then
 * shown as the filter of its own part would show it).
 */
export function outputColumns(
  ind: IndicatorDefinition,
  type: TerritoryType | 'per-part',
  keyExpr = 'NULL::VARCHAR',
): string {
  const shownParts = ALL_PARTS.filter((p) => typeApplies(ind, p));
  // TRUE, FALSE or a predicate on `part`.
  const applies =
    type !== 'per-part'
      ? typeApplies(ind, type)
        ? 'TRUE'
        : 'FALSE'
      : shownParts.length === ALL_PARTS.length
        ? 'TRUE'
        : `part IN (${shownParts.map(sqlString).join(', ')})`;
  const denominator =
    ind.kind === 'count' || ind.denominator === null
      ? 'NULL::DOUBLE'
      : ind.denominator.kind === 'population'
        ? 'population'
        : 'den';
  const f = sqlNumber(ind.factor);
  // `e` where the territory type applies, FALSE elsewhere (folded when `applies` is constant).
  const where = (e: string): string =>
    applies === 'TRUE' ? e : applies === 'FALSE' ? 'FALSE' : `(${applies} AND ${e})`;
  const shown = where('NOT sup');
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
    `CAST(${denominator} AS DOUBLE) AS denominator`,
    `CAST(${guard(value)} AS DOUBLE) AS value`,
    `CAST(${guard(low)} AS DOUBLE) AS low`,
    `CAST(${guard(high)} AS DOUBLE) AS high`,
    `${where('sup')} AS suppressed`,
    'CAST(population AS DOUBLE) AS population',
  ].join(',\n  ');
}

/** Column of a `territories` row of `rowLevel` holding the code of its `target`-level territory. */
export function territoryColumn(rowLevel: TerritoryLevel, target: TerritoryLevel): string {
  if (rowLevel === target) return 'code';
  if (target === 'france') return "'FR'";
  return `${target}_code`;
}

/**
 * Predicate restricting cells of `level` to those inside `within` (or, for a finer `within`, to
 * the territory of `level` that contains it).
 */
export function withinSql(level: TerritoryLevel, within: TerritoryRef | undefined): string {
  if (!within || within.level === 'france') return 'TRUE';
  const rank = (l: TerritoryLevel): number => TERRITORY_LEVELS.indexOf(l);
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
