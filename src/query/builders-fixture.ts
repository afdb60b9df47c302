/**
 * What the builder tests share: DuckDB-WASM (Node build) loaded with data/fixtures (a
 * publication of a hand-made world, see scripts/fixtures.parquet.ts), and helpers that read the
 * published tables directly, so the tests say what the builders add. Each test file calls
 * `openFixtureDb()` once at its top level.
 */
import { afterAll, beforeAll } from 'vitest';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { findIndicator, type IndicatorDefinition } from '../catalogue/indicators';
import { NO_FILTERS, type Filters } from './index';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
export let db: Connector;

/** Opens the fixtures' engine before the file's tests and closes it after. */
export function openFixtureDb(): void {
  beforeAll(async () => {
    db = await createNodeConnector();
    await loadDatasetFromDir(db, FIXTURES);
  });
  afterAll(() => db.close());
}

export function ind(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}
export const F = (patch: Partial<Filters> = {}): Filters => ({ ...NO_FILTERS, ...patch });

export type Row = Record<string, unknown>;
export async function rows(sql: string): Promise<Row[]> {
  const t: Table = await db.query(sql);
  return t.toArray().map((r: { toJSON(): Row }) => ({ ...r.toJSON() }));
}
export const byCode = (rs: Row[]): Record<string, Row> =>
  Object.fromEntries(rs.map((r) => [String(r.code), r]));

/** The published cell of the claims (total) of a territory, part and year, read directly. */
export async function cell(
  level: string,
  code: string,
  part: string,
  year: number,
): Promise<Row | null> {
  const [r] = await rows(
    `SELECT "count", suppressed FROM cases WHERE level = '${level}' AND code = '${code}' AND part = '${part}' AND year = ${year} AND dimension = 'total'`,
  );
  return r ?? null;
}
export async function population(
  level: string,
  code: string,
  part: string,
  year: number,
): Promise<number> {
  const [r] = await rows(
    `SELECT population FROM populations WHERE level = '${level}' AND code = '${code}' AND part = '${part}' AND ${year} BETWEEN year_from AND year_to`,
  );
  return Number(r?.population ?? 0);
}

export const COLUMNS = [
  'level',
  'code',
  'name',
  'year',
  'key',
  'numerator',
  'denominator',
  'value',
  'low',
  'high',
  'suppressed',
  'population',
];
