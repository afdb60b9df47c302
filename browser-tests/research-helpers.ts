/**
 * What the research specs share (research-exports.spec.ts, research-own-data.spec.ts): native
 * DuckDB to read exported files back, downloads from the export menus, the SQL console and the
 * own-file loader driven as a user does, and a temp dir for the files.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { JSDOM } from 'jsdom';
import type { Locator, Page } from 'playwright-core';
import { waitForIdle, waitForMap } from './harness';

export const TIMEOUT = { timeout: 240_000 };
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-research-'));
let nativeDb: Promise<DuckDBConnection> | null = null;

export async function native(): Promise<DuckDBConnection> {
  nativeDb ??= DuckDBInstance.create(':memory:').then((i) => i.connect());
  return nativeDb;
}

export async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await (await native()).runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Clicks an item of an open export menu and saves the download; returns its path and name. */
export async function download(
  page: Page,
  menu: Locator,
  action: string,
): Promise<{ file: string; name: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    menu.locator(`[data-export="${action}"]`).click(),
  ]);
  const name = dl.suggestedFilename();
  const file = path.join(tmp, `${Date.now()}-${name}`);
  await dl.saveAs(file);
  return { file, name };
}

export async function openMenu(scope: Locator): Promise<Locator> {
  const menu = scope.locator('.observatoire-export').first();
  await menu.locator('[data-export-menu]').click();
  return menu;
}

export function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function parseSvg(file: string): Document {
  const text = fs.readFileSync(file, 'utf8');
  const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
  assert.equal(doc.getElementsByTagName('parsererror').length, 0, 'SVG parses');
  return doc;
}

export const CSV_TYPES = "{'code': 'VARCHAR', 'numerator': 'DOUBLE', 'value': 'DOUBLE'}";

/** Code → value from a French CSV export and from a Parquet export: they must agree. */
export async function exportedValues(
  csv: string,
  parquet: string,
): Promise<Map<string, number | null>> {
  const fromCsv = await rows(
    `SELECT code, value FROM read_csv('${csv}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
  );
  const fromParquet = await rows(`SELECT code, value FROM read_parquet('${parquet}') ORDER BY ALL`);
  assert.deepEqual(fromCsv, fromParquet, 'CSV and Parquet hold the same rows');
  assert.ok(fromCsv.length > 0, 'export has rows');
  return new Map(fromCsv.map((r) => [String(r.code), r.value === null ? null : Number(r.value)]));
}

export const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

export async function runs(page: Page, attr: string): Promise<number> {
  return Number(await page.locator(`[${attr}]`).first().getAttribute(attr));
}

/** Runs `sql` in the console; returns the first cell, or the error text. */
export async function consoleRun(
  page: Page,
  sql: string,
): Promise<{ cell: string | null; error: string | null }> {
  const before = await runs(page, 'data-sql-runs');
  await page.locator('[data-sql-input]').fill(sql);
  await page.locator('[data-sql-run]').click();
  await page
    .locator(`[data-sql-runs="${before + 1}"]`)
    .waitFor({ state: 'attached', timeout: 120_000 });
  const error = page.locator('[data-sql-error]');
  if ((await error.count()) > 0) return { cell: null, error: await error.innerText() };
  return {
    cell: await page.locator('[data-sql-result] tbody tr td').first().innerText(),
    error: null,
  };
}

/** Loads a file through the loader's input; returns its status and the messages shown. */
export async function ownFile(
  page: Page,
  name: string,
  buffer: Buffer,
): Promise<{ status: string; text: string }> {
  const before = await runs(page, 'data-own-runs');
  await page
    .locator('[data-own-file-input]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  const region = page.locator(`[data-own-runs="${before + 1}"]`);
  await region.waitFor({ state: 'attached', timeout: 120_000 });
  return {
    status: (await region.getAttribute('data-own-status')) ?? '',
    text: await region.innerText(),
  };
}

export async function go(page: Page, view: 'carte' | 'donnees'): Promise<void> {
  await page.locator(`[data-nav="${view}"]`).first().click();
  await waitForIdle(page);
}

/** The map's figures, read through its own CSV and Parquet exports. */
export async function mapValues(page: Page): Promise<Map<string, number | null>> {
  await waitForMap(page);
  const menu = await openMenu(page.locator('.observatoire-carte__main'));
  const csv = await download(page, menu, 'csv-fr');
  const parquet = await download(page, menu, 'parquet');
  await menu.locator('[data-export-menu]').click();
  return exportedValues(csv.file, parquet.file);
}

export async function casesFingerprint(page: Page): Promise<string | null> {
  return (await consoleRun(page, `SELECT count(*) || ' / ' || sum("count") AS f FROM cases`)).cell;
}

export async function parquetFile(name: string, select: string): Promise<Buffer> {
  const file = path.join(tmp, name);
  await (await native()).run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  return fs.readFileSync(file);
}
