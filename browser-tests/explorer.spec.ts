/**
 * The Explorer in real Chromium over the committed fixtures: the map paints coloured pixels, a
 * new indicator changes the legend and the colours, a click opens the profile with a series, a
 * permalink restores indicator, level, year, territory and zoom, the Séries view draws several
 * territories, and no request leaves the origin.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { INSETS } from '../src/catalogue/display';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  communesDrawn,
  openApp,
  sharedApp,
  waitForIdle,
  waitForMap,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 180_000 };
/** The fixtures' Seine-Saint-Denis and Val-de-Marne fill most of the map at this view. */
const PARIS = '/?vue=carte&carte=2.35,48.9,9';

/** Pixel statistics of the map canvas: coloured pixels (not grey/white) and a colour histogram. */
async function canvasStats(
  page: Page,
): Promise<{ coloured: number; total: number; signature: string }> {
  return page.evaluate(async () => {
    const map = window.__observatoire?.map?.map;
    if (!map) throw new Error('no map');
    const src = map.getCanvas();
    const img = new Image();
    img.src = src.toDataURL('image/png');
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    const histogram = new Map<string, number>();
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i] ?? 0;
      const g = px[i + 1] ?? 0;
      const b = px[i + 2] ?? 0;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) {
        coloured++;
        const key = `${r >> 4},${g >> 4},${b >> 4}`;
        histogram.set(key, (histogram.get(key) ?? 0) + 1);
      }
    }
    const top = [...histogram.entries()]
      .filter(([, n]) => n > 200)
      .map(([k]) => k)
      .sort()
      .join(' ');
    return { coloured, total: px.length / 4, signature: top };
  });
}

/**
 * Hovers a point of the map (the tooltip must name `name`), clicks it and waits until the URL
 * selects `territory` (`level:code`).
 */
async function hoverAndSelect(
  page: Page,
  [lon, lat]: [number, number],
  name: RegExp,
  territory: string,
): Promise<void> {
  const p = await screenPoint(page, lon, lat);
  await page.mouse.move(p.x, p.y);
  const tooltip = page.locator('.observatoire-tooltip');
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), name);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction((t) => window.location.search.includes(`territoire=${t}`), territory);
}

async function legend(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="legend"] li')
    .evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`),
    );
}

/**
 * Waits until the legend differs from `previous`: right after a change the view may not have
 * flagged itself busy yet, so waiting for idle alone could read the old legend.
 */
async function legendChanged(page: Page, previous: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (prev) => {
      const now = [...document.querySelectorAll('[data-testid="legend"] li')].map(
        (li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`,
      );
      return JSON.stringify(now) !== JSON.stringify(prev);
    },
    previous,
    { timeout: 120_000 },
  );
}

/** Screen position (relative to the page) of a lon/lat on the map. */
async function screenPoint(
  page: Page,
  lon: number,
  lat: number,
): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const map = window.__observatoire?.map?.map;
      if (!map) throw new Error('no map');
      const p = map.project([x, y]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    [lon, lat] as const,
  );
}

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
