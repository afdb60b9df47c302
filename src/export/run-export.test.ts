/**
 * Exports run the screen's SQL through the connector, so they inherit its suppression: these
 * tests run the query layer's suppressed queries over the fixtures, export them as CSV and
 * Parquet, read the files back with native DuckDB and check that no exported count lies in
 * 1…threshold−1 and that the figures are the screen's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
// Native DuckDB reads the exports back, as an outside user would (issue 5); a test, never bundled.
// eslint-disable-next-line no-restricted-imports -- see above
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CONFIDENTIALITY, INDICATORS, LAST_YEAR, type IndicatorDefinition } from '../catalogue';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import { initParquet } from '../db/parquet';
import type { Connector } from '../db/connector';
import { indicatorBreakdown, indicatorByTerritory, indicatorSeries, NO_FILTERS } from '../query';
import { exportCsvText, exportMetadataText, exportParquetBytes, exportSqlText } from './run-export';
import { writeParquetWithMetadata } from './parquet-writer';
import type { ExportMeta } from './meta';

const require = createRequire(import.meta.url);
const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const dir = mkdtempSync(path.join(os.tmpdir(), 'observatoire-export-'));
let db: Connector;
/** Suppressed rows met in the exports: the leak test must have had something to hide. */
let suppressedSeen = 0;
let native: DuckDBConnection;

