/**
 * When the engine starts (src/app/engine-start.ts), in real Chromium over the fixtures. Sites in
 * its entry state draws from prebaked results: DuckDB's worker is created only once the view is
 * complete, then the engine starts by itself. A user's interaction starts it before that, and
 * the Carte view (not answered by prebaked results alone) starts it at once. The moments are
 * read from the page (the worker's creation and the view's completion, in order), never timed.
 * The service worker's precache waits until the engine's start has ended.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  holder,
  openApp,
  waitForEngine,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };

/**
 * Records, in order, DuckDB's worker creations and the first moment the view is complete
 * (`aria-busy="false"` and nothing busy on the page): `window.__events`.
 */
const RECORD = `(() => {
  const events = (window.__events = []);
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes('duckdb')) events.push('worker');
    }
  };
  let done = false;
  new MutationObserver(() => {
    const v = document.querySelector('[data-view]');
    if (done || !v || v.getAttribute('aria-busy') !== 'false') return;
    if (document.querySelector('[aria-busy="true"]') !== null) return;
    done = true;
    events.push('view complete');
  }).observe(document, { subtree: true, attributes: true, childList: true });
})()`;

const events = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __events: string[] }).__events);

/**
 * Records each call of `navigator.serviceWorker.register` with what the shell said of the engine
 * at that moment (`data-engine-complete`): `window.__registered`.
 */
const RECORD_SW = `(() => {
  const seen = (window.__registered = []);
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const register = sw.register.bind(sw);
  sw.register = (...args) => {
    const root = document.querySelector('[data-engine-complete]');
    seen.push(root ? root.getAttribute('data-engine-complete') : 'no shell');
    return register(...args);
  };
})()`;

describe('engine start', () => {
  test(
    'Sites from prebaked results: the engine starts once the view is complete',
    TIMEOUT,
    async () => {
      const app = await openApp('/?vue=sites', {
        fixtures: true,
        setup: (context) => context.addInitScript(RECORD),
      });
      const { page } = app;
      await waitForEngine(page);
      assert.deepEqual(await events(page), ['view complete', 'worker']);
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test('Sites: an interaction before the view is complete starts the engine', TIMEOUT, async () => {
    const index = holder();
    const app = await openApp('/?vue=sites', {
      fixtures: true,
      setup: async (context) => {
        await context.addInitScript(RECORD);
        // The prebaked results' index is held: the view stays busy until released.
        await context.route('**/prebaked/index.json', index.hold);
      },
    });
    const { page } = app;
    await page.locator('[data-view="sites"][aria-busy="true"]').waitFor(TIMEOUT);
    assert.deepEqual(await events(page), [], 'nothing started before the interaction');
    await page.keyboard.press('Tab');
    await page.waitForFunction(
      () => (window as unknown as { __events: string[] }).__events.includes('worker'),
      null,
      TIMEOUT,
    );
    index.release();
    await waitForEngine(page);
    await page.locator('[data-view="sites"][aria-busy="false"]').waitFor(TIMEOUT);
    assert.deepEqual(await events(page), ['worker', 'view complete']);
    assertNoConsoleErrors(app);
    await app.close();
  });

  test(
    'Carte: the service worker registers only once every table is in, not beside the start',
    TIMEOUT,
    async () => {
      const app = await openApp('/?vue=carte', {
        fixtures: true,
        serviceWorkers: 'allow',
        setup: (context) => context.addInitScript(RECORD_SW),
      });
      const { page } = app;
      await page
        .locator('#observatoire[data-offline-ready="true"]')
        .waitFor({ state: 'attached', timeout: 240_000 });
      const registered = await page.evaluate(
        () => (window as unknown as { __registered: string[] }).__registered,
      );
      assert.deepEqual(registered, ['true'], 'one registration, after the engine completed');
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test('Carte starts the engine at once', TIMEOUT, async () => {
    const app = await openApp('/?vue=carte', {
      fixtures: true,
      setup: (context) => context.addInitScript(RECORD),
    });
    const { page } = app;
    await waitForEngine(page);
    assert.equal((await events(page))[0], 'worker', 'the worker before the view completes');
    await app.close();
  });
});
