/**
 * The communes' geometry is loaded ahead of need on the demo data (vector tiles): once the first
 * map has settled and the warm-up has drained, their tiles in view arrive without a click, so the
 * first switch to the communes fetches none.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { assertNoConsoleErrors, closeHarness, communesDrawn, openApp, waitForMap } from './harness';

after(closeHarness);

describe('Commune geometry preload', () => {
  test(
    'the communes in view load hidden after the first map; the switch to them fetches no tile',
    { timeout: 300_000 },
    async () => {
      const tiles: string[] = [];
      const app = await openApp('/?vue=carte&niveau=departement', {
        setup: (context) => {
          context.on('request', (r) => {
            const path = new URL(r.url()).pathname;
            if (path.includes('/geo/tiles/commune/')) tiles.push(path);
          });
          return Promise.resolve();
        },
      });
      await waitForMap(app.page);
      const map = app.page.locator('.observatoire-map__canvas').first();
      assert.equal(await map.getAttribute('data-level'), 'departement');
      // No click: the view preloads them once its warm-up has drained.
      await app.page.waitForFunction(
        () => window.__observatoire?.map?.controller?.levelReady('commune') === true,
        null,
        { timeout: 240_000 },
      );
      assert.ok(tiles.length >= 1, 'commune tiles requested before any switch');
      assert.equal(await map.getAttribute('data-level'), 'departement', 'still départements');
      const preloaded = tiles.length;
      await app.page.getByText('Commune', { exact: true }).click();
      await app.page.locator('.observatoire-map__canvas[data-level="commune"]').waitFor();
      await waitForMap(app.page);
      const drawn = await communesDrawn(app.page);
      assert.ok(drawn.features > 1000, `communes drawn: ${drawn.features}`);
      assert.ok(drawn.coloured >= drawn.features * 0.9, JSON.stringify(drawn));
      assert.deepEqual(tiles.slice(preloaded), [], 'no commune tile fetched at the switch');
      assertNoConsoleErrors(app);
      await app.close();
    },
  );
});
