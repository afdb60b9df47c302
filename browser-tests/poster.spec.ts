/**
 * The poster of the default Carte view (src/app/poster-page.tsx, built into index.html from the
 * demo data's prebaked results): served in the HTML and painted before any script of the app
 * runs, the same picture and legend as the live map (same place, same Web Mercator fit as
 * MapLibre's `fitBounds`), gone once the live map has painted with nothing else changed, never
 * shown for another state, and what is on screen while nothing else can draw the map. What the
 * tests hold back (a file, a chunk) they release themselves: no clock.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { POSTER_GRID } from '../src/map/poster-format';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  holder,
  openApp,
  serverOrigin,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const LIVE_MAP = '[data-view-name="carte"] .observatoire-map[data-painted="true"]';
const POSTER = '#observatoire-poster';

interface PosterRecord {
  shown: boolean;
  fittedAt?: number;
  paintedAt?: number;
  removed?: { at: number; reason: string };
}

const record = (page: Page): Promise<PosterRecord | null> =>
  page.evaluate(() => (window.__OBSERVATOIRE_POSTER__ as PosterRecord | undefined) ?? null);

/** The legend's items as data: kind, colour and text. */
const legendOf = (page: Page, scope: string, testid: string): Promise<string[]> =>
  page
    .locator(`${scope} [${testid}="legend"] li`)
    .evaluateAll((lis) =>
      lis.map(
        (li) =>
          `${li.getAttribute('data-kind')} ${li.getAttribute('data-color')} ${li.textContent ?? ''}`,
      ),
    );

const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's serious and critical violations on the whole page, as `id: targets`. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.map(String).join(' ')).join(', ')}`);
  });
}

