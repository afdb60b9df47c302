/**
 * Offline for real, in Chromium with the production build's service worker: after one visit
 * online (the worker installed and its cache filled), the network is cut and the page reloaded;
 * the shell, every view's lazy chunk, DuckDB's wasm, the data set and the communes' tiles of the
 * national and regional views come from the cache, and a French notice says the app is offline.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  communesDrawn,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

/** The view's content once painted, which must not be an error. */
async function viewText(page: Page): Promise<string> {
  await waitForEngine(page);
  await waitForIdle(page, 90_000);
  const text = await page.locator('#contenu').innerText();
  assert.doesNotMatch(text, /n’a pas pu|a rencontré une erreur|a échoué|failed/i, text);
  return text;
}

test(
  'after a first visit, the app, its views and the communes’ map work offline, and say so',
  { timeout: 400_000 },
  async () => {
    const app = await openApp('/?vue=carte&niveau=commune&carte=2.35,46.6,6', {
      serviceWorkers: 'allow',
    });
    const { page, context } = app;
    await waitForEngine(page);
    await page
      .locator('#observatoire[data-offline-ready="true"]')
      .waitFor({ state: 'attached', timeout: 240_000 });
    await waitForIdle(page, 90_000);
    assert.equal(await page.locator('#note-hors-ligne').count(), 0, 'no offline notice online');

    await context.setOffline(true);
    await page.reload({ waitUntil: 'domcontentloaded' });
    const notice = page.locator('#note-hors-ligne');
    await notice.waitFor({ timeout: 60_000 });
    assert.match(await notice.innerText(), /Hors ligne/);
    assert.match(await notice.innerText(), /données en cache du \d{1,2}(er)? \p{L}+ \d{4}/u);

    // The commune level of the map, from the precached tiles.
    await viewText(page);
    const drawn = await communesDrawn(page);
    assert.ok(drawn.features > 500, `communes drawn offline: ${drawn.features}`);
    assert.ok(drawn.coloured >= drawn.features * 0.9, JSON.stringify(drawn));

    // Every other view: its lazy chunk and its queries.
    for (const [label, view] of [
      ['Séries', 'series'],
      ['Sites', 'sites'],
      ['Rapport', 'rapport'],
      ['Données', 'donnees'],
    ] as const) {
      await page.getByRole('link', { name: label, exact: true }).first().click();
      await page.locator(`#observatoire[data-current-view="${view}"]`).waitFor();
      await viewText(page);
      assert.equal(await notice.count(), 1, `offline notice on ${label}`);
    }

    assertNoExternalRequests(app);
    assertNoConsoleErrors(app);
    await app.close();
  },
);
