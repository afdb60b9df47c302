/**
 * The Explorer in real Chromium over the committed fixtures, on one shared page: the map paints
 * coloured pixels, a new indicator changes the legend and the colours, a click opens the profile
 * with a series, the Séries view draws several territories, and no request leaves the origin.
 * First loads (permalinks, the demo data's commune tiles, the insets): explorer-first-load.spec.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForIdle,
  waitForMap,
  waitForView,
} from './harness';
import {
  TIMEOUT,
  canvasStats,
  hoverAndSelect,
  legend,
  legendChanged,
  screenPoint,
} from './explorer-helpers';

after(closeHarness);

/** The fixtures' Seine-Saint-Denis and Val-de-Marne fill most of the map at this view. */
const PARIS = '/?vue=carte&carte=2.35,48.9,9';

describe('explorer', () => {
  /*
   * One page on the fixtures for the tests that need the app in some state but not a first load:
   * the first opens it, the next ones reach their URL as back/forward does (`sharedApp`). Tests of
   * a first load (what a permalink restores, what loads with the first circles) and those on the
   * demo data keep a fresh page.
   */
  const fixtures = sharedApp({ fixtures: true });
  after(() => fixtures.close());

  test('the map paints a coloured choropleth and a legend with counts', TIMEOUT, () =>
    fixtures.use(
      PARIS,
      (page) => waitForView(page, 'carte'),
      async (app) => {
        const stats = await canvasStats(app.page);
        assert.ok(stats.coloured > 2000, `coloured pixels: ${stats.coloured} of ${stats.total}`);
        const items = await legend(app.page);
        assert.ok(
          items.some((i) => i.includes('Secret statistique')),
          items.join('\n'),
        );
        assert.ok(
          items.some((i) => i.includes('Non disponible')),
          items.join('\n'),
        );
        assert.equal(
          await app.page.locator('section[data-view-name="carte"]').getAttribute('aria-busy'),
          'false',
        );
        assertNoConsoleErrors(app);
      },
    ),
  );

  test('changing the indicator changes the legend and the colours', TIMEOUT, () =>
    fixtures.use(
      PARIS,
      (page) => waitForView(page, 'carte'),
      async (app) => {
        const before = { legend: await legend(app.page), pixels: await canvasStats(app.page) };
        // A count: proportional circles on a neutral fill, with a circle legend.
        await app.page.locator('select[name="indicateur"]').selectOption('reclamations');
        await app.page.waitForFunction(() =>
          window.location.search.includes('indicateur=reclamations'),
        );
        await legendChanged(app.page, before.legend);
        await waitForMap(app.page);
        const counts = { legend: await legend(app.page), pixels: await canvasStats(app.page) };
        assert.notDeepEqual(counts.legend, before.legend);
        assert.notEqual(counts.pixels.signature, before.pixels.signature);
        assert.ok((await app.page.locator('[data-testid="legend"] svg circle').count()) >= 1);
        // Another rate: new classes in the legend, a choropleth again.
        await app.page.locator('select[name="indicateur"]').selectOption('non_recours_taux');
        await app.page.waitForFunction(() =>
          window.location.search.includes('indicateur=non_recours_taux'),
        );
        await legendChanged(app.page, counts.legend);
        await waitForMap(app.page);
        const rate = { legend: await legend(app.page), pixels: await canvasStats(app.page) };
        assert.notDeepEqual(rate.legend, before.legend);
        assert.notEqual(rate.pixels.signature, counts.pixels.signature);
        assert.ok(rate.pixels.coloured > 2000);
        assertNoConsoleErrors(app);
      },
    ),
  );

  test('a level hidden while the map moved paints again when shown', TIMEOUT, () =>
    fixtures.use(
      PARIS,
      (page) => waitForView(page, 'carte'),
      async (app) => {
        // Hidden levels keep their tiles until the view moves, then are let go (src/map): showing
        // one again after a move must cut its tiles anew, not show an empty map.
        const level = async (label: string): Promise<void> => {
          const previous = await legend(app.page);
          await app.page.locator('label.fr-label', { hasText: new RegExp(`^${label}$`) }).click();
          await legendChanged(app.page, previous);
          await waitForMap(app.page);
        };
        await level('Commune');
        const communes = await canvasStats(app.page);
        assert.ok(communes.coloured > 2000, `communes: ${communes.coloured} coloured pixels`);
        await level('Département');
        await app.page.evaluate(() => {
          const map = window.__observatoire?.map?.map;
          if (!map) throw new Error('no map');
          map.jumpTo({ center: [2.45, 48.85], zoom: 9.5 });
        });
        await waitForMap(app.page);
        await level('Commune');
        const again = await canvasStats(app.page);
        assert.ok(
          again.coloured > 2000,
          `communes after the move: ${again.coloured} coloured pixels`,
        );
        assertNoConsoleErrors(app);
      },
    ),
  );

  test('hovering a France services point names it in the tooltip', TIMEOUT, () =>
    fixtures.use(
      PARIS,
      (page) => waitForView(page, 'carte'),
      async (app) => {
        await app.page.locator('label[for="carte-services"]').click();
        await app.page.waitForFunction(() => {
          const map = window.__observatoire?.map?.map;
          return (map?.querySourceFeatures('services').length ?? 0) > 0 && map?.loaded() === true;
        });
        // The toggle sits low in the side panel: clicking it scrolled the map out of view.
        await app.page.evaluate(() => window.scrollTo(0, 0));
        // France services Aubervilliers in the fixtures, over Seine-Saint-Denis.
        const p = await screenPoint(app.page, 2.33, 48.96);
        await app.page.mouse.move(p.x, p.y);
        const tooltip = app.page.locator('.observatoire-tooltip');
        await tooltip.waitFor();
        const text = await tooltip.innerText();
        assert.match(text, /France services Aubervilliers/);
        assert.match(text, /Ouverte au 31 décembre/);
        // Off the point, the territory under the pointer takes the tooltip back.
        await app.page.mouse.move(p.x + 40, p.y + 40);
        await app.page.waitForFunction(
          () =>
            !document
              .querySelector('.observatoire-tooltip')
              ?.textContent?.includes('Aubervilliers'),
        );
        assertNoConsoleErrors(app);
      },
    ),
  );

  test('a click on a territory opens its profile with a series', TIMEOUT, () =>
    fixtures.use(
      '/?vue=carte',
      (page) => waitForView(page, 'carte'),
      async (app) => {
        // Seine-Saint-Denis: its label point in the fixtures.
        await hoverAndSelect(app.page, [2.35, 48.95], /Seine-Saint-Denis/, 'departement:93');
        const profile = app.page.locator('[data-testid="profile"]');
        await profile.waitFor();
        await waitForIdle(app.page);
        assert.match(await profile.locator('h2').innerText(), /Seine-Saint-Denis/);
        const lines = profile.locator('figure svg [data-mark="line"] path');
        assert.ok((await lines.count()) >= 1, 'profile series has a line');
        // Its data table is one click away and has rows.
        await profile
          .getByRole('button', { name: 'Afficher le tableau de données' })
          .first()
          .click();
        assert.ok((await profile.locator('table tbody tr').count()) >= 2);
        assertNoConsoleErrors(app);
      },
    ),
  );

  test(
    'the map data table lists the drawn values with their intervals and follows the year',
    TIMEOUT,
    () =>
      fixtures.use(
        '/?vue=carte&indicateur=non_recours_taux&niveau=departement&periode=2022',
        (page) => waitForView(page, 'carte'),
        async (app) => {
          const { page } = app;
          const details = page.locator('details.observatoire-carte__table');
          // Its icon is drawn: the build keeps the icons the code uses (`npm run icons`).
          const icon = await details
            .locator('summary')
            .evaluate((el) => getComputedStyle(el, '::before').maskImage);
          assert.match(icon, /^url\("data:image\/svg\+xml/);
          await details.locator('summary').click();
          const table = details.locator('table');
          await table.waitFor();
          assert.deepEqual(await table.locator('thead th').allInnerTexts(), [
            'Code',
            'Territoire',
            'Valeur (%)',
            'Intervalle à 95 %',
          ]);
          /** Rows as [code, name, value, interval], numbers read back from French formatting. */
          const rows = async () =>
            (await table
              .locator('tbody tr')
              .evaluateAll((trs) =>
                trs.map((tr) =>
                  Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent ?? ''),
                ),
              )) as string[][];
          const num = (s: string) => Number(s.replace(/[\s\u202f]/g, '').replace(',', '.'));
          const y2022 = await rows();
          // One row per département the map draws.
          const drawn = await page.evaluate(
            () =>
              window.__observatoire?.map?.map
                ?.querySourceFeatures('areas-departement')
                .map((f) => String(f.properties.code)) ?? [],
          );
          assert.deepEqual([...new Set(y2022.map((r) => r[0]))].sort(), [...new Set(drawn)].sort());
          let withInterval = 0;
          for (const [code, , value, interval] of y2022) {
            if (value === 'secret stat.') {
              assert.equal(interval, 'secret stat.', `${code}: a hidden value hides its interval`);
              continue;
            }
            const m = /^\[(.+);(.+)\]$/.exec(interval ?? '');
            if (!m) continue;
            withInterval++;
            const v = num(value ?? '');
            assert.ok(
              num(m[1] ?? '') <= v && v <= num(m[2] ?? ''),
              `${code}: ${value} in ${interval}`,
            );
          }
          assert.ok(withInterval >= 2, 'values come with their interval');
          await page.locator('input[name="periode"]').fill('2019');
          await page.waitForFunction(() =>
            document
              .querySelector('details.observatoire-carte__table caption')
              ?.textContent?.includes('2019'),
          );
          await waitForIdle(page);
          const y2019 = await rows();
          assert.equal(y2019.length, y2022.length);
          assert.notDeepEqual(
            y2019.map((r) => r[2]),
            y2022.map((r) => r[2]),
            'the table follows the year',
          );
          // A territory's name opens its profile (the keyboard path to a click on the map).
          const first = y2019.find((r) => r[2] !== 'secret stat.');
          assert.ok(first);
          await table.getByRole('button', { name: first[1] }).first().click();
          await page.locator('[data-testid="profile"] h2', { hasText: first[1] }).waitFor();
          assertNoConsoleErrors(app);
        },
      ),
  );

  test('the Séries view draws several territories with a data table', TIMEOUT, () =>
    fixtures.use(
      '/?vue=series&comparer=departement:93,departement:94,france:FR',
      (page) => waitForView(page, 'series'),
      async (app) => {
        const figure = app.page.locator('figure.observatoire-chart').first();
        await figure.locator('svg').first().waitFor();
        assert.ok((await figure.locator('svg [data-mark="line"] path').count()) >= 3);
        assert.match(await figure.innerText(), /Convention CGET–DDD/);
        await figure.getByRole('button', { name: 'Afficher le tableau de données' }).click();
        assert.ok((await figure.locator('table tbody tr').count()) >= 3);
        // The two switches (react-dsfr ToggleSwitch) write the URL and redraw. A DSFR switch's label
        // lies over its input: users click the label.
        const base100 = app.page.getByRole('checkbox', { name: 'Base 100 (première année)' });
        await app.page.getByText('Base 100 (première année)', { exact: true }).click();
        await app.page.waitForFunction(() => window.location.search.includes('base100=1'));
        assert.equal(await base100.isChecked(), true);
        await app.page.getByText('Un graphique par territoire', { exact: true }).click();
        await app.page.waitForFunction(() => window.location.search.includes('multiples=1'));
        // One panel per territory: the facets' axis (fy) appears.
        await figure.locator('svg [data-mark="fy-axis tick label"]').waitFor();
        assertNoConsoleErrors(app);
      },
    ),
  );

  test(
    'the communes’ points load with the first map that draws circles there',
    TIMEOUT,
    async () => {
      // A rate draws no circle: the 35,000 commune points are not loaded for it (src/map). A count
      // at the same level must load them and draw its circles.
      const app = await openApp('/?vue=carte&niveau=commune&carte=2.35,48.9,9.5', {
        fixtures: true,
      });
      await waitForMap(app.page);
      const points = (): Promise<{ source: boolean; circles: number }> =>
        app.page.evaluate(() => {
          const map = window.__observatoire?.map?.map;
          if (!map) throw new Error('no map');
          const source = map.getSource('points-commune') !== undefined;
          const circles = source
            ? map.queryRenderedFeatures({ layers: ['circles-commune'] }).length
            : 0;
          return { source, circles };
        });
      assert.deepEqual(await points(), { source: false, circles: 0 }, 'a rate loads no points');
      const before = await legend(app.page);
      await app.page.locator('select[name="indicateur"]').selectOption('reclamations');
      await legendChanged(app.page, before);
      await waitForMap(app.page);
      const after = await points();
      assert.equal(after.source, true);
      assert.ok(after.circles > 0, `circles drawn: ${after.circles}`);
      assert.ok((await app.page.locator('[data-testid="legend"] svg circle').count()) >= 1);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test('no request left the origin', () => {
    assertNoExternalRequests();
  });
});
