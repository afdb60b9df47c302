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
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import type { Locator, Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForEngine,
  waitForIdle,
  waitForMap,
  waitForView,
} from './harness';

after(closeHarness);

/*
 * One page on the fixtures for the tests that only read (exports of a chart and of the map, the
 * SQL console): the first opens it, the next ones reach their URL as back/forward does
 * (`sharedApp`). Tests that load own files change the page's engine, and keep fresh pages.
 */
const readOnly = sharedApp({ fixtures: true });
after(() => readOnly.close());

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
async function download(
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

describe('exports', () => {
  test('a chart: SVG, PNG, CSV (both dialects), Parquet, SQL, citation', TIMEOUT, () =>
    readOnly.use(
      '/?vue=series&comparer=departement:93,departement:62',
      (page) => waitForView(page, 'series'),
      async (app) => {
        const { page } = app;
        const figure = page
          .locator('figure[data-chart]')
          .filter({ has: page.locator('svg') })
          .first();
        await figure.waitFor({ timeout: 120_000 });
        const title =
          (await figure.locator('.observatoire-chart__head').first().innerText())
            .split('\n')[0]
            ?.trim() ?? '';
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
        assert.equal(
          fs.readFileSync(csvFr.file).subarray(0, 3).toString('hex'),
          'efbbbf',
          'UTF-8 BOM',
        );
        const fr = await rows(
          `SELECT * FROM read_csv('${csvFr.file}', delim=';', decimal_separator=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
        );
        const intl = await rows(
          `SELECT * FROM read_csv('${csvIntl.file}', delim=',', header=true, types=${CSV_TYPES}) ORDER BY ALL`,
        );
        assert.deepEqual(fr, intl, 'both CSV dialects give the same figures');
        const pq = await rows(
          `SELECT code, year, value FROM read_parquet('${parquet.file}') ORDER BY ALL`,
        );
        assert.deepEqual(
          pq,
          fr.map((r) => ({ code: r.code, year: Number(r.year), value: r.value })).sort(),
          'Parquet = CSV',
        );
        // The series of two départements: both are in the file.
        assert.deepEqual([...new Set(pq.map((r) => r.code))].sort(), ['62', '93']);

        const sql = await download(page, menu, 'sql');
        const sqlText = fs.readFileSync(sql.file, 'utf8');
        assert.match(sqlText, /^-- Observatoire ANCT × Défenseur des droits/);
        assert.match(sqlText, /SELECT/i);

        await menu.locator('[data-export="citation"]').click();
        const citation = await menu.locator('[data-export-text]').inputValue();
        assert.match(
          citation,
          /^Observatoire ANCT × Défenseur des droits, .*données de démonstration, consulté le .*http/,
        );
        assertNoExternalRequests(app);
      },
    ),
  );
  test('the map: PNG framed, CSV and Parquet hold the map’s rows', TIMEOUT, () =>
    readOnly.use(
      '/?vue=carte&indicateur=reclamations&niveau=departement&periode=2024',
      (page) => waitForView(page, 'carte'),
      async (app) => {
        const { page } = app;
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
        assert.ok(
          size.height > canvas.height + 40,
          `title and source bands: ${size.height} vs ${canvas.height}`,
        );

        const csv = await download(page, menu, 'csv-fr');
        assert.match(csv.name, /^reclamations-departement-2024\.csv$/);
        const parquet = await download(page, menu, 'parquet');
        const values = await exportedValues(csv.file, parquet.file);
        assert.deepEqual([...values.keys()].sort(), ['62', '93', '94', '971']);
        assertNoExternalRequests(app);
      },
    ),
  );
});

// ---------------------------------------------------------------------------------------------
// Own files and the console (one page: own data live in the page's engine)
// ---------------------------------------------------------------------------------------------

const CASES_HEADER = 'year;month;commune_code;qpv_code;criterion;domain;channel;count';
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

async function runs(page: Page, attr: string): Promise<number> {
  return Number(await page.locator(`[${attr}]`).first().getAttribute(attr));
}

/** Runs `sql` in the console; returns the first cell, or the error text. */
async function consoleRun(
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
async function ownFile(
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

async function go(page: Page, view: 'carte' | 'donnees'): Promise<void> {
  await page.locator(`[data-nav="${view}"]`).first().click();
  await waitForIdle(page);
}

/** The map's figures, read through its own CSV and Parquet exports. */
async function mapValues(page: Page): Promise<Map<string, number | null>> {
  await waitForMap(page);
  const menu = await openMenu(page.locator('.observatoire-carte__main'));
  const csv = await download(page, menu, 'csv-fr');
  const parquet = await download(page, menu, 'parquet');
  await menu.locator('[data-export-menu]').click();
  return exportedValues(csv.file, parquet.file);
}

async function casesFingerprint(page: Page): Promise<string | null> {
  return (await consoleRun(page, `SELECT count(*) || ' / ' || sum("count") AS f FROM cases`)).cell;
}

async function parquetFile(name: string, select: string): Promise<Buffer> {
  const file = path.join(tmp, name);
  await (await native()).run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  return fs.readFileSync(file);
}

describe('own data', () => {
  test('a valid file changes the map; bad files say why and keep the data', TIMEOUT, async () => {
    const app = await openApp(
      '/?vue=carte&indicateur=reclamations&niveau=departement&periode=2024',
      {
        fixtures: true,
      },
    );
    const { page } = app;
    const demo = await mapValues(page);

    await go(page, 'donnees');
    const original = await casesFingerprint(page);
    assert.ok(original, 'cases counted in the console');

    // Bad files: each gives its message and leaves the cases table as it was.
    const cases = fs.readFileSync('data/fixtures/cases.parquet');
    const bad: [string, Buffer, RegExp][] = [
      [
        'tronque.parquet',
        cases.subarray(0, Math.floor(cases.length / 2)),
        /illisible.*tronqué ou corrompu/,
      ],
      [
        'types.parquet',
        await parquetFile(
          'types.parquet',
          `SELECT 2024::SMALLINT AS year, 1::SMALLINT AS month, '93066' AS commune_code, NULL::VARCHAR AS qpv_code, 'handicap' AS criterion, 'logement' AS domain, 'siege' AS channel, 'beaucoup' AS count`,
        ),
        /Colonne « count » : 1 ligne \(1\) ne contient pas un nombre entier.*« beaucoup »/,
      ],
      [
        'codes.csv',
        Buffer.from(
          `${CASES_HEADER}\n2024;1;99999;;handicap;logement;siege;10\n2024;1;93066;;couleur;logement;siege;10\n`,
        ),
        /« commune_code ».*absent du référentiel[\s\S]*« criterion ».*code inconnu \(« couleur »\)/,
      ],
      [
        'negatif.csv',
        Buffer.from(`${CASES_HEADER}\n2024;1;93066;;handicap;logement;siege;-3\n`),
        /Colonne « count » : 1 ligne \(2\) a un nombre négatif/,
      ],
    ];
    for (const [name, buffer, message] of bad) {
      const result = await ownFile(page, name, buffer);
      assert.equal(result.status, 'error', `${name}: refused`);
      assert.match(result.text, message, name);
      assert.match(result.text, /données déjà chargées sont conservées/, name);
      assert.equal(await casesFingerprint(page), original, `${name}: cases unchanged`);
    }

    // A Latin-1 `;` CSV with decimal commas that breaks a real rule (unknown service type).
    const servicesBefore = (await consoleRun(page, 'SELECT count(*) FROM services')).cell;
    const servicesHeader = 'id;type;name;commune_code;lon;lat;opened;closed;synthetic';
    const badLatin = await ownFile(
      page,
      'lieux-latin1.csv',
      latin1(`${servicesHeader}\nM-1;mairie;Mairie de Liévin;62510;2,78;50,42;01/02/2020;;faux\n`),
    );
    assert.equal(badLatin.status, 'error');
    assert.match(
      badLatin.text,
      /Colonne « type » : 1 ligne \(2\) a un code inconnu \(« mairie »\)/,
    );
    assert.equal((await consoleRun(page, 'SELECT count(*) FROM services')).cell, servicesBefore);

    // The same file, valid: it loads (Latin-1 recognised, decimal commas read).
    const goodLatin = await ownFile(
      page,
      'lieux-latin1.csv',
      latin1(
        `${servicesHeader}\nFS-1;france_services;France services de Liévin;62510;2,78;50,42;01/02/2020;;faux\n`,
      ),
    );
    assert.equal(goodLatin.status, 'ok', goodLatin.text);
    assert.match(goodLatin.text, /Windows-1252/);
    assert.equal(
      (await consoleRun(page, "SELECT name || ' ' || lon FROM services")).cell,
      'France services de Liévin 2.78',
    );

    // An ambiguous decimal separator is asked about.
    const before = await runs(page, 'data-own-runs');
    await page.locator('[data-own-file-input]').setInputFiles({
      name: 'ambigu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${servicesHeader}\nFS-2;msap;Lens;62498;2.834;50.432;2021-03-01;;true\n`,
      ),
    });
    await page
      .locator(`[data-own-runs="${before + 1}"][data-own-status="ask"]`)
      .waitFor({ state: 'attached' });
    await page.getByLabel('Point (12.5)').check({ force: true });
    await page.locator('[data-own-ask] button[type="submit"]').click();
    await page
      .locator(`[data-own-runs="${before + 2}"][data-own-status="ok"]`)
      .waitFor({ state: 'attached' });
    assert.equal(
      (await consoleRun(page, 'SELECT lon FROM services')).cell?.replace(/\s/g, ''),
      '2,834',
    );

    // A valid cases file, dropped on the drop zone: the map's figures become the file's.
    const dropRuns = await runs(page, 'data-own-runs');
    const csvText = `${CASES_HEADER}\n2024;1;93066;;handicap;logement;siege;500\n2024;2;62498;;origine;emploi_prive;delegues;700\n`;
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'mes-reclamations.csv', { type: 'text/csv' }));
      return dt;
    }, csvText);
    await page.locator('[data-own-dropzone]').dispatchEvent('drop', { dataTransfer });
    const dropped = page.locator(`[data-own-runs="${dropRuns + 1}"]`);
    await dropped.waitFor({ state: 'attached', timeout: 120_000 });
    const own = {
      status: (await dropped.getAttribute('data-own-status')) ?? '',
      text: await dropped.innerText(),
    };
    assert.equal(own.status, 'ok', own.text);
    assert.match(
      await page.locator('[data-own-data]').innerText(),
      // Every own file in use is named: the cases file, and the services file loaded above.
      /Source actuelle : fichiers « mes-reclamations\.csv », « ambigu\.csv »/,
    );
    await go(page, 'carte');
    const mine = await mapValues(page);
    assert.equal(mine.get('93'), 500);
    assert.equal(mine.get('62'), 700);
    assert.notDeepEqual(mine, demo);

    // Back to the demonstration data: the map's figures are the demo's again.
    await go(page, 'donnees');
    const restoreRuns = await runs(page, 'data-own-runs');
    await page.locator('[data-own-restore]').click();
    await page
      .locator(`[data-own-runs="${restoreRuns + 1}"]`)
      .waitFor({ state: 'attached', timeout: 120_000 });
    assert.equal(await casesFingerprint(page), original);
    await go(page, 'carte');
    assert.deepEqual(await mapValues(page), demo);
    assertNoExternalRequests(app);
    await app.close();
  });
});

