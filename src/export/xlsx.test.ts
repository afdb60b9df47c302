/**
 * The .xlsx export, written by the real library and unzipped back: two sheets, typed cells
 * (numbers as numbers, suppressed cells empty with their flag true), text never a formula and
 * neutralised, the metadata sheet's provenance; and a real query's result through DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type * as Arrow from 'apache-arrow';
import { INDICATORS, LAST_YEAR, SYNTHETIC_NOTE } from '../catalogue';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { indicatorByTerritory, NO_FILTERS } from '../query';
import type { ExportMeta } from './meta';
import { exportXlsxBlob } from './run-export';
import { xlsxSheets } from './xlsx';
import { writeXlsx } from './xlsx-writer';

const arrow = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;
const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

const meta: ExportMeta = {
  title: 'Réclamations pour discrimination',
  subtitle: 'Tous critères',
  source: 'Défenseur des droits',
  vintage: '2015–2024',
  definition: 'Nombre de réclamations.',
  synthetic: true,
  date: new Date('2026-11-25T00:00:00Z'),
  url: 'http://localhost/?vue=carte',
};

async function unzip(blob: Blob): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** Text of shared string `i`. */
function shared(files: Record<string, string>): string[] {
  const xml = files['xl/sharedStrings.xml'] ?? '';
  return [...xml.matchAll(/<si>(?:<t[^>]*>([\s\S]*?)<\/t>)<\/si>/g)].map((m) => m[1] ?? '');
}

describe('xlsx export', () => {
  it('two sheets; numbers as numbers; text as strings, neutralised; empty suppressed cells', async () => {
    const table = new arrow.Table({
      name: arrow.vectorFromArray(['=HYPERLINK(A1)', '-2+3', 'Saint-Denis']),
      value: arrow.vectorFromArray([-3, null, 1e5], new arrow.Float64()),
      suppressed: arrow.vectorFromArray([false, true, false]),
    });
    const files = await unzip(await writeXlsx(xlsxSheets(table, meta, 'SELECT 1')));
    const workbook = files['xl/workbook.xml'] ?? '';
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Données',
      'Métadonnées',
    ]);
    const data = files['xl/worksheets/sheet1.xml'] ?? '';
    expect(data).not.toMatch(/<f>/);
    const strings = shared(files);
    expect(strings).toContain("'=HYPERLINK(A1)");
    expect(strings).toContain("'-2+3");
    expect(strings).not.toContain('=HYPERLINK(A1)');
    // Row 2: the number -3 as a number cell; row 3: the suppressed value absent, its flag true.
    const rowXml = /<row [^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g;
    const rows = new Map([...data.matchAll(rowXml)].map((m) => [Number(m[1]), m[2] ?? '']));
    expect(rows.size).toBe(4);
    expect(rows.get(2)).toMatch(/<c r="B2"[^>]*><v>-3<\/v><\/c>/);
    expect(rows.get(2)).not.toMatch(/<c r="B2"[^>]*t="s"/);
    expect(rows.get(3) ?? '').not.toMatch(/r="B3"[^>]*><v>/);
    expect(rows.get(3)).toMatch(/<c r="C3"[^>]*t="b"[^>]*><v>1<\/v>/);
    expect(rows.get(4)).toMatch(/<c r="B4"[^>]*><v>100000<\/v>/);
    const metaStrings = strings.join('\n');
    expect(metaStrings).toContain('Défenseur des droits (2015–2024)');
    expect(metaStrings).toContain(SYNTHETIC_NOTE);
    expect(metaStrings).toContain('Nombre de réclamations.');
    expect(metaStrings).toContain('Secret statistique');
  });

  it('a real query: every row, suppressed cells empty and flagged', async () => {
    const ind = INDICATORS.find((i) => i.id === 'reclamations');
    if (!ind) throw new Error('indicator missing');
    const sql = indicatorByTerritory(ind, 'commune', LAST_YEAR, NO_FILTERS);
    const screen = await db.query(sql);
    const sheets = xlsxSheets(screen, meta, sql);
    expect(sheets.data.length).toBe(screen.numRows + 1);
    const header = sheets.data[0]?.map((c) => (c?.type === 'text' ? c.value : null)) ?? [];
    const at = (name: string) => header.indexOf(name);
    const hidden = sheets.data.slice(1).filter((r) => {
      const flag = r[at('suppressed')];
      return flag?.type === 'boolean' && flag.value;
    });
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of hidden) expect(r[at('numerator')]).toBeNull();
    const files = await unzip(await exportXlsxBlob(db, sql, meta, writeXlsx));
    expect(Object.keys(files)).toContain('xl/worksheets/sheet2.xml');
  });
});
