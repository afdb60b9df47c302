/**
 * Prebaked first views (src/db/prebaked.ts) in real Chromium over the fixtures, whose
 * data/fixtures/prebaked/ holds the default Carte view's results (scripts/prebake.ts). The
 * engine is held back by the test (its first tables are not served until released, never a
 * clock): the default map paints complete — the view leaves `aria-busy` — from the prebaked
 * results alone; once the engine is ready the view never goes busy again and shows the same
 * figures; after an own file replaces the claims, no prebaked result answers any more.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  holder,
  loadOwnClaims,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };
interface Hooks {
  prebaked?: { answered: string[] };
  carte?: { expectedKey: string };
  map?: { painted: { key: string; count: number } };
}

const hooks = (page: Page): Promise<Hooks> =>
  page.evaluate(() => {
    const h = window.__observatoire as unknown as Hooks;
    return {
      prebaked: h.prebaked ? { answered: [...h.prebaked.answered] } : undefined,
      carte: h.carte ? { expectedKey: h.carte.expectedKey } : undefined,
      map: h.map ? { painted: { key: h.map.painted.key, count: h.map.painted.count } } : undefined,
    };
  });

const attr = (page: Page, name: string): Promise<string | null> =>
  page.locator('#observatoire').getAttribute(name);

/** What the map shows in words: its legend and its data table (every territory's figure). */
async function figures(page: Page): Promise<{ legend: string[]; table: string }> {
  const details = page.locator('details.observatoire-carte__table');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  const table = page.locator('details.observatoire-carte__table table');
  await table.waitFor();
  return {
    legend: await page
      .locator('[data-testid="legend"] li')
      .evaluateAll((lis) =>
        lis.map((li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`),
      ),
    table: await table.innerText(),
  };
}

describe('prebaked first views', () => {
  test(
    'the default map paints from prebaked results before the engine, and keeps its figures',
    TIMEOUT,
    async () => {
      const cases = holder();
      // Without cases.parquet, one of the first tables, the engine cannot become ready.
      const app = await openApp('/', {
        fixtures: true,
        setup: (context) => context.route('**/cases.parquet', cases.hold),
      });
      const { page } = app;
      const view = page.locator('[data-view-name="carte"]');
      await view.locator('.observatoire-map[data-painted="true"]').waitFor();
      await page.locator('[data-view-name="carte"][aria-busy="false"]').waitFor();
      assert.equal(await attr(page, 'data-engine-state'), 'loading', 'the engine is held');
      const early = await hooks(page);
      assert.equal(early.prebaked?.answered.length, 1, 'the map query came from prebaked/');
      assert.ok(early.map && early.map.painted.count > 0, 'a frame of the map was rendered');
      assert.equal(early.map?.painted.key, early.carte?.expectedKey, 'the map of this state');
      const before = await figures(page);
      assert.ok(before.legend.length > 1, before.legend.join('\n'));

      // From now on, the view must not go busy again: no repaint, no flash.
      await page.evaluate(() => {
        const el = document.querySelector('[data-view-name="carte"]');
        const w = window as unknown as { busyAgain: number };
        w.busyAgain = 0;
        if (!el) return;
        new MutationObserver(() => {
          if (el.getAttribute('aria-busy') === 'true') w.busyAgain += 1;
        }).observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
      });
      cases.release();
      await waitForEngine(page);
      await page.locator('#observatoire[data-engine-complete="true"]').waitFor();
      await waitForIdle(page);
      assert.equal(
        await page.evaluate(() => (window as unknown as { busyAgain: number }).busyAgain),
        0,
        'the view went busy again at the hand-over',
      );
      const handedOver = await hooks(page);
      assert.equal(handedOver.map?.painted.key, early.map?.painted.key);
      assert.equal(handedOver.map?.painted.count, early.map?.painted.count, 'no repaint');
      assert.deepEqual(await figures(page), before);

      const answered = handedOver.prebaked?.answered.length;

      // An own claims file: the data version changes, nothing prebaked answers any more.
      await loadOwnClaims(page);
      await page.locator('[data-nav="carte"]').first().click();
      await page.locator('.observatoire-map[data-painted="true"]').waitFor();
      await waitForIdle(page);
      const own = await figures(page);
      assert.notDeepEqual(own, before, 'the own file’s figures, not the prebaked ones');
      assert.equal((await hooks(page)).prebaked?.answered.length, answered, 'no prebaked answer');
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );
});
