/**
 * A seeded monkey run over the fixtures: a few hundred random actions inside the app (clicks on
 * buttons, links, tabs and options, select changes, typing, back/forward, resizing), each followed
 * by waiting until nothing is `aria-busy`, with no page error and no console error at any step.
 * Downloads, file pickers, printing, the clipboard and links that leave the app are skipped.
 *
 * The seed is printed; replay a failure with `MONKEY_SEED=<seed>` (and `MONKEY_ACTIONS=<n>`).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoExternalRequests, closeHarness, openApp, waitForEngine } from './harness';

after(closeHarness);

const SEED = Number(process.env.MONKEY_SEED ?? 20261206);
const ACTIONS = Number(process.env.MONKEY_ACTIONS ?? 150);
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 700 },
  { width: 1280, height: 900 },
] as const;
/**
 * How long one action waits for its element to be actionable before it is skipped (a skip is no
 * failure: the element moved or was covered, as it would be for a user).
 */
const ACTION_WAIT_MS = 5_000;
const TEXTS = [
  'Lens',
  '62',
  'Liévin',
  'L’Haÿ-les-Roses',
  '<script>x</script>',
  "a'; --",
  '',
  'zzz',
];

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  readonly index: number;
  readonly kind: 'click' | 'select' | 'text' | 'range';
  readonly label: string;
  readonly options: number;
}

/**
 * Marks the elements a user could act on now (visible, enabled, inside the app) with
 * `data-monkey` and describes them. Skipped: exports and downloads, file inputs, printing, the
 * clipboard, links leaving the origin or opening a new tab.
 */
function listTargets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const skip = /imprimer|télécharger|copier|exporter|export|permalien|citation/i;
    const out: Target[] = [];
    document.querySelectorAll('[data-monkey]').forEach((el) => el.removeAttribute('data-monkey'));
    const els = document.querySelectorAll<HTMLElement>(
      '#observatoire :is(button, a[href], summary, select, textarea, [role="tab"], ' +
        'input:not([type="file"]):not([type="hidden"]))',
    );
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden], [inert]')) continue;
      // A closed DSFR modal keeps its layout under `visibility: hidden` (the theme radios of
      // « Paramètres d’affichage »): no user can reach it, and a click on it only waited for
      // ACTION_WAIT_MS before being skipped (~1 pick in 13, ~5 s each).
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if ((el as HTMLButtonElement).disabled || el.closest('[data-export], [download]')) continue;
      const text =
        `${el.innerText || ''} ${el.getAttribute('aria-label') ?? ''} ${el.title}`.trim();
      if (skip.test(text)) continue;
      if (el instanceof HTMLAnchorElement) {
        if (el.target === '_blank' || el.hasAttribute('download')) continue;
        if (new URL(el.href, location.href).origin !== location.origin) continue;
      }
      let kind: Target['kind'] = 'click';
      if (el instanceof HTMLSelectElement) kind = 'select';
      else if (el instanceof HTMLTextAreaElement) kind = 'text';
      else if (el instanceof HTMLInputElement) {
        if (el.type === 'range') kind = 'range';
        else if (!['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type))
          kind = 'text';
      }
      const index = out.length;
      el.setAttribute('data-monkey', String(index));
      const options = el instanceof HTMLSelectElement ? el.options.length : 0;
      out.push({
        index,
        kind,
        label: `${el.tagName.toLowerCase()} « ${text.replace(/\s+/g, ' ').slice(0, 50)} »`,
        options,
      });
    }
    return out;
  });
}

/**
 * What a click at the centre of target `index` reaches: the element itself, its label (marked
 * `data-monkey-label`), or something else (`none`: covered, or only visible on focus).
 */
function whatIsHit(page: Page, index: number): Promise<'self' | 'label' | 'none'> {
  return page.evaluate((i) => {
    document
      .querySelectorAll('[data-monkey-label]')
      .forEach((l) => l.removeAttribute('data-monkey-label'));
    const el = document.querySelector(`[data-monkey="${i}"]`);
    if (!el) return 'none';
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!top) return 'none';
    if (el === top || el.contains(top)) return 'self';
    const label =
      el instanceof HTMLInputElement
        ? [...(el.labels ?? [])].find((l) => {
            const b = l.getBoundingClientRect();
            return b.width > 0 && b.height > 0;
          })
        : undefined;
    if (!label) return 'none';
    label.setAttribute('data-monkey-label', '');
    return 'label';
  }, index);
}

