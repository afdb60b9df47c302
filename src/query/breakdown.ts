/** Breakdown of one territory and year by a dimension (profile panel). */
import {
  BENEFIT_LABELS,
  CHANNEL_LABELS,
  CRITERION_LABELS,
  DOMAIN_LABELS,
} from '../catalogue/labels';
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
  levelCellsCtes,
  outputColumns,
  partAggregateCte,
  POPULATION_ITEMS,
  withQuery,
} from './cells';
import { emptyResult } from './by-territory';
import { groupKeyColumns, hiddenSetCtes, primarySql, type Pass } from './suppression';
import { thresholdsOf } from './cells';
import { sqlInteger, sqlString } from './sql';

export type BreakdownDimension = 'criterion' | 'domain' | 'channel' | 'benefit' | 'qpv';

const KEY_LABELS: Readonly<
  Record<Exclude<BreakdownDimension, 'qpv'>, Readonly<Record<string, string>>>
> = {
  criterion: CRITERION_LABELS,
  domain: DOMAIN_LABELS,
  channel: CHANNEL_LABELS,
  benefit: BENEFIT_LABELS,
};

/** Breakdown key of the part of a commune outside its QPVs. */
export const HORS_QPV_KEY = 'hors_qpv';

/**
 * One row per value of `by` (every code of the dimension, or every QPV of the territory plus
 * `hors_qpv`) for `territory` and `year`, with the builders' columns plus `key_name` (French
 * label of the key). The dimension's own filter is ignored ("a view is not filtered by its own
 * clause"); for `qpv`, the QPV/hors-QPV territory-type filter is ignored too. Secondary
 * suppression: the keys of a part form a group whose total is the territory's figure; when that
 * figure is itself hidden on the map, at least one non-zero key is hidden. Empty when the
 * dimension does not apply to the indicator.
 */
export function indicatorBreakdown(
  ind: IndicatorDefinition,
  territory: TerritoryRef,
  year: number,
  filters: Filters,
  by: BreakdownDimension,
): string {
  const applies = by === 'qpv' ? ind.table !== 'services' : ind.filters.includes(by);
  if (!applies || !ind.levels.includes(territory.level)) return emptyResult();
  const y = Number(sqlInteger(year));
  const type =
    by === 'qpv' && (filters.territoryType === 'qpv' || filters.territoryType === 'hors_qpv')
      ? 'tous'
      : filters.territoryType;
  const f: Filters = { ...filters, territoryType: type, ...(by === 'qpv' ? {} : { [by]: null }) };
  const code = sqlString(territory.code);
  const inTerritory = `${levelKeySql(territory.level)} = ${code}`;
  const ctes = baseCtes(ind, { from: y, to: y }, factFilterSql(ind, f));
  const total = levelCellsCtes(ind, territory.level);
  ctes.push(...total.ctes);

  let keys: string;
  let keyOfRow: string;
  if (by === 'qpv') {
    keys =
      `SELECT code AS key, name AS key_name FROM territories WHERE level = 'qpv' AND ${territory.level === 'qpv' ? `code = ${code}` : `${levelKeySql(territory.level)} = ${code}`}\n` +
      `  UNION ALL SELECT ${sqlString(HORS_QPV_KEY)}, 'Hors QPV'`;
    keyOfRow = `coalesce(qpv_code, ${sqlString(HORS_QPV_KEY)})`;
  } else {
    const labels = KEY_LABELS[by];
    keys = `SELECT * FROM (VALUES ${Object.entries(labels)
      .map(([k, v]) => `(${sqlString(k)}, ${sqlString(v)})`)
      .join(', ')}) v(key, key_name)`;
    keyOfRow = `"${by}"`;
  }
  // Populations: per QPV key for a QPV breakdown, the territory's for the others.
  const popCte =
    by === 'qpv'
      ? partAggregateCte('bd_pop', 'units', keyOfRow, POPULATION_ITEMS, inTerritory, false)
      : partAggregateCte(
          'bd_pop',
          '(SELECT * FROM units CROSS JOIN (SELECT key AS bd_key FROM bd_keys))',
          'bd_key',
          POPULATION_ITEMS,
          inTerritory,
          false,
        );
  ctes.push(
    `bd_keys AS (\n  ${keys})`,
    partAggregateCte('bd_fact', 'facts', keyOfRow, aggregatesSql(ind), inTerritory, false),
    popCte,
    `bd_c0 AS (\n  SELECT t.level, t.code, t.name, ${sqlInteger(y)} AS year, k.key, k.key_name, pt.part,\n` +
      `    coalesce(a.num, 0) AS num, coalesce(a.den, 0) AS den, coalesce(a.cden, 0) AS cden, coalesce(u.population, 0) AS population,\n` +
      `    coalesce(tc.sup, FALSE) AS total_hidden\n` +
      `  FROM territories t CROSS JOIN bd_keys k CROSS JOIN ${PARTS_RELATION}\n` +
      `  LEFT JOIN bd_fact a ON a.code = k.key AND a.part = pt.part\n` +
      `  LEFT JOIN bd_pop u ON u.code = k.key AND u.part = pt.part\n` +
      `  LEFT JOIN ${total.name} tc ON tc.code = t.code AND tc.part = pt.part\n` +
      `  WHERE t.level = ${sqlString(territory.level)} AND t.code = ${code})`,
  );
  const passes: Pass[] = [
    // The territory's figure is hidden on its map: its keys must not rebuild it.
    { partition: ['part'], need: 'nh = 0 AND total_hidden' },
    { partition: ['part'] },
    ...PART_RELATIONS.map((r) => ({ partition: ['key'], where: r })),
  ];
  const t = thresholdsOf(ind);
  const hidden = hiddenSetCtes('bd_c1', 'bd', primarySql(t), passes, ['key', 'part'], t.minCount);
  ctes.push(
    `bd_c1 AS MATERIALIZED (\n  SELECT *, ${groupKeyColumns(passes)}, row_number() OVER (ORDER BY key, part) AS id FROM bd_c0)`,
    ...hidden.ctes,
    `bd_cells AS (SELECT *, id IN (SELECT id FROM ${hidden.hidden}) AS sup FROM bd_c1)`,
  );
  return withQuery(
    ctes,
    `SELECT\n  ${outputColumns(ind, type, 'key')},\n  key_name\nFROM bd_cells\n` +
      `WHERE part = ${sqlString(partOf(type))}\nORDER BY key = ${sqlString(HORS_QPV_KEY)}, key`,
  );
}
