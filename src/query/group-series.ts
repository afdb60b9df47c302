/**
 * Groups of territories summed as one (an experimental site is a group of one: its published
 * cell; a custom group sums its members' published cells), by year. Nothing finer than the
 * publication is read: a group never shows a total that includes a secret cell.
 */
import { TERRITORY_LEVELS, type TerritoryRef } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { levelRowsCtes, typeApplies, withQuery, type YearSpan } from './cells';
import { ALL_YEARS, emptyResult } from './by-territory';
import { figuresPublished, type Filters } from './filters';
import { byarSql, wilsonSql } from './intervals';
import { sqlNumber, sqlString } from './sql';

export interface TerritoryGroup {
  readonly id: string;
  readonly name: string;
  readonly members: readonly TerritoryRef[];
}

const MEMBER_COMMUNES = `CASE m.level
      WHEN 'france' THEN TRUE WHEN 'region' THEN c.region_code = m.code
      WHEN 'departement' THEN c.departement_code = m.code WHEN 'epci' THEN c.epci_code = m.code
      WHEN 'site' THEN c.site = m.code WHEN 'commune' THEN c.code = m.code ELSE FALSE END`;

/**
 * CTEs `gr_kept` (gid, level, code: the members that count) and `gr_overlap` (gid of groups whose
 * kept members overlap). A member inside another member of its group (a commune of a
 * département also listed) is counted once, through the larger one; two members that overlap
 * without one holding the other (a QPV spanning two communes, one of which is listed) make the
 * group's sum impossible from published cells.
 */
function memberCtes(groups: readonly TerritoryGroup[]): string[] {
  const rows = groups.flatMap((g) =>
    g.members.map((m) => `(${sqlString(g.id)}, ${sqlString(m.level)}, ${sqlString(m.code)})`),
  );
  const rank = `array_position([${TERRITORY_LEVELS.map(sqlString).join(', ')}], level)`;
  const members = `gr_members AS (\n  SELECT DISTINCT * FROM (VALUES ${rows.length > 0 ? rows.join(', ') : '(NULL, NULL, NULL)'}) v(gid, level, code) WHERE gid IS NOT NULL)`;
  // A group of one member (every experimental site: its published territory) holds nothing
  // inside another member and overlaps nothing: its member counts as it is. Resolving members
  // costs more than the rest of the query (it walks the communes of every member), and depends
  // only on the groups, so it is written out only when some group has two members.
  if (groups.every((g) => new Set(g.members.map((m) => `${m.level}\u0000${m.code}`)).size <= 1))
    return [
      members,
      `gr_kept AS (SELECT gid, level, code FROM gr_members)`,
      `gr_overlap AS (SELECT NULL::VARCHAR AS gid WHERE FALSE)`,
    ];
  return [
    members,
    // The communes each member touches (a QPV: the communes it lies in, not whole).
    `gr_touch AS (\n  SELECT m.gid, m.level, m.code, c.code AS commune FROM gr_members m JOIN territories c\n` +
      `    ON c.level = 'commune' AND ${MEMBER_COMMUNES}\n  UNION ALL\n` +
      `  SELECT m.gid, m.level, m.code, trim(unnest(string_split(q.communes, ';'))) FROM gr_members m\n` +
      `    JOIN territories q ON q.level = 'qpv' AND q.code = m.code WHERE m.level = 'qpv')`,
    `gr_size AS (SELECT gid, level, code, count(*) AS n, ${rank} AS r FROM gr_touch GROUP BY ALL)`,
    // b holds a when every commune a touches is wholly in b (b is not a QPV), and b is larger, or
    // as large and first (identical sets: a site that is an EPCI).
    `gr_inside AS (\n  SELECT DISTINCT a.gid, a.level, a.code FROM gr_size a JOIN gr_size b\n` +
      `    ON a.gid = b.gid AND NOT (a.level = b.level AND a.code = b.code) AND b.level <> 'qpv'\n` +
      `    AND (b.n > a.n OR (b.n = a.n AND (b.r < a.r OR (b.r = a.r AND b.code < a.code))))\n` +
      `  WHERE NOT EXISTS (SELECT 1 FROM gr_touch ta WHERE ta.gid = a.gid AND ta.level = a.level AND ta.code = a.code\n` +
      `    AND ta.commune NOT IN (SELECT tb.commune FROM gr_touch tb WHERE tb.gid = b.gid AND tb.level = b.level AND tb.code = b.code)))`,
    `gr_kept AS (SELECT gid, level, code FROM gr_members EXCEPT SELECT gid, level, code FROM gr_inside)`,
    `gr_kept_touch AS (SELECT t.* FROM gr_touch t JOIN gr_kept k ON k.gid = t.gid AND k.level = t.level AND k.code = t.code)`,
    `gr_overlap AS (\n  SELECT DISTINCT a.gid FROM gr_kept_touch a JOIN gr_kept_touch b ON a.gid = b.gid AND a.commune = b.commune\n` +
      `    AND (a.level < b.level OR (a.level = b.level AND a.code < b.code)) AND NOT (a.level = 'qpv' AND b.level = 'qpv'))`,
  ];
}

