/**
 * The shell in real Chromium: the engine starts on the demo data and on the fixtures, the Données
 * view shows counted rows and a preview from a real query, navigation follows the URL (and back),
 * a malformed URL gives a notice and defaults, and nothing leaves the origin.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForEngine,
  waitForIdle,
  waitForView,
  type AppPage,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 180_000 };

async function checkDonnees(app: AppPage): Promise<void> {
  const { page } = app;
  await waitForEngine(page);
  await waitForIdle(page);
  assert.equal(await page.locator('main h1').first().innerText(), 'Données');
  const sections = page.locator('section[data-table]');
  const n = await sections.count();
  assert.ok(n >= 5, `expected every table of the manifest, got ${n}`);
  for (let i = 0; i < n; i++) {
    const section = sections.nth(i);
    const name = await section.getAttribute('data-table');
    const rows = Number(await section.getAttribute('data-row-count'));
    assert.ok(rows > 0, `${name}: engine row count ${rows}`);
    // The count is written for a French reader (narrow no-break space between thousands).
    const shown = await section.locator('[data-rows]').innerText();
    assert.equal(shown.replace(/\s/g, ''), String(rows), `${name}: shown count`);
    const previewRows = section.locator(
      'caption:has-text("Premières lignes") >> xpath=.. >> tbody tr',
    );
    assert.ok((await previewRows.count()) >= 1, `${name}: preview has a row`);
    const firstCell = await previewRows.first().locator('td').first().innerText();
    assert.notEqual(firstCell.trim(), '', `${name}: preview cell`);
  }
  // The view is painted: no part is still busy.
  assert.equal(await page.locator('main [data-view="donnees"]').getAttribute('aria-busy'), 'false');
}

describe('shell', () => {
  /*
   * One page on the fixtures for Données' first load and the navigation test, which reaches Sites
   * as back/forward does (`sharedApp`). The other tests are about a first load of their own.
   */
  const fixtures = sharedApp({ fixtures: true });
  after(() => fixtures.close());

  test('Données on the fixtures: rows counted by the engine and a preview', TIMEOUT, () =>
    fixtures.use(
      '/?vue=donnees',
      (page) => waitForView(page, 'donnees'),
      async (app) => {
        await checkDonnees(app);
        assert.equal(await app.page.locator('html').getAttribute('lang'), 'fr');
        assert.match(await app.page.title(), /^Données — Observatoire/);
        // The fixtures are synthetic: the persistent note says so.
        const manifest = JSON.parse(fs.readFileSync('data/fixtures/manifest.json', 'utf8')) as {
          synthetic: boolean;
        };
        assert.equal(
          await app.page.locator('#note-donnees-synthetiques').isVisible(),
          manifest.synthetic,
        );
        assertNoConsoleErrors(app);
        assertNoExternalRequests(app);
      },
    ),
  );
  test('Données on the demo data built by the pipeline', TIMEOUT, async () => {
    assert.ok(
      fs.existsSync('data/manifest.json'),
      'data/manifest.json is missing: run `npm run data:ensure` first',
    );
    const app = await openApp('/?vue=donnees');
    await checkDonnees(app);
    const casesRows = Number(
      await app.page.locator('section[data-table="cases"]').getAttribute('data-row-count'),
    );
    assert.ok(casesRows > 1000, `demo cases rows: ${casesRows}`);
    // How the set was protected, from the manifest: per table and level, the audit's verdict.
    const manifest = JSON.parse(fs.readFileSync('data/manifest.json', 'utf8')) as {
      publication: { table: string; levels: Record<string, { cells: number }> }[];
      references: { title: string }[];
    };
    for (const report of manifest.publication) {
      const table = app.page.locator(`[data-testid="secret-${report.table}"]`);
      assert.match(
        await table.locator('caption').innerText(),
        /aucune cellule masquée recalculable/,
      );
      const communes = table.locator('tr:has(th:text-is("Commune")) td').first();
      assert.equal(
        (await communes.innerText()).replace(/\s/g, ''),
        String(report.levels['commune']?.cells),
      );
    }
    const references = await app.page.locator('#references li strong').allInnerTexts();
    assert.deepEqual(
      references,
      manifest.references.map((r) => r.title),
    );
    assertNoConsoleErrors(app);
    assertNoExternalRequests(app);
    await app.close();
  });

  test('navigation follows the URL, and back/forward restore the view', TIMEOUT, () =>
    fixtures.use(
      '/?vue=sites',
      (page) => waitForView(page, 'sites'),
      async (app) => {
        const { page } = app;
        const nav = (view: string) => page.locator(`header a[data-nav="${view}"]`).first();
        assert.equal(await nav('sites').getAttribute('aria-current'), 'page');

        await nav('series').click();
        await page.waitForURL(/\?vue=series$/);
        await page.locator('#observatoire[data-current-view="series"]').waitFor();
        assert.equal(await nav('series').getAttribute('aria-current'), 'page');

        await nav('donnees').click();
        await page.waitForURL(/\?vue=donnees$/);
        await page.locator('main h1', { hasText: 'Données' }).waitFor();

        await page.goBack();
        await page.waitForURL(/\?vue=series$/);
        await page.locator('#observatoire[data-current-view="series"]').waitFor();
        await page.goBack();
        await page.waitForURL(/\?vue=sites$/);
        await page.locator('#observatoire[data-current-view="sites"]').waitFor();
        await page.goForward();
        await page.locator('#observatoire[data-current-view="series"]').waitFor();

        // The link itself carries the state, so it also opens in a new tab.
        assert.equal(await nav('carte').getAttribute('href'), '?');
        assertNoExternalRequests(app);
      },
    ),
  );
  test('on a small screen, the menu closes once a view is chosen', TIMEOUT, async () => {
    const app = await openApp('/?vue=donnees', {
      fixtures: true,
      viewport: { width: 375, height: 800 },
    });
    const { page } = app;
    await page.locator('#fr-header-menu-button').click();
    const opened = page.locator('.fr-modal--opened');
    await opened.waitFor();
    await opened.locator('a[data-nav="series"]').click();
    await page.waitForURL(/\?vue=series$/);
    await opened.waitFor({ state: 'detached' });
    assertNoExternalRequests(app);
    await app.close();
  });

  test('missing data: a French message, the detail on demand, the URL kept', TIMEOUT, async () => {
    const app = await openApp('/?vue=donnees&periode=2019', { dataRoot: '/data/absent/' });
    const { page } = app;
    await page.locator('#observatoire[data-engine-state="failed"]').waitFor({ timeout: 90_000 });
    const alert = page.locator('[data-engine-error]');
    assert.match(await alert.innerText(), /Le moteur de données n’a pas pu démarrer/);
    assert.equal(await alert.locator('details').count(), 1);
    assert.equal(new URL(page.url()).search, '?vue=donnees&periode=2019');
    // The shell and the navigation stay usable.
    assert.equal(await page.locator('main h1').first().innerText(), 'Données');
    assert.ok(app.consoleErrors.length > 0, 'the precise cause is in the console');
    assertNoExternalRequests(app);
    await app.close();
  });

  test('a malformed URL shows a notice and falls back to defaults', TIMEOUT, async () => {
    const app = await openApp('/?vue=nulle-part&periode=abc&foo=1&niveau=departement', {
      fixtures: true,
    });
    const { page } = app;
    const notice = page.locator('[data-url-notices]');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /Paramètre inconnu « foo »/);
    assert.match(text, /« nulle-part » invalide pour « vue »/);
    assert.match(text, /« abc » invalide pour « periode »/);
    // Default view, canonical URL (the ignored parameters are gone).
    await page.locator('#observatoire[data-current-view="carte"]').waitFor();
    assert.equal(new URL(page.url()).search, '');
    await notice.getByRole('button').click();
    await notice.waitFor({ state: 'detached' });
    await waitForEngine(page);
    assertNoExternalRequests(app);
    await app.close();
  });
});
