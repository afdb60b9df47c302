/**
 * Two maps side by side (`carte2`, issue 18): over the committed fixtures (years 2015–2024), a
 * `carte2=periode:2019` link paints two maps, panning one moves the other, the territory hovered
 * on one is outlined on both, the legend says the classification is shared, the data table gives
 * both values and their difference, and at phone width the maps stack without sideways scroll.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForEngine,
  waitForIdle,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };
/** The fixtures' Seine-Saint-Denis and Val-de-Marne fill most of the map at this view. */
const TWO_MAPS = '/?vue=carte&carte=2.35,48.9,9&carte2=periode:2019';

/** Waits until both maps have drawn the results the view expects of them. */
async function bothPainted(page: Page): Promise<void> {
  await waitForEngine(page);
  await waitForIdle(page);
  await page.waitForFunction(
    () => {
      const o = window.__observatoire;
      const carte = o?.carte as { expectedKey?: string; expectedKey2?: string | null } | undefined;
      return (
        document.querySelectorAll('.observatoire-map[data-painted="true"]').length === 2 &&
        typeof carte?.expectedKey2 === 'string' &&
        o?.map?.painted.key === carte.expectedKey &&
        o?.map2?.painted.key === carte.expectedKey2
      );
    },
    undefined,
    { timeout: 180_000 },
  );
}

/** Coloured (not grey/white) pixels of a map's canvas. */
async function colouredPixels(page: Page, hook: 'map' | 'map2'): Promise<number> {
  return page.evaluate(async (name) => {
    const map = window.__observatoire?.[name]?.map;
    if (!map) throw new Error(`no ${name}`);
    const img = new Image();
    img.src = map.getCanvas().toDataURL('image/png');
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i] ?? 0;
      const g = px[i + 1] ?? 0;
      const b = px[i + 2] ?? 0;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
    }
    return coloured;
  }, hook);
}

async function centre(page: Page, hook: 'map' | 'map2'): Promise<[number, number, number]> {
  return page.evaluate((name) => {
    const map = window.__observatoire?.[name]?.map;
    if (!map) throw new Error(`no ${name}`);
    const c = map.getCenter();
    return [c.lng, c.lat, map.getZoom()] as [number, number, number];
  }, hook);
}

