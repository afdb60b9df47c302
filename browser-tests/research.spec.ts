/**
 * Research features in real Chromium over the fixtures: every export of a chart and of the map
 * (files read back: SVG parsed, PNG size from its IHDR, CSV and Parquet by native DuckDB), an own
 * file that changes the map's figures, bad own files that get their French message and leave the
 * data as they were, and the SQL console's refusals. Test files are generated into a temp dir.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { JSDOM } from 'jsdom';
import type { Locator, Page } from 'playwright-core';
import {
  assertNoExternalRequests,
  closeHarness,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-research-'));
let nativeDb: Promise<DuckDBConnection> | null = null;

async function native(): Promise<DuckDBConnection> {
  nativeDb ??= DuckDBInstance.create(':memory:').then((i) => i.connect());
  return nativeDb;
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await (await native()).runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Clicks an item of an open export menu and saves the download; returns its path and name. */
async function download(page: Page, menu: Locator, action: string): Promise<{ file: string; name: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    menu.locator(`[data-export="${action}"]`).click(),
  ]);
  const name = dl.suggestedFilename();
  const file = path.join(tmp, `${Date.now()}-${name}`);
  await dl.saveAs(file);
  return { file, name };
}

async function openMenu(scope: Locator): Promise<Locator> {
  const menu = scope.locator('.observatoire-export').first();
  await menu.locator('[data-export-menu]').click();
  return menu;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function parseSvg(file: string): Document {
  const text = fs.readFileSync(file, 'utf8');
  const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
  assert.equal(doc.getElementsByTagName('parsererror').length, 0, 'SVG parses');
  return doc;
}

const CSV_TYPES = "{'code': 'VARCHAR', 'numerator': 'DOUBLE', 'value': 'DOUBLE'}";

/** Code → value from a French CSV export and from a Parquet export: they must agree. */
async function exportedValues(csv: string, parquet: string): Promise<Map<string, number | null>> {
  const fromCsv = await rows(
    `SELECT code, value FROM read_csv('${csv}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
  );
  const fromParquet = await rows(`SELECT code, value FROM read_parquet('${parquet}') ORDER BY ALL`);
  assert.deepEqual(fromCsv, fromParquet, 'CSV and Parquet hold the same rows');
  assert.ok(fromCsv.length > 0, 'export has rows');
  return new Map(fromCsv.map((r) => [String(r.code), r.value === null ? null : Number(r.value)]));
}

async function readyCarte(page: Page): Promise<void> {
  await waitForEngine(page);
  await waitForIdle(page);
  await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout: 60_000 });
}

describe('exports', () => {
  test('a chart: SVG, PNG, CSV (both dialects), Parquet, SQL, citation', TIMEOUT, async () => {
    const app = await openApp('/?vue=series&comparer=departement:93,departement:62', { fixtures: true });
    const { page } = app;
    await waitForEngine(page);
    await waitForIdle(page);
    const figure = page.locator('figure[data-chart]').filter({ has: page.locator('svg') }).first();
    await figure.waitFor({ timeout: 60_000 });
    const title = (await figure.locator('.observatoire-chart__head').first().innerText()).split('\n')[0]?.trim() ?? '';
    const menu = await openMenu(figure);

    const svg = await download(page, menu, 'svg');
    assert.match(svg.name, /^[a-z0-9_-]+\.svg$/);
    const doc = parseSvg(svg.file);
    const root = doc.documentElement;
    assert.equal(doc.querySelector('.export-title')?.textContent, title);
    assert.match(root.textContent ?? '', /DONNÉES SYNTHÉTIQUES/);
    assert.match(root.textContent ?? '', /Exporté le/);

    const png = await download(page, menu, 'png');
    const size = pngSize(png.file);
    assert.equal(size.width, Number(root.getAttribute('width')) * 2);
    assert.equal(size.height, Number(root.getAttribute('height')) * 2);

    const csvFr = await download(page, menu, 'csv-fr');
    const csvIntl = await download(page, menu, 'csv-intl');
    const parquet = await download(page, menu, 'parquet');
    assert.equal(fs.readFileSync(csvFr.file).subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
    const fr = await rows(
      `SELECT * FROM read_csv('${csvFr.file}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
    );
    const intl = await rows(
      `SELECT * FROM read_csv('${csvIntl.file}', delim=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
    );
    assert.deepEqual(fr, intl, 'both CSV dialects give the same figures');
    const pq = await rows(`SELECT code, year, value FROM read_parquet('${parquet.file}') ORDER BY ALL`);
    assert.deepEqual(pq, fr.map((r) => ({ code: r.code, year: Number(r.year), value: r.value })).sort(), 'Parquet = CSV');
    // The series of two départements: both are in the file.
    assert.deepEqual([...new Set(pq.map((r) => r.code))].sort(), ['62', '93']);

    const sql = await download(page, menu, 'sql');
    const sqlText = fs.readFileSync(sql.file, 'utf8');
    assert.match(sqlText, /^-- Observatoire ANCT × Défenseur des droits/);
    assert.match(sqlText, /SELECT/i);

    await menu.locator('[data-export="citation"]').click();
    const citation = await menu.locator('[data-export-text]').inputValue();
    assert.match(citation, /^Observatoire ANCT × Défenseur des droits, .*données de démonstration, consulté le .*http/);
    assertNoExternalRequests(app);
    await app.close();
  });

  test('the map: PNG framed, CSV and Parquet hold the map’s rows', TIMEOUT, async () => {
    const app = await openApp('/?vue=carte&indicateur=reclamations&niveau=departement&periode=2024', { fixtures: true });
    const { page } = app;
    await readyCarte(page);
    const canvas = await page.evaluate(() => {
      const c = window.__observatoire?.map?.map?.getCanvas();
      return c ? { width: c.width, height: c.height } : null;
    });
    assert.ok(canvas, 'map canvas');
    const main = page.locator('.observatoire-carte__main');
    const menu = await openMenu(main);
    assert.equal(await menu.locator('[data-export="svg"]').count(), 0, 'no SVG for the map');
    const png = await download(page, menu, 'png');
    const size = pngSize(png.file);
    assert.equal(size.width, canvas.width);
    assert.ok(size.height > canvas.height + 40, `title and source bands: ${size.height} vs ${canvas.height}`);

    const csv = await download(page, menu, 'csv-fr');
    assert.match(csv.name, /^reclamations-departement-2024\.csv$/);
    const parquet = await download(page, menu, 'parquet');
    const values = await exportedValues(csv.file, parquet.file);
    assert.deepEqual([...values.keys()].sort(), ['62', '93', '94', '971']);
    assertNoExternalRequests(app);
    await app.close();
  });
});
