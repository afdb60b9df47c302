/** Groups of territories summed as one (experimental sites, custom groups), by year. */
import { TERRITORY_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import type { TerritoryRef } from '../state/app-state';
import {
  PARTS_RELATION,
  PART_RELATIONS,
  factFilterSql,
  levelKeySql,
  partOf,
  type Filters,
} from './filters';
import {
  aggregatesSql,
  baseCtes,
  checkYears,
  levelCellsCtes,
  outputColumns,
  partAggregateSelect,
  POPULATION_ITEMS,
  thresholdsOf,
  withQuery,
  type YearSpan,
} from './cells';
import { ALL_YEARS, emptyResult } from './by-territory';
import { groupKeyColumns, hiddenSetCtes, primarySql, type Pass } from './suppression';
import { hasSuppression, levelMaskSql } from './level-mask';
import { plainPlan, tempRelation, type QueryPlan, type TempRelation } from './plan';
import { sqlString } from './sql';

export interface TerritoryGroup {
  readonly id: string;
  readonly name: string;
  readonly members: readonly TerritoryRef[];
}

function memberPredicate(members: readonly TerritoryRef[]): string {
  if (members.length === 0) return 'FALSE';
  if (members.some((m) => m.level === 'france')) return 'TRUE';
  return members.map((m) => `${levelKeySql(m.level)} = ${sqlString(m.code)}`).join(' OR ');
}

/** How the hidden member cells of each level are read: computed inline, or from temp tables. */
type MemberMask = (level: TerritoryLevel) => { ctes: string[]; relation: string };

/**
 * One row per group and year (`level` = 'groupe', `code` = group id, `name` = group name),
 * ordered as the groups are given. A fact or inhabitant counts once per group even when members
 * overlap. Besides the primary rule, a group's figure is hidden when exactly one of its members
 * is hidden on that member's map (otherwise the group total minus the other members would give
 * it back). Standalone SQL; `indicatorGroupSeriesPlan` gives the same rows faster.
 */
export function indicatorGroupSeries(
  ind: IndicatorDefinition,
  groups: readonly TerritoryGroup[],
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  return groupSeriesSql(ind, groups, filters, years, (level) => {
    const cells = levelCellsCtes(ind, level);
    return { ctes: cells.ctes, relation: cells.name };
  });
}

/**
 * `indicatorGroupSeries` as a plan: `sql` is its standalone text (export, SQL button); `run`
 * reads each member level's hidden cells from a temp table (`levelMaskSql`), which
 * every indicator with the same table, numerator and filters shares, instead of recomputing the
 * suppression of every territory of the level inside the query. Same rows, checked by
 * group-series-plan.test.ts.
 */
export function indicatorGroupSeriesPlan(
  ind: IndicatorDefinition,
  groups: readonly TerritoryGroup[],
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): QueryPlan {
  const sql = indicatorGroupSeries(ind, groups, filters, years);
  if (groups.length === 0 || !hasSuppression(ind)) return plainPlan(sql);
  const temps: TempRelation[] = [];
  const run = groupSeriesSql(ind, groups, filters, years, (level) => {
    const mask = tempRelation(levelMaskSql(ind, level, checkYears(years), filters));
    temps.push(mask);
    return { ctes: [], relation: `(SELECT code, year, part, TRUE AS sup FROM ${mask.name})` };
  });
  return { sql, temps, run };
}

function groupSeriesSql(
  ind: IndicatorDefinition,
  groups: readonly TerritoryGroup[],
  filters: Filters,
  years: YearSpan,
  memberMask: MemberMask,
): string {
  if (groups.length === 0) return emptyResult();
  const type = filters.territoryType;
  const ctes = baseCtes(ind, years, factFilterSql(ind, filters));
  const levels = TERRITORY_LEVELS.filter((l) =>
    groups.some((g) => g.members.some((m) => m.level === l)),
  );
  const memberCells: string[] = [];
  for (const level of levels) {
    const mask = memberMask(level);
    ctes.push(...mask.ctes);
    memberCells.push(
      `SELECT m.gid, c.year, c.part, c.sup FROM gr_members m JOIN ${mask.relation} c ON m.level = ${sqlString(level)} AND c.code = m.code`,
    );
  }
  const memberRows = groups.flatMap((g) =>
    g.members.map((m) => `(${sqlString(g.id)}, ${sqlString(m.level)}, ${sqlString(m.code)})`),
  );
  ctes.push(
    `gr_groups AS (\n  SELECT * FROM (VALUES ${groups
      .map((g, i) => `(${sqlString(g.id)}, ${sqlString(g.name)}, ${i})`)
      .join(', ')}) v(code, name, ord))`,
    `gr_members AS (\n  SELECT DISTINCT * FROM (VALUES ${memberRows.length > 0 ? memberRows.join(', ') : '(NULL, NULL, NULL)'}) v(gid, level, code) WHERE gid IS NOT NULL)`,
    // The facts of any member, read once: each group's sum then scans these, not every fact.
    `gr_facts AS MATERIALIZED (\n  SELECT * FROM facts WHERE ${groups.map((g) => `(${memberPredicate(g.members)})`).join(' OR ')})`,
    `gr_fact AS (\n  ${groups
      .map((g) =>
        partAggregateSelect(
          'gr_facts',
          sqlString(g.id),
          aggregatesSql(ind),
          memberPredicate(g.members),
        ),
      )
      .join('\n  UNION ALL ')})`,
    `gr_pop AS (\n  ${groups
      .map((g) =>
        partAggregateSelect(
          'units',
          sqlString(g.id),
          POPULATION_ITEMS,
          memberPredicate(g.members),
          false,
        ),
      )
      .join('\n  UNION ALL ')})`,
    `gr_msup AS (\n  SELECT gid, year, part, count(*) FILTER (WHERE sup) AS n FROM (${memberCells.length > 0 ? memberCells.join(' UNION ALL ') : 'SELECT NULL AS gid, NULL AS year, NULL AS part, FALSE AS sup'}) GROUP BY ALL)`,
    `gr_c0 AS (\n  SELECT 'groupe' AS level, g.code, g.name, g.ord, y.year, pt.part,\n` +
      `    coalesce(a.num, 0) AS num, coalesce(a.den, 0) AS den, coalesce(a.cden, 0) AS cden, coalesce(u.population, 0) AS population,\n` +
      `    coalesce(ms.n, 0) AS members_hidden, FALSE AS total_hidden\n` +
      `  FROM gr_groups g CROSS JOIN years y CROSS JOIN ${PARTS_RELATION}\n` +
      `  LEFT JOIN gr_fact a ON a.code = g.code AND a.year = y.year AND a.part = pt.part\n` +
      `  LEFT JOIN gr_pop u ON u.code = g.code AND u.part = pt.part\n` +
      `  LEFT JOIN gr_msup ms ON ms.gid = g.code AND ms.year = y.year AND ms.part = pt.part)`,
  );
  const passes: Pass[] = PART_RELATIONS.map((r) => ({ partition: ['code', 'year'], where: r }));
  const hidden = hiddenSetCtes(
    'gr_c1',
    'gr',
    `(${primarySql(thresholdsOf(ind))}) OR members_hidden = 1`,
    passes,
    ['code', 'part'],
    thresholdsOf(ind).minCount,
  );
  ctes.push(
    `gr_c1 AS MATERIALIZED (\n  SELECT *, ${groupKeyColumns(passes)}, row_number() OVER (ORDER BY ord, year, part) AS id FROM gr_c0)`,
    ...hidden.ctes,
    `gr_cells AS (SELECT *, id IN (SELECT id FROM ${hidden.hidden}) AS sup FROM gr_c1)`,
  );
  const last = 'gr_cells';
  return withQuery(
    ctes,
    `SELECT\n  ${outputColumns(ind, type)}\nFROM ${last}\nWHERE part = ${sqlString(partOf(type))}\nORDER BY ord, year`,
  );
}
