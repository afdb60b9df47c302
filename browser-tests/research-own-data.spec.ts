/**
 * Own files in real Chromium over the fixtures: a valid file changes the map's figures, bad files
 * get their French message and leave the data as they were, provenance and restore, formulas, and
 * own data at scale. Test files are generated into a temp dir. Exports: research-exports.spec.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import {
  CASES_HEADER,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  waitForEngine,
  waitForMap,
} from './harness';
import {
  TIMEOUT,
  casesFingerprint,
  consoleRun,
  download,
  go,
  latin1,
  mapValues,
  openMenu,
  ownFile,
  parquetFile,
  rows,
  runs,
  tmp,
} from './research-helpers';

after(closeHarness);

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
