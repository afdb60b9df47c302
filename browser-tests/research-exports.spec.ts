/**
 * Research features in real Chromium over the fixtures, on one read-only page: every export of a
 * chart and of the map (files read back: SVG parsed, PNG size from its IHDR, CSV and Parquet by
 * native DuckDB) and the SQL console's refusals. Own files: research-own-data.spec.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  sharedApp,
  waitForView,
} from './harness';
import {
  CSV_TYPES,
  TIMEOUT,
  casesFingerprint,
  consoleRun,
  download,
  exportedValues,
  openMenu,
  parseSvg,
  pngSize,
  rows,
  runs,
} from './research-helpers';

after(closeHarness);

/*
 * One page on the fixtures for the tests that only read (exports of a chart and of the map, the
 * SQL console): the first opens it, the next ones reach their URL as back/forward does
 * (`sharedApp`). Tests that load own files change the page's engine, and keep fresh pages.
 */
const readOnly = sharedApp({ fixtures: true });
after(() => readOnly.close());

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