describe('provenance, restore and formulas', () => {
  test(
    'an own services file leaves the claims map synthetic; a failed restore keeps every table; CSV formulas are neutralised',
    TIMEOUT,
    async () => {
      // services.parquet answers at start-up, then fails while `unreachable` is set.
      let unreachable = false;
      const app = await openApp(
        '/?vue=carte&indicateur=reclamations&niveau=departement&periode=2024',
        {
          fixtures: true,
          setup: (context) =>
            context.route('**/services.parquet', (route) =>
              unreachable ? route.abort('connectionrefused') : route.fallback(),
            ),
        },
      );
      const { page } = app;
      await waitForMap(page);
      await go(page, 'donnees');
      const demoCases = await casesFingerprint(page);
      const servicesHeader = 'id;type;name;commune_code;lon;lat;opened;closed;synthetic';
      const services = await ownFile(
        page,
        'lieux.csv',
        Buffer.from(
          `${servicesHeader}\nFS-1;france_services;=HYPERLINK(A1);62510;2.78;50.42;2020-01-15;;false\n`,
        ),
      );
      assert.equal(services.status, 'ok', services.text);

      // The console's CSV export neutralises the formula, not the numbers.
      await consoleRun(page, "SELECT name, -3 AS n, 1e5 AS big, '-2+3' AS t FROM services");
      const consoleMenu = await openMenu(page.locator('[data-sql-result]'));
      const csv = await download(page, consoleMenu, 'csv-fr');
      const lines = fs
        .readFileSync(csv.file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      assert.equal(lines[1], "'=HYPERLINK(A1);-3;100000;'-2+3");
      await consoleMenu.locator('[data-export-menu]').click();

      // The claims map reads no services: its export is the demo's, synthetic, and so is the banner.
      await go(page, 'carte');
      await waitForMap(page);
      const menu = await openMenu(page.locator('.observatoire-carte__main'));
      const parquet = await download(page, menu, 'parquet');
      const kv = new Map(
        (
          await rows(
            `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${parquet.file}')`,
          )
        ).map((r) => [String(r.k), String(r.v)]),
      );
      assert.equal(kv.get('observatoire.synthetic'), 'true');
      assert.doesNotMatch(kv.get('observatoire.source') ?? '', /fichier local/);
      assert.match(kv.get('observatoire.source') ?? '', /Défenseur des droits/);
      // The spreadsheet export: a zip with the data and metadata sheets.
      const xlsx = await download(page, menu, 'xlsx');
      assert.match(xlsx.name, /^reclamations-departement-2024\.xlsx$/);
      const book = unzipSync(fs.readFileSync(xlsx.file));
      const workbook = strFromU8(book['xl/workbook.xml'] ?? new Uint8Array());
      assert.deepEqual(
        [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]),
        ['Données', 'Métadonnées'],
      );
      assert.match(
        strFromU8(book['xl/sharedStrings.xml'] ?? new Uint8Array()),
        /DONNÉES SYNTHÉTIQUES/,
      );
      await menu.locator('[data-export-menu]').click();
      await page.locator('#note-donnees-synthetiques').waitFor({ timeout: 60_000 });

      // Own cases too, then a return to the demo with services.parquet unreachable: nothing moves.
      await go(page, 'donnees');
      const cases = await ownFile(
        page,
        'mes-reclamations.csv',
        Buffer.from(`${CASES_HEADER}\n2024;1;93066;;handicap;logement;siege;500\n`),
      );
      assert.equal(cases.status, 'ok', cases.text);
      const ownCases = await casesFingerprint(page);
      assert.notEqual(ownCases, demoCases);
      const ownServices = (
        await consoleRun(page, 'SELECT count(*) || name FROM services GROUP BY name')
      ).cell;
      unreachable = true;
      const failedRuns = await runs(page, 'data-own-runs');
      await page.locator('[data-own-restore]').click();
      const failed = page.locator(`[data-own-runs="${failedRuns + 1}"]`);
      await failed.waitFor({ state: 'attached', timeout: 60_000 });
      assert.equal(await failed.getAttribute('data-own-status'), 'restore-failed');
      assert.match(await failed.innerText(), /les données précédentes sont conservées/);
      assert.equal(await casesFingerprint(page), ownCases, 'own cases kept');
      assert.equal(
        (await consoleRun(page, 'SELECT count(*) || name FROM services GROUP BY name')).cell,
        ownServices,
        'own services kept',
      );

      // Served again: both tables are the demo's.
      unreachable = false;
      const okRuns = await runs(page, 'data-own-runs');
      await page.locator('[data-own-restore]').click();
      const restored = page.locator(`[data-own-runs="${okRuns + 1}"]`);
      await restored.waitFor({ state: 'attached', timeout: 60_000 });
      assert.equal(await restored.getAttribute('data-own-status'), 'restored');
      assert.equal(await casesFingerprint(page), demoCases);
      assert.equal(await page.locator('[data-own-restore]').count(), 0, 'no own file left');
      await app.close();
    },
  );
});