const meta: ExportMeta = {
  title: 'Réclamations pour discrimination',
  subtitle: 'Tous critères',
  source: 'Défenseur des droits',
  synthetic: true,
  date: new Date('2026-11-25T00:00:00Z'),
  url: 'http://localhost/?vue=carte',
};

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  await initParquet(readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
  native = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => db.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await native.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

function threshold(ind: IndicatorDefinition): number {
  return ind.table === 'services' ? 0 : CONFIDENTIALITY[ind.table].minCount;
}

// An all-empty column (every QPV suppressed) would be sniffed as VARCHAR: give the contract's types.
const CSV_TYPES = "{'code': 'VARCHAR', 'numerator': 'DOUBLE', 'value': 'DOUBLE'}";
const levels = ['commune', 'qpv', 'departement'] as const;
const cases = INDICATORS.filter((i) => i.table !== 'services').flatMap((ind) =>
  levels.filter((l) => ind.levels.includes(l)).map((level) => [ind.id, level, ind] as const),
);

describe('exports hold what the screen holds, suppression included', () => {
  it.each(cases)(
    '%s by %s: CSV (fr) and Parquet never hold 0 < n < threshold',
    async (id, level, ind) => {
      const sql = indicatorByTerritory(ind, level, LAST_YEAR, NO_FILTERS);
      const min = threshold(ind);
      const screen = await db.query(sql);
      expect(screen.numRows).toBeGreaterThan(0);

      const csvFile = path.join(dir, `${id}-${level}.csv`);
      writeFileSync(csvFile, await exportCsvText(db, sql, 'fr'));
      const parquetFile = path.join(dir, `${id}-${level}.parquet`);
      writeFileSync(parquetFile, await exportParquetBytes(db, sql, meta, writeParquetWithMetadata));

      for (const source of [
        `read_csv('${csvFile}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES})`,
        `read_parquet('${parquetFile}')`,
      ]) {
        const leaks = await rows(
          `SELECT code, numerator FROM ${source} WHERE numerator > 0 AND numerator < ${min}`,
        );
        expect(leaks).toEqual([]);
        const [count] = await rows(
          `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE suppressed)::INTEGER AS s FROM ${source}`,
        );
        expect(count?.n).toBe(screen.numRows);
        suppressedSeen += Number(count?.s ?? 0);
      }
      // The CSV re-read by DuckDB gives the screen's figures.
      const back = await rows(
        `SELECT code, value FROM read_csv('${csvFile}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES}) ORDER BY code`,
      );
      const codes = screen.getChild('code');
      const values = screen.getChild('value');
      const expected = Array.from({ length: screen.numRows }, (_, i) => ({
        code: String(codes?.get(i)),
        value: values?.get(i) ?? null,
      })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      expect(back).toEqual(expected);
    },
  );

  it.each([
    ['reclamations', 'criterion'],
    ['reclamations', 'channel'],
    ['non_recourants', 'benefit'],
  ] as const)('breakdown of %s by %s: no 0 < n < threshold in the CSV', async (id, by) => {
    const ind = INDICATORS.find((i) => i.id === id);
    if (!ind) throw new Error('indicator missing');
    const min = threshold(ind);
    for (const territory of [
      { level: 'commune', code: '93066' },
      { level: 'departement', code: '93' },
    ] as const) {
      const sql = indicatorBreakdown(ind, territory, LAST_YEAR, NO_FILTERS, by);
      const file = path.join(dir, `${id}-${by}-${territory.code}.csv`);
      writeFileSync(file, await exportCsvText(db, sql, 'fr'));
      const [check] = await rows(
        `SELECT count(*) FILTER (WHERE numerator > 0 AND numerator < ${min})::INTEGER AS leaks, count(*) FILTER (WHERE suppressed)::INTEGER AS s FROM read_csv('${file}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES})`,
      );
      expect(check?.leaks).toBe(0);
      suppressedSeen += Number(check?.s ?? 0);
    }
  });

  it('the fixtures did exercise suppression', () => {
    expect(suppressedSeen).toBeGreaterThan(0);
  });

  it('a series export carries suppressed years as empty cells, flagged', async () => {
    const ind = INDICATORS.find((i) => i.id === 'reclamations');
    if (!ind) throw new Error('indicator missing');
    const sql = indicatorSeries(ind, [{ level: 'qpv', code: 'QPDEMO0002' }], NO_FILTERS);
    const csvFile = path.join(dir, 'series.csv');
    writeFileSync(csvFile, await exportCsvText(db, sql, 'intl'));
    const flagged = await rows(
      `SELECT count(*)::INTEGER AS n FROM read_csv('${csvFile}', header=true, types=${CSV_TYPES}) WHERE suppressed AND numerator IS NOT NULL`,
    );
    expect(flagged[0]?.n).toBe(0);
  });

  it('the Parquet file carries provenance in its key-value metadata', async () => {
    const ind = INDICATORS.find((i) => i.id === 'reclamations');
    if (!ind) throw new Error('indicator missing');
    const sql = indicatorByTerritory(ind, 'departement', LAST_YEAR, NO_FILTERS);
    const file = path.join(dir, 'meta.parquet');
    writeFileSync(file, await exportParquetBytes(db, sql, meta, writeParquetWithMetadata));
    const kv = await rows(
      `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}') WHERE decode(key) LIKE 'observatoire.%' ORDER BY 1`,
    );
    expect(kv.find((r) => r.k === 'observatoire.synthetic')?.v).toBe('true');
    expect(kv.find((r) => r.k === 'observatoire.sql')?.v).toBe(sql);
  });

  it('the SQL export runs as is and gives the screen’s rows', async () => {
    const ind = INDICATORS.find((i) => i.id === 'non_recours_taux');
    if (!ind) throw new Error('indicator missing');
    const sql = indicatorByTerritory(ind, 'commune', LAST_YEAR, NO_FILTERS);
    const text = exportSqlText(sql, meta);
    expect((await db.query(text)).numRows).toBe((await db.query(sql)).numRows);
  });

  it('the metadata sheet lists the result’s columns, the SQL and the citation', async () => {
    const ind = INDICATORS.find((i) => i.id === 'reclamations');
    if (!ind) throw new Error('indicator missing');
    const sql = indicatorByTerritory(ind, 'region', LAST_YEAR, NO_FILTERS);
    const sheet = await exportMetadataText(db, sql, meta);
    expect(sheet).toMatch(
      /^Colonnes : level, code, name, year, key, numerator, denominator, value, low, high, suppressed, population\r$/m,
    );
    expect(sheet).toContain(sql.trim());
    expect(sheet).toContain('Citation : Observatoire ANCT × Défenseur des droits');
  });
});