describe('two maps side by side', () => {
  // One page for the first two tests: the second reaches its URL as back/forward does (`sharedApp`).
  const maps = sharedApp({ fixtures: true });
  after(() => maps.close());

  test('carte2=periode:2019 paints two synchronised maps with one classification', TIMEOUT, () =>
    maps.use(TWO_MAPS, bothPainted, async (app) => {
      const { page } = app;
      assert.equal(await page.locator('.observatoire-map canvas.maplibregl-canvas').count(), 2);
      for (const hook of ['map', 'map2'] as const) {
        const coloured = await colouredPixels(page, hook);
        assert.ok(coloured > 2000, `${hook}: ${coloured} coloured pixels`);
      }
      const captions = await page.locator('[data-testid="map-caption"]').allInnerTexts();
      assert.deepEqual(captions, ['2024', '2019']);
      // One classification: both legends list the same classes and say so.
      const notes = await page.locator('[data-testid="classes-note"]').allInnerTexts();
      assert.equal(notes.length, 2);
      for (const n of notes) assert.match(n, /Classification commune aux deux cartes/);
      const classes = await page
        .locator('[data-testid="legend"]')
        .evaluateAll((legends) =>
          legends.map((l) =>
            [...l.querySelectorAll('li[data-kind="class"]')]
              .map(
                (li) =>
                  `${li.getAttribute('data-color')} ${li.querySelector('.observatoire-legend__label')?.textContent ?? ''}`,
              )
              .join('|'),
          ),
        );
      assert.equal(classes.length, 2);
      assert.ok((classes[0] ?? '') !== '', 'the first legend has classes');
      assert.equal(classes[0], classes[1]);

      // The territory hovered on the first map (Seine-Saint-Denis) is outlined on the second.
      const point = await page.evaluate(() => {
        const map = window.__observatoire?.map?.map;
        if (!map) throw new Error('no map');
        const p = map.project([2.45, 48.92]);
        const r = map.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      });
      await page.mouse.move(point.x, point.y);
      await page.locator('.observatoire-tooltip').waitFor();
      await page.waitForFunction(() => {
        const one = window.__observatoire?.map?.controller?.hoveredCode();
        const two = window.__observatoire?.map2?.controller?.hoveredCode();
        return one === '93' && two === '93';
      });

      // Panning the first map moves the second to the same centre while the drag goes on (the
      // URL, which both maps read, is only written once the move ends).
      const before = await centre(page, 'map2');
      const box = await page
        .locator('.observatoire-map canvas.maplibregl-canvas')
        .first()
        .boundingBox();
      assert.ok(box);
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x - 120, y - 60, { steps: 8 });
      await page.waitForFunction(
        ([lon]) => {
          const a = window.__observatoire?.map?.map;
          const b = window.__observatoire?.map2?.map;
          if (!a || !b) return false;
          const ca = a.getCenter();
          const cb = b.getCenter();
          return (
            Math.abs(cb.lng - lon) > 1e-3 &&
            Math.abs(ca.lng - cb.lng) < 1e-6 &&
            Math.abs(ca.lat - cb.lat) < 1e-6 &&
            Math.abs(a.getZoom() - b.getZoom()) < 1e-6
          );
        },
        before,
        { timeout: 60_000 },
      );
      assert.match(page.url(), /carte=2\.35,48\.9,9/, 'the URL is not written mid-drag');
      await page.mouse.up();
      // The pan goes to the URL, which both maps share.
      await page.waitForFunction(() => !window.location.search.includes('carte=2.35,48.9,9'));
      assert.match(page.url(), /carte2=periode:2019/);

      // The data table: both years and the difference.
      await page.locator('.observatoire-carte__table summary').click();
      // Rendered once open.
      await page.locator('.observatoire-carte__table th', { hasText: 'Différence' }).waitFor();
      const headers = await page.locator('.observatoire-carte__table th').allInnerTexts();
      assert.ok(
        headers.some((h) => h.startsWith('2024')),
        headers.join(' | '),
      );
      assert.ok(
        headers.some((h) => h.startsWith('2019')),
        headers.join(' | '),
      );
      assert.ok(
        headers.some((h) => h.startsWith('Différence (2019 − 2024)')),
        headers.join(' | '),
      );
      assertNoConsoleErrors(app);
      assertNoExternalRequests(app);
    }),
  );
  test('the « Comparer avec » select turns the second map on and off', TIMEOUT, () =>
    maps.use(
      '/?vue=carte',
      (page) => waitForView(page, 'carte'),
      async (app) => {
        const { page } = app;
        await page.locator('select[name="carte2"]').selectOption('periode:2019');
        await page.waitForFunction(() => window.location.search.includes('carte2=periode:2019'));
        await bothPainted(page);
        await page.locator('select[name="carte2"]').selectOption('');
        await page.waitForFunction(() => !window.location.search.includes('carte2'));
        await page.locator('.observatoire-map').nth(1).waitFor({ state: 'detached' });
        assert.equal(await page.locator('[data-testid="classes-note"]').count(), 0);
        assertNoConsoleErrors(app);
      },
    ),
  );
  test('at phone width the two maps stack and nothing scrolls sideways', TIMEOUT, async () => {
    const app = await openApp(TWO_MAPS, { fixtures: true, viewport: { width: 390, height: 844 } });
    const { page } = app;
    await bothPainted(page);
    const boxes = await page
      .locator('.observatoire-map')
      .evaluateAll((maps) => maps.map((m) => m.getBoundingClientRect().toJSON() as DOMRect));
    assert.equal(boxes.length, 2);
    const [a, b] = boxes;
    assert.ok(a && b);
    assert.ok(b.top >= a.bottom, `second map top ${b.top} < first map bottom ${a.bottom}`);
    assert.ok(a.right <= 391 && b.right <= 391, `maps end at ${a.right} and ${b.right}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 390, `scrollWidth ${scroll}`);
    await app.close();
  });
});