/** Waits until the app is ready and nothing is busy (a loaded machine may take long). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector('#observatoire');
      const state = root?.getAttribute('data-engine-state');
      if (state === 'failed') return true;
      return state === 'ready' && document.querySelector('[aria-busy="true"]') === null;
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  const failed = await page.locator('#observatoire[data-engine-state="failed"]').count();
  assert.equal(failed, 0, 'the engine failed');
}

test(`monkey run (seed ${SEED}, ${ACTIONS} actions)`, { timeout: 600_000 }, async (t) => {
  t.diagnostic(`MONKEY_SEED=${SEED} MONKEY_ACTIONS=${ACTIONS}`);
  console.log(`monkey: seed ${SEED}, ${ACTIONS} actions (replay with MONKEY_SEED=${SEED})`);
  const random = mulberry32(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const app = await openApp('/', { fixtures: true });
  const { page, origin } = app;
  await waitForEngine(page);
  await settle(page);
  const log: string[] = [];
  const fail = (message: string): never =>
    assert.fail(`${message}\nseed ${SEED}; last actions:\n${log.slice(-12).join('\n')}`);

  for (let i = 0; i < ACTIONS; i++) {
    const roll = random();
    let action: string;
    if (roll < 0.06) {
      action = 'back';
      await page.goBack({ waitUntil: 'commit' }).catch(() => null);
    } else if (roll < 0.1) {
      action = 'forward';
      await page.goForward({ waitUntil: 'commit' }).catch(() => null);
    } else if (roll < 0.14) {
      const size = pick(VIEWPORTS);
      action = `resize ${size.width}×${size.height}`;
      await page.setViewportSize(size);
    } else {
      const targets = await listTargets(page);
      if (targets.length === 0) fail('nothing to act on');
      const target = pick(targets);
      const el = page.locator(`[data-monkey="${target.index}"]`);
      action = `${target.kind} ${target.label}`;
      try {
        await el.scrollIntoViewIfNeeded({ timeout: ACTION_WAIT_MS });
        const hit = await whatIsHit(page, target.index);
        if (hit === 'none') throw new Error('covered by another element or off screen');
        if (target.kind === 'select') {
          const option = Math.floor(random() * Math.max(1, target.options));
          action += ` → option ${option}`;
          await el.selectOption({ index: option }, { timeout: ACTION_WAIT_MS });
        } else if (target.kind === 'text') {
          const text = pick(TEXTS);
          action += ` ← ${JSON.stringify(text)}`;
          await el.fill(text, { timeout: ACTION_WAIT_MS });
        } else if (target.kind === 'range') {
          const key = random() < 0.5 ? 'ArrowLeft' : 'ArrowRight';
          action += ` ${key}`;
          await el.press(key, { timeout: ACTION_WAIT_MS });
        } else if (hit === 'label') {
          // A DSFR radio or checkbox lies under its label: users click the label.
          await page.locator('[data-monkey-label]').click({ timeout: ACTION_WAIT_MS });
        } else {
          await el.click({ timeout: ACTION_WAIT_MS });
        }
      } catch (e) {
        // Covered, moved or gone since it was listed: the user could not have acted either.
        action += ` (skipped: ${(e as Error).message.split('\n')[0]})`;
      }
    }
    log.push(`${i}: ${action}`);
    if (process.env.MONKEY_VERBOSE) console.log(`${new Date().toISOString()} ${i}: ${action}`);
    // A link or a back step out of the app: come back to it.
    if (!page.url().startsWith(origin)) {
      log.push(`${i}: left the app (${page.url()}), forward again`);
      await page.goForward({ waitUntil: 'commit' }).catch(() => null);
      if (!page.url().startsWith(origin)) await page.goto(origin + '/');
      await waitForEngine(page);
    }
    await settle(page).catch((e: Error) => fail(`not settled after action ${i}: ${e.message}`));
    if (app.consoleErrors.length > 0)
      fail(`console error after action ${i} (${action}):\n${app.consoleErrors.join('\n')}`);
  }
  assertNoExternalRequests(app);
  await app.close();
});
