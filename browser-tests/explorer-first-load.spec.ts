/**
 * The Explorer's first loads in real Chromium, each in a fresh page: a permalink restores
 * indicator, level, year, territory and zoom; the demo data's communes come in tiles; the insets
 * of the overseas départements sit where the catalogue puts them; no request leaves the origin.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { INSETS } from '../src/catalogue/display';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  communesDrawn,
  openApp,
  waitForMap,
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

describe('explorer, first loads', () => {
  test('a permalink restores indicator, level, year, territory and zoom', TIMEOUT, async () => {
    const url =
      '/?vue=carte&indicateur=non_recours_taux&niveau=commune&periode=2020&territoire=commune:93066&carte=2.35,48.9,9.5';
    const app = await openApp(url, { fixtures: true });
    await waitForMap(app.page);
    const page = app.page;
    assert.equal(await page.locator('select[name="indicateur"]').inputValue(), 'non_recours_taux');
    assert.equal(await page.locator('input[type="radio"][value="commune"]').isChecked(), true);
    assert.equal(await page.locator('input[name="periode"]').inputValue(), '2020');
    assert.match(await page.locator('[data-testid="profile"] h2').innerText(), /Saint-Denis/);
    const view = await page.evaluate(() => {
      const map = window.__observatoire?.map?.map;
      return map ? { zoom: map.getZoom(), ...map.getCenter() } : null;
    });
    assert.ok(view);
    assert.ok(Math.abs(view.zoom - 9.5) < 0.01, `zoom ${view.zoom}`);
    assert.ok(Math.abs(view.lng - 2.35) < 1e-3 && Math.abs(view.lat - 48.9) < 1e-3);
    // Opening the URL does not rewrite it (the default `vue` is dropped, nothing else changes).
    assert.equal(new URL(page.url()).search, url.slice(1).replace('vue=carte&', ''));
    assertNoConsoleErrors(app);
    await app.close();
  });

  test(
    'the demo communes come as vector tiles: only those in view, coloured, hovered, clicked',
    TIMEOUT,
    async () => {
      // The demo data cuts its 35,000 communes into tiles (scripts/lib/tiles.ts); the fixtures,
      // like a dataset without tiles, are drawn from GeoJSON (the tests above).
      const app = await openApp('/?vue=carte&niveau=commune&carte=4.93,45.78,10');
      const geo: string[] = [];
      app.page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.includes('/geo/')) geo.push(path);
      });
      await waitForMap(app.page);
      assert.ok(!geo.some((p) => p.endsWith('/commune.geojson')), 'no commune GeoJSON');
      const areaTiles = geo.filter((p) => p.includes('/geo/tiles/commune/'));
      assert.ok(areaTiles.length >= 1 && areaTiles.length <= 12, areaTiles.join(' '));
      for (const p of areaTiles) assert.match(p, /\/tiles\/commune\/10\/\d+\/\d+\.pbf$/);
      // Each commune in view has its colour state, and the canvas shows them.
      const drawn = await communesDrawn(app.page);
      assert.ok(drawn.features > 10, `communes drawn: ${drawn.features}`);
      assert.ok(drawn.coloured >= drawn.features * 0.9, JSON.stringify(drawn));
      assert.ok((await canvasStats(app.page)).coloured > 20_000);
      // Vaulx-en-Velin at its label point: tooltip, then a click selects it.
      await hoverAndSelect(app.page, [4.9266, 45.786], /Vaulx-en-Velin/, 'commune:69256');
      const selected = await app.page.evaluate(
        () =>
          window.__observatoire?.map?.map?.getFeatureState({
            source: 'areas-commune',
            sourceLayer: 'areas',
            id: '69256',
          })['sel'],
      );
      assert.equal(selected, 1);
      // A count draws circles, from the points' tiles.
      const before = await legend(app.page);
      await app.page.locator('select[name="indicateur"]').selectOption('reclamations');
      await legendChanged(app.page, before);
      await waitForMap(app.page);
      assert.ok(geo.some((p) => /\/tiles\/commune-points\/10\//.test(p)));
      assert.ok(!geo.some((p) => p.endsWith('/commune-points.geojson')));
      const circles = await app.page.evaluate(
        () =>
          window.__observatoire?.map?.map?.queryRenderedFeatures({ layers: ['circles-commune'] })
            .length ?? 0,
      );
      assert.ok(circles > 5, `circles: ${circles}`);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test(
    'the demo QPV are the list in force that year, as discs at their commune',
    TIMEOUT,
    async () => {
      // Vaulx-en-Velin has 3 QPV on each list (2015: QP069011/18/19; 2024: QN06909M/16M/17I); no
      // official contour ships, so each is a disc laid out around its commune's point.
      const app = await openApp(
        '/?vue=carte&niveau=qpv&indicateur=non_recours_taux&periode=2024&carte=4.9266,45.786,11',
      );
      const { page } = app;
      await waitForMap(page);
      const drawn = (): Promise<string[]> =>
        page.evaluate(() => {
          const map = window.__observatoire?.map?.map;
          if (!map) throw new Error('no map');
          // Discs of QPV not in force are there, transparent (no colour state).
          const codes = map
            .queryRenderedFeatures({ layers: ['symbols-qpv'] })
            .filter((f) => f.state['c'] != null)
            .map((f) => String(f.properties['code']));
          // Vaulx-en-Velin's QPV of both lists (its neighbours' are in view too).
          const vaulx = /^(QN069(09M|16M|17I)|QP0690(11|18|19))$/;
          return [...new Set(codes)].filter((c) => vaulx.test(c)).sort();
        });
      // Symbols are placed over a few frames after the paint: wait for the three discs.
      const placed = (codes: string[]) =>
        page.waitForFunction((want) => {
          const map = window.__observatoire?.map?.map;
          const seen = new Set(
            map
              ?.queryRenderedFeatures({ layers: ['symbols-qpv'] })
              .filter((f) => f.state['c'] != null)
              .map((f) => String(f.properties['code'])),
          );
          return want.every((c) => seen.has(c));
        }, codes);
      await placed(['QN06909M', 'QN06916M', 'QN06917I']);
      assert.deepEqual(await drawn(), ['QN06909M', 'QN06916M', 'QN06917I']);
      // Hovering one of them (its commune's point plus its offset) names it.
      const disc = await page.evaluate(() => {
        const map = window.__observatoire?.map?.map;
        if (!map) throw new Error('no map');
        const f = map
          .queryRenderedFeatures({ layers: ['symbols-qpv'] })
          .find((x) => String(x.properties['code']) === 'QN06916M' && x.state['c'] != null);
        if (f?.geometry.type !== 'Point') throw new Error('no disc for QN06916M');
        const raw: unknown = f.properties['offset'];
        const offset = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [number, number];
        const p = map.project(f.geometry.coordinates as [number, number]);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + p.x + offset[0], y: box.top + p.y + offset[1] };
      });
      await page.mouse.move(disc.x, disc.y);
      const tooltip = page.locator('.observatoire-tooltip');
      await tooltip.waitFor();
      assert.match(await tooltip.innerText(), /Grande Île/);
      assert.match(await tooltip.innerText(), /Position : commune principale du quartier/);
      // In 2020 the 2015 list is in force.
      const before = await legend(page);
      await page.locator('input[name="periode"]').fill('2020');
      await page.waitForFunction(() => window.location.search.includes('periode=2020'));
      await legendChanged(page, before);
      await waitForMap(page);
      await placed(['QP069011', 'QP069018', 'QP069019']);
      assert.deepEqual(await drawn(), ['QP069011', 'QP069018', 'QP069019']);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test(
    'the legend leaves the DROM insets visible, over a wide map and under a narrow one',
    TIMEOUT,
    async () => {
      // The demo data's fitted view of France and its DROM insets (no `carte` in the URL).
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const app = await openApp('/?vue=carte', { viewport });
        await waitForMap(app.page);
        const legendBox = await app.page.locator('[data-testid="legend"]').boundingBox();
        const mapBox = await app.page.locator('.observatoire-map').boundingBox();
        assert.ok(legendBox && mapBox);
        for (const [code, inset] of Object.entries(INSETS)) {
          const p = await screenPoint(app.page, inset.to[0], inset.to[1]);
          assert.ok(
            p.x >= mapBox.x && p.x <= mapBox.x + mapBox.width && p.y >= mapBox.y,
            `${viewport.width} px: inset ${code} off the map`,
          );
          const under =
            p.x > legendBox.x - 12 &&
            p.x < legendBox.x + legendBox.width + 12 &&
            p.y > legendBox.y - 12 &&
            p.y < legendBox.y + legendBox.height + 12;
          assert.ok(!under, `${viewport.width} px: inset ${code} under the legend`);
        }
        if (viewport.width < 600)
          assert.ok(legendBox.y >= mapBox.y + mapBox.height, 'narrow: the legend is below the map');
        assertNoConsoleErrors(app);
        await app.close();
      }
    },
  );

  test('no request left the origin', () => {
    assertNoExternalRequests();
  });
});
