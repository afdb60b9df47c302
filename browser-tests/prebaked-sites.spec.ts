/**
 * The Sites view and the report paint from prebaked results (src/db/prebaked.ts) before the
 * engine, in real Chromium over the fixtures, whose data/fixtures/prebaked/ holds their default
 * state's results (scripts/prebake.ts). The engine is held back by the test (cases.parquet, one
 * of its first tables, is not served until released, never a clock): the view completes — not
 * busy, no « calcul en cours », its tables and figures drawn — from the prebaked results alone;
 * once the engine is ready the view never goes busy again and shows the same text; a fresh page
 * without prebaked results (the engine's live answers) shows that same text; after an own file
 * replaces the claims, no prebaked result answers any more.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  loadOwnClaims,
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const answered = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (window.__observatoire as unknown as { prebaked?: { answered: string[] } }).prebaked?.answered
        .length ?? 0,
  );

/** What the view shows: its text (every value, interval, gap, caption) and its drawn figures. */
async function shown(page: Page, view: string): Promise<{ text: string; svgs: number }> {
  const el = page.locator(`[data-view="${view}"]`);
  return {
    text: await el.innerText(),
    svgs: await el.locator('svg').count(),
  };
}

/** Counts the view's returns to `aria-busy="true"` from now on (`window.busyAgain`). */
async function watchBusy(page: Page, view: string): Promise<void> {
  await page.evaluate((v) => {
    const el = document.querySelector(`[data-view="${v}"]`);
    const w = window as unknown as { busyAgain: number };
    w.busyAgain = 0;
    if (!el) return;
    new MutationObserver(() => {
      if (el.getAttribute('aria-busy') === 'true') w.busyAgain += 1;
    }).observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
  }, view);
}

describe('Sites and the report from prebaked results', () => {
  for (const view of ['sites', 'rapport'] as const) {
    test(`?vue=${view} completes before the engine, with the live figures`, TIMEOUT, async () => {
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const app = await openApp(`/?vue=${view}`, {
        fixtures: true,
        setup: (context) =>
          context.route('**/cases.parquet', async (route) => {
            await released;
            await route.fallback();
          }),
      });
      const { page } = app;
      await page.locator(`[data-view="${view}"][aria-busy="false"]`).waitFor(TIMEOUT);
      assert.equal(
        await page.locator('#observatoire').getAttribute('data-engine-state'),
        'loading',
        'the engine is held',
      );
      const early = await shown(page, view);
      assert.ok(!early.text.includes('calcul en cours'), early.text);
      // Every comparison table has its sites' rows, every funnel and series its drawing.
      assert.ok((await page.locator('.observatoire-site-table tbody tr').count()) > 0);
      assert.ok((await page.locator('.observatoire-funnel svg').count()) > 0, 'funnels drawn');
      assert.ok((await page.locator('.observatoire-site-series svg').count()) > 0, 'series drawn');
      assert.ok((await page.locator('.observatoire-sparkline svg').count()) > 0, 'sparklines');
      if (view === 'rapport')
        assert.ok((await page.locator('[data-report-map] svg').count()) > 0, 'maps drawn');
      const prebaked = await answered(page);
      assert.ok(prebaked > 2, `answered from prebaked/: ${prebaked}`);

      await watchBusy(page, view);
      release();
      await waitForEngine(page);
      await page.locator('#observatoire[data-engine-complete="true"]').waitFor(TIMEOUT);
      await waitForIdle(page);
      assert.equal(
        await page.evaluate(() => (window as unknown as { busyAgain: number }).busyAgain),
        0,
        'the view went busy again at the hand-over',
      );
      assert.deepEqual(await shown(page, view), early, 'no value changed at the hand-over');

      // The same page without prebaked results: every figure from the engine, the same text.
      const live = await app.context.newPage();
      await live.addInitScript('window.__OBSERVATOIRE_PREBAKED__ = false;');
      await live.goto(page.url());
      await waitForEngine(live);
      await live.locator(`[data-view="${view}"][aria-busy="false"]`).waitFor(TIMEOUT);
      await waitForIdle(live);
      assert.equal(await answered(live), 0, 'nothing prebaked in the live page');
      assert.deepEqual(await shown(live, view), early, 'prebaked figures equal the live ones');
      await live.close();

      // An own claims file: the data version changes, nothing prebaked answers any more.
      await loadOwnClaims(page);
      const before = await answered(page);
      await page.locator(`[data-nav="${view}"]`).first().click();
      await page.locator(`[data-view="${view}"]`).waitFor();
      await waitForIdle(page);
      const own = await shown(page, view);
      assert.notEqual(own.text, early.text, 'the own file’s figures, not the prebaked ones');
      assert.equal(await answered(page), before, 'no prebaked answer after an own file');
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    });
  }
});