describe('own data at scale', () => {
  test(
    'a large CSV loads in the worker with progress, the page answers, « Annuler » keeps the data',
    TIMEOUT,
    async () => {
      // ~40 MB of places, generated here (not committed).
      const file = path.join(tmp, 'grand-fichier.csv');
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, 'id;type;name;commune_code;lon;lat;opened;closed;synthetic\n');
      const block: string[] = [];
      for (let i = 0; i < 400_000; i++) {
        block.push(
          `FS-${i};france_services;Maison France services numéro ${i} de la commune;62510;2,78;50,42;15/01/2020;;vrai`,
        );
        if (block.length === 10_000) {
          fs.writeSync(fd, `${block.join('\n')}\n`);
          block.length = 0;
        }
      }
      fs.closeSync(fd);
      assert.ok(fs.statSync(file).size > 35e6, 'the file is large');

      const app = await openApp('/?vue=donnees', { fixtures: true });
      const { page } = app;
      await waitForEngine(page);
      const servicesBefore = (await consoleRun(page, 'SELECT count(*) FROM services')).cell;
      assert.ok(servicesBefore, 'services counted');

      const before = await runs(page, 'data-own-runs');
      await page.locator('[data-own-file-input]').setInputFiles(file);
      const region = page.locator('[data-own-status="loading"][aria-busy="true"]');
      await region.waitFor({ state: 'attached', timeout: 60_000 });
      // The steps show while DuckDB's worker reads the file.
      await region
        .locator('[data-own-progress]', { hasText: /Lecture du fichier|Typage|Vérification/ })
        .waitFor({ state: 'attached', timeout: 60_000 });
      // The page's thread is free: a script runs, and the heading is still there to read.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
      assert.equal(await page.locator('[data-own-data] h3').innerText(), 'Vos données');
      assert.equal(await region.count(), 1, 'still loading after the page answered');

      await page.locator('[data-own-cancel]').click();
      const done = page.locator(`[data-own-runs="${before + 1}"]`);
      await done.waitFor({ state: 'attached', timeout: 120_000 });
      assert.equal(await done.getAttribute('data-own-status'), 'cancelled');
      assert.match(await done.innerText(), /annulé : les données déjà chargées sont conservées/);
      assert.equal((await consoleRun(page, 'SELECT count(*) FROM services')).cell, servicesBefore);
      assert.equal(
        (
          await consoleRun(
            page,
            "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__own%'",
          )
        ).cell,
        '0',
      );
      assertNoExternalRequests(app);
      await app.close();
    },
  );
});

