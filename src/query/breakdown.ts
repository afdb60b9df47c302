/** Breakdown of one territory and year by a dimension (profile panel, report). */
import {
  BENEFIT_LABELS,
  CHANNEL_LABELS,
  CRITERION_LABELS,
  DOMAIN_LABELS,
} from '../catalogue/labels';
import { breakdownPublished, type TerritoryRef } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { figuresPublished, type Filters } from './filters';
import { levelRowsCtes, outputColumns, territoryColumn, withQuery } from './cells';
import { emptyResult } from './by-territory';
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

/** Breakdown key of the part of a territory outside its QPVs. */
export const HORS_QPV_KEY = 'hors_qpv';

/** Whether `by` breaks the indicator down at the territory's level in the publication. */
export function breakdownAvailable(
  ind: IndicatorDefinition,
  level: TerritoryRef['level'],
  by: BreakdownDimension,
): boolean {
  if (!ind.levels.includes(level)) return false;
  if (by === 'qpv') return ind.table !== 'services' && level !== 'site' && level !== 'qpv';
  if (by === 'benefit') return ind.table === 'non_recours';
  return ind.table === 'cases' && breakdownPublished(level, by);
}

/**
 * One row per value of `by` (every code of the dimension, or every QPV in force in the territory
 * plus `hors_qpv`) for `territory` and `year`, with the builders' columns plus `key_name`. The
 * claims are published one axis at a time, so a breakdown by an axis ignores every axis filter
 * (a view is not filtered by its own clause, and two axes are never crossed); a breakdown by QPV
 * ignores the territory-type filter, and is empty under an axis filter (QPV cells are published
 * for the total only). Empty where the publication has no such breakdown.
 */
export function indicatorBreakdown(
  ind: IndicatorDefinition,
  territory: TerritoryRef,
  year: number,
  filters: Filters,
  by: BreakdownDimension,
): string {
  if (!breakdownAvailable(ind, territory.level, by)) return emptyResult();
  const y = Number(sqlInteger(year));
  const span = { from: y, to: y };
  const code = sqlString(territory.code);
  if (by === 'qpv') {
    // The QPV are not published by claims axis: with an axis filter there is no such breakdown.
    if (!figuresPublished(ind, 'qpv', filters)) return emptyResult();
    const inside =
      territory.level === 'commune'
        ? `list_contains(string_split(communes, ';'), ${code})`
        : `${territoryColumn('qpv', territory.level)} = ${code}`;
    const f: Filters = {
      ...filters,
      criterion: null,
      domain: null,
      channel: null,
      territoryType: 'tous',
    };
    const qpv = levelRowsCtes(ind, 'qpv', span, { ...filters, territoryType: 'tous' }, ['tous']);
    const own = levelRowsCtes(ind, territory.level, span, f, ['hors_qpv'], {
      prefix: 'qh',
      codes: [territory.code],
    });
    return withQuery(
      [
        ...qpv,
        ...own,
        `bd_rows AS (\n  SELECT r.*, r.code AS bd_key, r.name AS key_name FROM qc_rows r\n` +
          `  WHERE r.code IN (SELECT code FROM territories WHERE level = 'qpv' AND ${inside})\n` +
          `  UNION ALL\n  SELECT r.*, ${sqlString(HORS_QPV_KEY)}, 'Hors QPV' FROM qh_rows r WHERE r.code = ${code})`,
      ],
      `SELECT\n  ${outputColumns(ind, 'bd_key')},\n  key_name\nFROM bd_rows\n` +
        `ORDER BY bd_key = ${sqlString(HORS_QPV_KEY)}, bd_key`,
    );
  }
  const labels = KEY_LABELS[by];
  const keys = `(VALUES ${Object.entries(labels)
    .map(([k, v]) => `(${sqlString(k)}, ${sqlString(v)})`)
    .join(', ')}) k(bd_key, key_name)`;
  const ctes = Object.keys(labels).map((key, i) => {
    const f: Filters =
      by === 'benefit'
        ? { ...filters, benefit: key as Filters['benefit'] }
        : { ...filters, criterion: null, domain: null, channel: null, [by]: key };
    return levelRowsCtes(ind, territory.level, span, f, [filters.territoryType], {
      prefix: `qb${i}`,
      codes: [territory.code],
    });
  });
  const rows = Object.keys(labels)
    .map((key, i) => `SELECT *, ${sqlString(key)} AS bd_key FROM qb${i}_rows WHERE code = ${code}`)
    .join('\n  UNION ALL\n  ');
  return withQuery(
    [
      ...ctes.flat(),
      `bd_rows AS (\n  SELECT r.*, k.key_name FROM (${rows}) r JOIN ${keys} USING (bd_key))`,
    ],
    `SELECT\n  ${outputColumns(ind, 'bd_key')},\n  key_name\nFROM bd_rows\nORDER BY bd_key`,
  );
}
