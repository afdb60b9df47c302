/**
 * Sites and the committee report in real Chromium over the fixtures: the four sites are shown,
 * a custom group comes back from a URL (and one built in the UI goes into the URL), the funnel
 * plot marks Plaine Commune (far above the national rate in the fixtures) beyond its limits, and
 * the report prints to A4 PDF pages naming every site, with charts and page numbers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SITE_DEFINITIONS } from '../src/catalogue/sites';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  openIdle,
  sharedApp,
  waitForEngine,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };

describe('sites', () => {
  /*
   * One page for the tests that read Sites and the report in their default state (`sharedApp`):
   * the first opens it, the report is reached as back/forward does. The custom group's test is
   * about a first load from a URL, and keeps fresh pages.
   */
  const shared = sharedApp({ fixtures: true });
  after(() => shared.close());

  test('the Sites view shows the four experimental sites with their figures', TIMEOUT, () =>
    shared.use(
      '/?vue=sites',
      (page) => waitForView(page, 'sites'),
      async (app) => {
        const { page } = app;
        for (const site of SITE_DEFINITIONS) {
          const item = page.locator(`.observatoire-group-list [data-group="${site.id}"]`);
          assert.equal(await item.count(), 1, `${site.id} listed`);
          assert.match(await item.innerText(), new RegExp(site.name));
          // Every site has a row in the complaint-rate comparison table, with a value.
          const row = page.locator(
            `section.observatoire-site-indicator:has(#cmp-reclamations_taux) tr[data-group="${site.id}"] td`,
          );
          const value = (await row.first().innerText()).trim();
          assert.ok(value !== '' && value !== 'non disponible', `${site.id}: value « ${value} »`);
        }
        assert.match(
          await page.locator('[data-group="plaine_commune"]').first().innerText(),
          /Saint-Denis/,
        );
        assertNoExternalRequests(app);
        assertNoConsoleErrors(app);
      },
    ),
  );

  test('the funnel plot marks Plaine Commune beyond the 99.8 % limit', TIMEOUT, () =>
    shared.use(
      '/?vue=sites',
      (page) => waitForView(page, 'sites'),
      async (app) => {
        const { page } = app;
        const funnel = page.locator('figure[data-indicator="reclamations_taux"]');
        const row = funnel.locator('tr[data-group="plaine_commune"]');
        assert.equal(await row.getAttribute('data-funnel-class'), 'beyond998');
        assert.match(
          await row.innerText(),
          /Au-dessus du taux national, au-delà de la limite à 99,8 %/,
        );
        // The chart says it too, on the mark itself (tooltip and accessible label).
        const mark = funnel.locator('svg [aria-label^="Plaine Commune"]');
        assert.equal(await mark.count(), 1);
        assert.match(
          (await mark.getAttribute('aria-label')) ?? '',
          /au-delà de la limite à 99,8 %/,
        );
        // Hovered, a point is named by the chart's tip, as its tooltip said.
        await mark.hover({ force: true });
        const tip = funnel.locator('svg g[aria-label="tip"] text, svg g[data-mark="tip"] text');
        await tip.first().waitFor({ timeout: 30_000 });
        const tipText = (await tip.allTextContents()).join(' ');
        assert.match(tipText, /Plaine Commune/);
        assert.match(tipText, /99,8/);
        // The grey territories are one shape on the chart, and one by one in a table on demand.
        assert.equal(await funnel.locator('svg circle').count(), 0);
        const toggle = funnel.getByRole('button', { name: /placés en gris/ });
        await toggle.click();
        const greyRows = funnel.locator('table:has(caption:text("points gris")) tbody tr');
        await greyRows.first().waitFor({ timeout: 30_000 });
        assert.ok((await greyRows.count()) > 0, 'grey territories listed');
        assert.match(await greyRows.first().innerText(), /du taux national/);
        await toggle.click();
        // Every site has a row: placed, or « secret statistique » when its figures are hidden
        // (the fixtures' Ouest Provence has fewer than 5 complaints a year).
        const rows = funnel.locator('tr[data-group]');
        assert.equal(await rows.count(), 4);
        const unplaced = funnel.locator('tr[data-group]:not([data-funnel-class])');
        for (let i = 0; i < (await unplaced.count()); i++)
          assert.match(await unplaced.nth(i).innerText(), /secret statistique/);
        assertNoExternalRequests(app);
      },
    ),
  );

  test(
    'the committee report prints to A4 pages naming every site, with charts and page numbers',
    TIMEOUT,
    () =>
      shared.use(
        '/?vue=rapport',
        (page) => waitForView(page, 'rapport'),
        async (app) => {
          const { page } = app;
          // Charts are in the DOM before printing: funnels and small multiples.
          assert.ok((await page.locator('.observatoire-funnel svg').count()) >= 1, 'a funnel plot');
          assert.ok(
            (await page.locator('.observatoire-site-series svg').count()) >= 1,
            'small multiples',
          );
          await page.emulateMedia({ media: 'print' });
          assert.equal(
            await page
              .locator('header.fr-header')
              .isVisible()
              .catch(() => false),
            false,
          );
          assert.equal(
            await page.getByRole('button', { name: 'Imprimer / PDF' }).isVisible(),
            false,
          );
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-')), 'rapport.pdf');
          fs.writeFileSync(file, pdf);
          const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
          const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
          assert.ok(pages >= 4, `several pages, got ${pages}`);
          assert.match(info, /Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
          const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
          for (const site of SITE_DEFINITIONS) assert.match(text, new RegExp(site.name), site.name);
          assert.match(text, /Rapport du comité/);
          assert.match(text, /DONNÉES SYNTHÉTIQUES/);
          // Suppression holds on paper: the fixtures' Ouest Provence has fewer than 5 complaints.
          assert.match(text, /Ouest Provence\s+secret statistique/);
          // Chart text (axes, labels) is real text in the PDF: the funnel's axis and site labels.
          assert.match(text, /Population, échelle logarithmique/);
          // Page numbers from the @page margin boxes.
          assert.match(text, new RegExp(`Page 1 sur ${pages}`));
          assert.match(text, new RegExp(`Page ${pages} sur ${pages}`));
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
          assertNoExternalRequests(app);
          assertNoConsoleErrors(app);
        },
      ),
  );

  test(
    'a custom group comes back from the URL, and one built in the UI goes into it',
    TIMEOUT,
    async () => {
      const url = `/?vue=sites&groupes=${encodeURIComponent('Bassin minier test~commune:62001,commune:62003')}`;
      const app = await openIdle(url);
      const { page } = app;
      const group = page.locator('.observatoire-group-list [data-group="groupe-1"]');
      assert.match(await group.innerText(), /Bassin minier test/);
      assert.match(await group.innerText(), /Ablain-Saint-Nazaire/);
      assert.match(await group.innerText(), /Acheville/);
      const row = page.locator(
        'section.observatoire-site-indicator:has(#cmp-reclamations) tr[data-group="groupe-1"]',
      );
      assert.equal(await row.count(), 1);
      assert.match(await row.locator('th').innerText(), /Bassin minier test/);

      // Build a second group in the UI.
      await page.getByRole('combobox', { name: /Rechercher un territoire/ }).fill('Liévin');
      await page.getByRole('option', { name: /^Liévin Commune/ }).click();
      await page.getByLabel('Nom du groupe').fill("L'Haÿ ; essai");
      await page.getByRole('button', { name: 'Ajouter le groupe à la comparaison' }).click();
      await page.locator('.observatoire-group-list [data-group="groupe-2"]').waitFor();
      // The history entry is written just after the frame that shows the change.
      await page.waitForFunction(() =>
        (new URLSearchParams(window.location.search).get('groupes') ?? '').includes('62510'),
      );
      const search = new URL(page.url()).searchParams.get('groupes') ?? '';
      assert.match(search, /Bassin minier test~commune:62001,commune:62003/);
      // `;` separates groups in the URL, so the name loses it.
      assert.match(search, /L'Haÿ essai~commune:62510/);
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      const shared = new URL(page.url());
      await app.close();
      // The shared address, opened afresh (another user), restores both groups.
      const other = await openApp(shared.pathname + shared.search, { fixtures: true });
      await waitForEngine(other.page);
      const second = other.page.locator('.observatoire-group-list [data-group="groupe-2"]');
      // Members show by code until their names are read from the territories table.
      await second.filter({ hasText: /Liévin/ }).waitFor();
      assert.match(await second.innerText(), /L'Haÿ essai/);
      assert.match(await second.innerText(), /Liévin/);
      assertNoExternalRequests(other);
      await other.close();
    },
  );
});