describe('SQL console', () => {
  test('read-only: refusals in French with DuckDB’s text; only published cells', TIMEOUT, () =>
    readOnly.use(
      '/?vue=donnees',
      (page) => waitForView(page, 'donnees'),
      async (app) => {
        const { page } = app;
        const refused: [string, RegExp][] = [
          ['SET enable_external_access = true', /lecture/],
          ["COPY cases TO 'x.csv'", /lecture/],
          ["ATTACH 'x.db'", /lecture/],
          ['INSTALL httpfs', /lecture/],
          ["SELECT * FROM read_csv('http://example.org/x.csv')", /Accès refusé/],
          ['CREATE TABLE t AS SELECT 1', /lecture/],
          ['SELECT FROM WHERE', /pas une requête de lecture valide[\s\S]*Parser Error/],
          ["SELECT * FROM 'http://example.org/x.parquet'", /refus|Catalog Error|Permission/],
          ['INSERT INTO cases SELECT * FROM cases', /« INSERT » n’est pas une requête de lecture/],
          ['SELECT 1; DROP TABLE cases', /Une seule requête de lecture à la fois/],
          // Texts that got past the old keyword guard (dollar-quoted and E'' strings it misread).
          [
            "SELECT $$'$$ AS a) AS b; DROP TABLE cases; SELECT * FROM (SELECT $$'$$ AS c",
            /pas une requête de lecture valide/,
          ],
          [
            "SELECT E'\\'' AS a; CREATE TABLE t AS SELECT 1; SELECT E'\\'' AS c",
            /Une seule requête de lecture à la fois/,
          ],
        ];
        const fingerprint = await casesFingerprint(page);
        for (const [sql, message] of refused) {
          const { error } = await consoleRun(page, sql);
          assert.ok(error, `${sql}: refused`);
          assert.match(error, message, sql);
        }
        assert.equal(await casesFingerprint(page), fingerprint, 'cases unchanged');
        const ok = await consoleRun(page, 'SELECT count(*) AS n FROM cases');
        assert.ok(ok.cell && Number(ok.cell.replace(/\s/g, '')) > 0);
        // A ';' inside a dollar-quoted string is text.
        assert.deepEqual(await consoleRun(page, 'SELECT $$a; DROP TABLE cases$$ AS texte'), {
          cell: 'a; DROP TABLE cases',
          error: null,
        });

        // The console reads the published set: no shown count between 1 and 4, no value in a secret
        // cell, and secret cells are there (as rows with empty measures).
        const sql = `SELECT count(*) FILTER (WHERE NOT suppressed AND "count" BETWEEN 1 AND 4) || ' / ' || count(*) FILTER (WHERE suppressed AND "count" IS NOT NULL) || ' / ' || count(*) FILTER (WHERE suppressed) AS f FROM cases`;
        const audit = await consoleRun(page, sql);
        const [shownSmall, secretWithValue, secret] = (audit.cell ?? '').split(' / ').map(Number);
        assert.equal(shownSmall, 0, 'no small count shown');
        assert.equal(secretWithValue, 0, 'no value in a secret cell');
        assert.ok(Number(secret) > 0, `secret cells listed: ${audit.cell}`);
        // Its export holds what the screen holds.
        const listing =
          'SELECT level, code, part, year, "count" AS n, suppressed FROM cases WHERE dimension = \'total\' ORDER BY ALL';
        await consoleRun(page, listing);
        const menu = await openMenu(page.locator('[data-sql-result]'));
        const csv = await download(page, menu, 'csv-fr');
        const [exported] = await rows(
          `SELECT count(*) FILTER (WHERE n BETWEEN 1 AND 4)::INTEGER AS small, count(*) FILTER (WHERE suppressed AND n IS NULL)::INTEGER AS secret FROM read_csv('${csv.file}', delim=';', decimal_separator=',', header=true, types={'n': 'DOUBLE'})`,
        );
        assert.equal(exported?.small, 0);
        assert.ok(Number(exported?.secret) > 0);
        // The Parquet export reruns the same query: every row, not the 500 shown.
        const total = Number(
          await page.locator('[data-sql-result]').getAttribute('data-row-count'),
        );
        const parquet = await download(page, menu, 'parquet');
        const [fromParquet] = await rows(
          `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE suppressed AND n IS NULL)::INTEGER AS secret FROM read_parquet('${parquet.file}')`,
        );
        assert.equal(fromParquet?.n, total);
        assert.equal(fromParquet?.secret, exported?.secret);
        assert.match(
          await page.locator('[data-sql-console]').innerText(),
          /déjà protégé par le secret statistique/,
        );
        assertNoExternalRequests(app);
      },
    ),
  );
  test(
    'a runaway query: the app’s queries still answer, « Arrêter » stops it in French',
    TIMEOUT,
    () =>
      readOnly.use(
        '/?vue=donnees',
        (page) => waitForView(page, 'donnees'),
        async (app) => {
          const { page } = app;
          const before = await runs(page, 'data-sql-runs');
          await page.locator('[data-sql-input]').fill('SELECT count(*) FROM range(1000000000000)');
          await page.locator('[data-sql-run]').click();
          // DuckDB has started it (a first slice ran and it goes on).
          await page
            .locator('[data-sql-under-way]')
            .waitFor({ state: 'attached', timeout: 60_000 });
          // Meanwhile a query of the app, on its own connection, completes (it would wait hours
          // behind the console's query if they shared the connection).
          const n = await page.evaluate(() => {
            const { engine } = window.__observatoire as unknown as {
              engine: { run(sql: string, background: boolean): Promise<number> };
            };
            return engine.run('SELECT level, count(*) FROM cases GROUP BY level', false);
          });
          assert.ok(n > 0, 'the app’s query answered');
          assert.equal(await runs(page, 'data-sql-runs'), before, 'the console query still runs');
          assert.equal(await page.locator('[data-sql-under-way][aria-busy="true"]').count(), 1);

          await page.locator('[data-sql-stop]').click();
          await page
            .locator(`[data-sql-runs="${before + 1}"] [data-sql-stopped]`)
            .waitFor({ state: 'attached', timeout: 60_000 });
          assert.match(await page.locator('[data-sql-error]').innerText(), /Requête arrêtée/);
          assert.equal(await page.locator('[data-sql-stop]').count(), 0);
          // The console's connection is free again.
          assert.equal((await consoleRun(page, 'SELECT 6 * 7 AS x')).cell, '42');
          assertNoConsoleErrors(app);
          assertNoExternalRequests(app);
        },
      ),
  );
});
