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
  sharedApp,
  waitForIdle,
  waitForMap,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 180_000 };

describe('territory search', () => {
  // One page for both tests: the second reaches Séries as back/forward does (`sharedApp`).
  const search = sharedApp({ fixtures: true });
  after(() => search.close());

  test(
    'a postcode in Carte leads to its commune; a QPV name without accents is found',
    TIMEOUT,
    () =>
      search.use(
        '/?vue=carte',
        (page) => waitForView(page, 'carte'),
        async (app) => {
          const { page } = app;
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
        },
      ),
  );
  test('the same combobox adds a territory to Séries by its postcode', TIMEOUT, () =>
    search.use(
      '/?vue=series&comparer=departement:93',
      (page) => waitForView(page, 'series'),
      async (app) => {
        const { page } = app;
        const box = page.getByRole('combobox', { name: /Ajouter un territoire/ });
        await box.fill('62300');
        await page.getByRole('option', { name: /^Lens Commune/ }).click();
        await page.waitForFunction(() =>
          (new URLSearchParams(window.location.search).get('comparer') ?? '').includes(
            'commune:62498',
          ),
        );
        assertNoConsoleErrors(app);
      },
    ),
  );
});

/** Relative luminance of an sRGB colour (WCAG 2). */
function luminance(rgb: readonly number[]): number {
  const f = (v: number): number => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(rgb[0] ?? 0) + 0.7152 * f(rgb[1] ?? 0) + 0.0722 * f(rgb[2] ?? 0);
}

function ratio(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Contrast between two opaque `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const rgb = (hex: string): number[] => {
    const n = parseInt(hex.replace('#', ''), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  };
  return ratio(rgb(a), rgb(b));
}

/**
 * WCAG contrast of an element's text against what is behind it: its own background, else its
 * nearest ancestor's, composited over white and over black (the legend floats over the map), the
 * worse of the two. A canvas resolves the colours, whatever their CSS syntax (color-mix…).
 */
async function textContrast(page: Page, selector: string): Promise<number> {
  const pairs = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!el || !ctx) throw new Error(`no ${sel} or no 2d context`);
    let bgEl: Element | null = el;
    let bg = 'rgba(0, 0, 0, 0)';
    while (bgEl) {
      const c = getComputedStyle(bgEl).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        bg = c;
        break;
      }
      bgEl = bgEl.parentElement;
    }
    const out: number[][][] = [];
    for (const under of ['#ffffff', '#000000']) {
      ctx.fillStyle = under;
      ctx.fillRect(0, 0, 1, 1);
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, 1, 1);
      const back = [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
      ctx.fillStyle = getComputedStyle(el).color;
      ctx.fillRect(0, 0, 1, 1);
      out.push([[...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3), back]);
    }
    return out;
  }, selector);
  return Math.min(...pairs.map(([text, back]) => ratio(text ?? [], back ?? [])));
}

async function mapPaint(page: Page, layer: string, prop: string): Promise<string> {
  return page.evaluate(
    ([l, p]) =>
      String(window.__observatoire?.map?.map?.getPaintProperty(l ?? '', p as 'background-color')),
    [layer, prop],
  );
}

describe('dark theme', () => {
  test(
    'follows the system setting, keeps map and legend readable, and the display switch wins',
    TIMEOUT,
    async () => {
      const app = await openApp('/?vue=carte', { fixtures: true, colorScheme: 'dark' });
      const { page } = app;
      await waitForMap(page);
      assert.equal(await page.locator('html').getAttribute('data-fr-theme'), 'dark');
      const background = await mapPaint(page, 'background', 'background-color');
      assert.equal(background, '#161616');
      // Département outlines (context) stand out from the dark background (non-text: ≥ 3).
      const context = await mapPaint(page, 'context-departement', 'line-color');
      assert.ok(contrast(context, background) >= 3, `context ${context} on ${background}`);
      for (const sel of [
        '[data-testid="legend"] .fr-text--bold',
        '[data-testid="legend"] .observatoire-legend__label',
        '[data-testid="legend"] .observatoire-legend__count',
      ]) {
        const ratio = await textContrast(page, sel);
        assert.ok(ratio >= 4.5, `${sel}: contrast ${ratio.toFixed(2)} < 4.5 in the dark theme`);
      }

      // « Paramètres d’affichage » → light theme: the page and the map switch without a reload.
      await page
        .getByRole('button', { name: /Paramètres d.affichage/ })
        .first()
        .click();
      await page.getByText('Thème clair').click();
      await page.waitForFunction(
        () => document.documentElement.getAttribute('data-fr-theme') === 'light',
      );
      await page.waitForFunction(
        () =>
          window.__observatoire?.map?.map?.getPaintProperty('background', 'background-color') ===
          '#f6f6f6',
      );
      const ratio = await textContrast(page, '[data-testid="legend"] .observatoire-legend__label');
      assert.ok(ratio >= 4.5, `legend contrast ${ratio.toFixed(2)} < 4.5 in the light theme`);
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );
});
