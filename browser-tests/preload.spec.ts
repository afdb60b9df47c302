/**
 * The communes' geometry is loaded ahead of need on the demo data (vector tiles): once the first
 * map has settled and the warm-up has drained, their tiles in view arrive without a click, so the
 * first switch to the communes fetches none. Their colours come ahead of need too: the warm-up's
 * commune result is joined to the hidden features (MapController.prepaint), so the switch sends
 * no feature state.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { assertNoConsoleErrors, closeHarness, communesDrawn, openApp, waitForMap } from './harness';

after(closeHarness);

describe('Commune geometry preload', () => {
  test(
    'the communes in view load and get their colours hidden after the first map; the switch to them fetches no tile and joins nothing',
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
      // The commune result of the state shown (the warm-up's last query) is joined hidden.
      const prepainted = await app.page.waitForFunction(
        () => window.__observatoire?.map?.controller?.prepaintedKey('commune') ?? false,
        null,
        { timeout: 240_000 },
      );
      const prepaintedKey = (await prepainted.jsonValue()) as string;
      assert.equal(await map.getAttribute('data-level'), 'departement', 'still départements');
      const preloaded = tiles.length;
      await app.page.getByText('Commune', { exact: true }).click();
      await app.page.locator('.observatoire-map__canvas[data-level="commune"]').waitFor();
      await waitForMap(app.page);
      const drawn = await communesDrawn(app.page);
      assert.ok(drawn.features > 1000, `communes drawn: ${drawn.features}`);
      assert.ok(drawn.coloured >= drawn.features * 0.9, JSON.stringify(drawn));
      assert.deepEqual(tiles.slice(preloaded), [], 'no commune tile fetched at the switch');
      const painted = await app.page.evaluate(() => window.__observatoire?.map?.painted);
      assert.equal(painted?.key, prepaintedKey, 'the switch paints the result joined hidden');
      assert.equal(painted?.states, 0, 'the switch sent no feature state');
      assertNoConsoleErrors(app);
      await app.close();
    },
  );
});