/**
 * One row per group and year (`level` = 'groupe', `code` = group id, `name` = group name),
 * ordered as the groups are given, with the builders' columns plus `hidden_members` (members whose
 * cell is secret that year), `lower_bound` (the figure is the sum of the published members only:
 * « au moins ») and `overlap` (members overlap in part: no sum can be given). A count or a rate
 * per inhabitant with secret members is a lower bound; a non-recours rate is withheld, and so is
 * any figure when every member is secret (an experimental site whose cell is secret).
 */
export function indicatorGroupSeries(
  ind: IndicatorDefinition,
  groups: readonly TerritoryGroup[],
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  if (groups.length === 0) return emptyResult();
  const levels = TERRITORY_LEVELS.filter((l) =>
    groups.some((g) => g.members.some((m) => m.level === l)),
  );
  // A member whose level has no published figure for these filters makes every sum impossible.
  if (levels.some((l) => !figuresPublished(ind, l, filters))) return emptyResult();
  const ctes = memberCtes(groups);
  const memberRows: string[] = [];
  levels.forEach((level, i) => {
    const codes = [
      ...new Set(
        groups.flatMap((g) => g.members.filter((m) => m.level === level).map((m) => m.code)),
      ),
    ];
    ctes.push(
      ...levelRowsCtes(ind, level, years, filters, [filters.territoryType], {
        prefix: `gm${i}`,
        codes,
      }),
    );
    memberRows.push(`SELECT * FROM gm${i}_rows`);
  });
  const order = groups.map((g, i) => `(${sqlString(g.id)}, ${sqlString(g.name)}, ${i})`).join(', ');
  ctes.push(
    `gr_groups AS (SELECT * FROM (VALUES ${order}) v(gid, name, ord))`,
    `gr_sum AS (\n  SELECT k.gid, r.year, sum(CASE WHEN r.sup THEN 0 ELSE r.num END) AS num,\n` +
      `    sum(CASE WHEN r.sup THEN 0 ELSE r.den END) AS den, sum(r.population) AS population,\n` +
      `    count(*) FILTER (WHERE r.sup) AS hidden_members, count(*) FILTER (WHERE NOT r.sup) AS shown_members\n` +
      `  FROM gr_kept k JOIN (${memberRows.join(' UNION ALL ')}) r ON r.level = k.level AND r.code = k.code\n` +
      `  GROUP BY k.gid, r.year)`,
  );
  const f = sqlNumber(ind.factor);
  const applies = typeApplies(ind, filters.territoryType);
  const byPopulation = ind.denominator?.kind === 'population';
  const denominator =
    ind.kind === 'count' || ind.denominator === null ? null : byPopulation ? 'population' : 'den';
  // A lower bound is a sum of non-negative published counts: valid for a count and for a count
  // per inhabitant (the population is whole); not for a share of the eligible.
  // With no published member (a site whose cell is secret), there is no bound to give: secret.
  const withheld = `NOT ${applies ? 'TRUE' : 'FALSE'} OR ov.gid IS NOT NULL OR shown_members = 0 OR (hidden_members > 0 AND ${denominator === 'den' ? 'TRUE' : 'FALSE'})`;
  const value =
    denominator === null
      ? `num * ${f}`
      : `CASE WHEN ${denominator} > 0 THEN num / ${denominator} * ${f} END`;
  let low = 'NULL::DOUBLE';
  let high = 'NULL::DOUBLE';
  if (ind.kind === 'rate' && ind.interval !== null && denominator !== null) {
    const i =
      ind.interval === 'wilson'
        ? wilsonSql('num', denominator, ind.factor)
        : byarSql('num', denominator, ind.factor);
    low = `CASE WHEN hidden_members = 0 THEN ${i.low} END`;
    high = `CASE WHEN hidden_members = 0 THEN ${i.high} END`;
  }
  const guard = (e: string): string => `CASE WHEN NOT (${withheld}) THEN ${e} END`;
  return withQuery(
    ctes,
    `SELECT\n  'groupe' AS level, g.gid AS code, g.name, CAST(s.year AS INTEGER) AS year, NULL::VARCHAR AS key,\n` +
      `  CAST(${guard('num')} AS DOUBLE) AS numerator,\n` +
      `  CAST(${denominator === null ? 'NULL' : guard(denominator)} AS DOUBLE) AS denominator,\n` +
      `  CAST(${guard(value)} AS DOUBLE) AS value,\n  CAST(${guard(low)} AS DOUBLE) AS low,\n  CAST(${guard(high)} AS DOUBLE) AS high,\n` +
      `  (${withheld}) AS suppressed, CAST(population AS DOUBLE) AS population,\n` +
      `  CAST(hidden_members AS INTEGER) AS hidden_members, NOT (${withheld}) AND hidden_members > 0 AS lower_bound,\n` +
      `  ov.gid IS NOT NULL AS overlap\n` +
      `FROM gr_groups g JOIN gr_sum s ON s.gid = g.gid LEFT JOIN gr_overlap ov ON ov.gid = g.gid\n` +
      `ORDER BY g.ord, s.year`,
  );
}