describe('poster of the first map', () => {
  test('the served HTML carries the poster of the default Carte view', TIMEOUT, async () => {
    const origin = await serverOrigin();
    const html = await (await fetch(`${origin}/`)).text();
    const poster = html.indexOf('id="observatoire-poster"');
    assert.ok(poster > 0, 'index.html has no poster (npm run data:ensure, then npm run build)');
    assert.ok(poster < html.indexOf('<div id="root">'), 'the poster comes before #root');
    assert.match(html, /<svg class="observatoire-poster__map"[^>]*data-fit="\d+ \d+ \d+ \d+"/);
    // Its areas are a picture (PosterMap.tsx: vector outlines cost software rendering seconds).
    assert.match(html, /<image [^>]*href="data:image\/png;base64,/);
    assert.match(html, /data-poster-testid="legend"/);
    // Its geometry is drawn into the HTML at build time: the service worker does not precache it.
    const sw = await (await fetch(`${origin}/sw.js`)).text();
    assert.match(sw, /data\/prebaked\/index\.json/);
    assert.doesNotMatch(sw, /prebaked\/poster-/);
  });

  for (const width of [1280, 560]) {
    test(
      `at ${width} px, the poster shows the live map's picture and legend, then gives way`,
      TIMEOUT,
      async () => {
        // The Carte view's chunk (and MapLibre with it) is held: only the poster can show a map.
        const chunk = holder();
        const app = await openApp('/', {
          viewport: { width, height: 900 },
          setup: (context) => context.route('**/assets/CarteView-*.js', chunk.hold),
        });
        const { page } = app;
        await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.paintedAt !== undefined);
        const poster = page.locator(POSTER);
        assert.equal(await poster.getAttribute('aria-hidden'), 'true');
        assert.equal(await poster.evaluate((el) => (el as HTMLElement).inert), true);
        assert.equal(await page.locator(LIVE_MAP).count(), 0, 'no live map yet');
        const posterLegend = await legendOf(page, POSTER, 'data-poster-testid');
        assert.ok(posterLegend.length >= 3, `poster legend: ${posterLegend.join(' | ')}`);
        const drawn = await page.locator(`${POSTER} .observatoire-poster__map`).evaluate((svg) => {
          const r = svg.getBoundingClientRect();
          const m = /matrix\(([^ ]+) 0 0 [^ ]+ ([^ ]+) ([^ )]+)\)/.exec(
            svg.querySelector('g')?.getAttribute('transform') ?? '',
          );
          return { x: r.x, y: r.y, w: r.width, h: r.height, m: m?.slice(1).map(Number) ?? [] };
        });
        assert.equal(drawn.m.length, 3, 'the inline script fitted the map');
        // DSFR's script starts the live shell's components, never the poster's (in its shadow
        // root): instantiating and watching those copies cost the engine's start seconds.
        await page.waitForFunction(
          () => document.querySelector('#observatoire [data-fr-js-navigation]') !== null,
        );
        const dsfrInPoster = await page
          .locator(POSTER)
          .evaluate((host) =>
            [...(host.shadowRoot ?? host).querySelectorAll('*')].flatMap((el) =>
              [...el.attributes]
                .filter((a) => a.name.startsWith('data-fr-js'))
                .map((a) => `${el.className} ${a.name}`),
            ),
          );
        assert.deepEqual(dsfrInPoster, [], 'DSFR components started in the poster');
        // What DSFR's script does to the live level control, the poster's own script did.
        const posterLevels = await page.locator(`${POSTER} .fr-segmented`).getAttribute('class');
        // Accessible with the poster in the page: it is hidden from assistive technologies.
        assert.deepEqual(await seriousViolations(page), []);

        chunk.release();
        await page.locator(LIVE_MAP).waitFor();
        await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.removed !== undefined);
        assert.equal((await record(page))?.removed?.reason, 'carte');
        assert.equal(await page.locator(POSTER).count(), 0);
        assert.equal(page.url(), `${app.origin}/`, 'the URL is untouched');
        assert.deepEqual(
          await legendOf(page, '[data-view-name="carte"]', 'data-testid'),
          posterLegend,
        );
        assert.equal(
          await page.locator('[data-view-name="carte"] .fr-segmented').getAttribute('class'),
          posterLevels,
        );

        // Same place, same projection: the poster's fit against MapLibre's own `project`.
        const live = await page.evaluate(async () => {
          const manifest = (await (await fetch('/data/manifest.json')).json()) as {
            bounds: [number, number, number, number];
          };
          const map = (
            window.__observatoire as unknown as {
              map: {
                map: {
                  project(l: [number, number]): { x: number; y: number };
                  getCanvas(): HTMLCanvasElement;
                };
              };
            }
          ).map.map;
          const r = map.getCanvas().getBoundingClientRect();
          const [w, s, e, n] = manifest.bounds;
          const points: [number, number][] = [
            [w, s],
            [e, n],
            [2.35, 48.86],
            [5.37, 43.3],
          ];
          return {
            x: r.x,
            y: r.y,
            w: r.width,
            h: r.height,
            points: points.map((p) => ({ lngLat: p, px: map.project(p) })),
          };
        });
        for (const k of ['x', 'y', 'w', 'h'] as const)
          assert.ok(Math.abs(drawn[k] - live[k]) < 1, `map box ${k}: ${drawn[k]} vs ${live[k]}`);
        const [k, tx, ty] = drawn.m as [number, number, number];
        for (const { lngLat, px } of live.points) {
          const [lon, lat] = lngLat;
          const wx = ((180 + lon) / 360) * POSTER_GRID;
          const wy =
            ((180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) /
              360) *
            POSTER_GRID;
          assert.ok(
            Math.abs(tx + k * wx - px.x) < 1 && Math.abs(ty + k * wy - px.y) < 1,
            `${lngLat.join(',')}: poster (${tx + k * wx}, ${ty + k * wy}) vs MapLibre (${px.x}, ${px.y})`,
          );
        }
        assertNoExternalRequests(app);
        assertNoConsoleErrors(app);
      },
    );
  }

  test('while nothing else can draw the map, the poster is on screen', TIMEOUT, async () => {
    // Neither the engine (cases.parquet, one of its first tables) nor the prebaked results can
    // answer: the live view is up and busy, and the poster shows the map.
    const files = holder();
    const app = await openApp('/?vue=carte', {
      setup: async (context) => {
        await context.route('**/cases.parquet', files.hold);
        await context.route('**/prebaked/*.arrow', files.hold);
      },
    });
    const { page } = app;
    await page.locator('[data-view-name="carte"][aria-busy="true"] .observatoire-map').waitFor();
    await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.paintedAt !== undefined);
    const poster = page.locator(POSTER);
    assert.equal(await poster.isVisible(), true);
    assert.equal(await page.locator(`${POSTER} .observatoire-poster__map image`).count(), 1);
    assert.equal((await record(page))?.shown, true);
    files.release();
    await page.locator(LIVE_MAP).waitFor();
    await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.removed !== undefined);
    assert.equal(await poster.count(), 0);
    assertNoConsoleErrors(app);
  });

  for (const url of [
    '/?vue=sites',
    '/?vue=carte&indicateur=reclamations',
    '/?niveau=region',
    '/#contenu',
  ]) {
    test(`a permalink (${url}) never shows the poster`, TIMEOUT, async () => {
      const app = await openApp(url);
      const { page } = app;
      await page.locator('#observatoire').waitFor();
      const state = await page.evaluate(() => ({
        hidden: document.documentElement.classList.contains('observatoire-no-poster'),
        poster: (() => {
          const el = document.getElementById('observatoire-poster');
          return el ? getComputedStyle(el).display : 'absent';
        })(),
        record: window.__OBSERVATOIRE_POSTER__ ?? null,
      }));
      assert.equal(state.hidden, true);
      // Parsed after the head script turned it down: removed unfitted by its own script.
      assert.equal(state.poster, 'absent');
      assert.equal(state.record?.shown, false);
      assert.equal(state.record?.fittedAt, undefined);
      assert.equal(state.record?.paintedAt, undefined);
      assertNoConsoleErrors(app);
    });
  }
});
