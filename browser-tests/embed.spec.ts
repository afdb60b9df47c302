/**
 * Issue 18 in real Chromium over the fixtures: « Carte (SVG) » downloads the map as vectors
 * (paths, legend, source, synthetic mark), and the embedded page (`integration=1`) shows the
 * painted map without the site's header, navigation and footer, with a link back to the full
 * observatoire; « Intégrer » gives the `<iframe>` snippet of the view.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForMap,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };
const SYNTHETIC = /synthétiques/i;

describe('vector map and embedding', () => {
  /*
   * One page on the fixtures for the full views (Carte, its « Intégrer » menu, the report): the
   * first opens it, the next ones reach their URL as back/forward does (`sharedApp`). The
   * embedded view (integration=1) is a first load of its own.
   */
  const carte = sharedApp({ fixtures: true });
  after(() => carte.close());

  test(
    '« Carte (SVG) » downloads the map as vector paths with legend, source and synthetic mark',
    TIMEOUT,
    () =>
      carte.use(
        '/?vue=carte&indicateur=reclamations_taux&niveau=commune&periode=2024',
        (page) => waitForView(page, 'carte'),
        async (app) => {
          const { page } = app;
          const menu = page.locator('.observatoire-carte__main .observatoire-export').first();
          await menu.locator('[data-export-menu]').click();
          const [dl] = await Promise.all([
            page.waitForEvent('download', { timeout: 90_000 }),
            menu.locator('[data-export="map-svg"]').click(),
          ]);
          assert.match(dl.suggestedFilename(), /^reclamations_taux-commune-2024\.svg$/);
          const file = await dl.path();
          const text = fs.readFileSync(file, 'utf8');
          const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
          assert.equal(doc.getElementsByTagName('parsererror').length, 0, 'SVG parses');
          assert.equal(doc.documentElement.tagName, 'svg');
          // The fixtures' 11 communes are drawn as paths (plus the département outlines).
          assert.ok(doc.querySelectorAll('path').length >= 11, 'geometry as <path> elements');
          const hatched = doc.querySelectorAll('g[fill="url(#observatoire-hatch)"] path').length;
          assert.ok(hatched > 0, 'secret communes hatched');
          const words = doc.documentElement.textContent ?? '';
          assert.match(words, /Secret statistique \(\d+ terr\.\)/);
          assert.match(words, /Non disponible/);
          assert.match(words, /Source/);
          assert.match(doc.querySelector('.export-synthetic')?.textContent ?? '', SYNTHETIC);
          assert.equal(
            await menu.locator('[data-export-status]').getAttribute('data-export-status'),
            'ok',
          );
          assertNoExternalRequests(app);
          assertNoConsoleErrors(app);
        },
      ),
  );
  test(
    'integration=1: the map alone, with a link to the full view; « Intégrer » gives the iframe',
    TIMEOUT,
    async () => {
      const app = await openApp(
        '/?vue=carte&indicateur=non_recours_taux&niveau=departement&periode=2023&integration=1',
        { fixtures: true },
      );
      const { page } = app;
      await waitForMap(page);
      assert.equal(await page.locator('header.fr-header, footer.fr-footer, nav').count(), 0);
      assert.ok(await page.locator('.observatoire-map canvas').isVisible(), 'map painted');
      assert.ok(await page.locator('[data-testid="legend"]').isVisible(), 'legend shown');
      assert.match(await page.locator('.observatoire-synthetic').first().innerText(), SYNTHETIC);
      const link = page.locator('[data-integration-link]');
      assert.equal(await link.innerText(), 'Ouvrir dans l’observatoire');
      assert.equal(await link.getAttribute('target'), '_blank');
      const href = new URL((await link.getAttribute('href')) ?? '', page.url());
      assert.equal(href.searchParams.get('integration'), null);
      assert.equal(href.searchParams.get('indicateur'), 'non_recours_taux');
      assert.equal(href.searchParams.get('periode'), '2023');
      assertNoExternalRequests(app);
      await app.close();

      // « Intégrer » in the full view's export menu (the shared page, reached as back/forward does).
      await carte.use(
        '/?vue=carte&indicateur=non_recours_taux&niveau=departement&periode=2023',
        (page) => waitForView(page, 'carte'),
        async (full) => {
          assert.ok(
            await full.page.locator('header.fr-header').isVisible(),
            'full page has its header',
          );
          const menu = full.page.locator('.observatoire-carte__main .observatoire-export').first();
          // The shared page's menu may still be open from the SVG test (same view, not remounted).
          const button = menu.locator('[data-export-menu]');
          if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
          await menu.locator('[data-export="embed"]').click();
          const snippet = await menu.locator('textarea[data-export-text]').inputValue();
          const frame = new JSDOM(snippet).window.document.querySelector('iframe');
          assert.ok(frame, `an <iframe> snippet: ${snippet}`);
          const src = new URL(frame.getAttribute('src') ?? '');
          assert.equal(src.searchParams.get('integration'), '1');
          assert.equal(src.searchParams.get('indicateur'), 'non_recours_taux');
          assert.match(frame.getAttribute('title') ?? '', /Observatoire — /);
          assert.ok(Number(frame.getAttribute('height')) > 0);
          assertNoExternalRequests(full);
        },
      );
    },
  );

  test('the committee report carries the vector map of each indicator', TIMEOUT, () =>
    carte.use(
      '/?vue=rapport',
      (page) => waitForView(page, 'rapport'),
      async (app) => {
        const { page } = app;
        const map = page.locator('[data-report-map="reclamations_taux"]');
        assert.ok((await map.locator('svg path').count()) >= 4, 'départements as <path> elements');
        const text = await map.innerText();
        assert.match(text, /Secret statistique|Non disponible/);
        assert.match(await map.locator('figcaption').innerText(), /Source :/);
        assert.match(await map.locator('figcaption').innerText(), SYNTHETIC);
        assertNoExternalRequests(app);
        assertNoConsoleErrors(app);
      },
    ),
  );
});
