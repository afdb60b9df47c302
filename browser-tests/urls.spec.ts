/**
 * Bad and long addresses in real Chromium over the fixtures: the worst cases of the bad-URL corpus
 * (data/fixtures/bad/urls/) open their view with a French notice and no error (a NUL in a group
 * name used to crash Sites and Rapport on every reload), and the longest permalink the app writes
 * is accepted by the preview server, where the readable form of the same view got HTTP 431.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { AppState } from '../src/state/app-state';
import { DEFAULT_STATE, URL_QUERY_MAX, serialiseState } from '../src/state/url';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  serverOrigin,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 240_000 };
const CORPUS = path.resolve(import.meta.dirname, '../data/fixtures/bad/urls');

interface BadCase {
  readonly input: string;
  readonly expected: string;
}
const CASES = JSON.parse(fs.readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')) as BadCase[];

function corpusCase(input: string): { query: string; expected: string } {
  const c = CASES.find((x) => x.input === input);
  assert.ok(c, `corpus case ${input}`);
  const query = input.startsWith('?')
    ? input
    : fs.readFileSync(path.join(CORPUS, input), 'utf8').trim();
  return { query, expected: c.expected };
}

/** Four groups of 300 communes: ~17 KB written readable. */
function bigGroupsState(): AppState {
  const groups = Array.from({ length: 4 }, (_, g) => ({
    name: `Groupe ${g + 1}`,
    members: [
      { level: 'commune' as const, code: '62001' },
      ...Array.from({ length: 299 }, (_, i) => ({
        level: 'commune' as const,
        code: String(10000 + ((g * 7919 + i * 104729) % 85000)).padStart(5, '0'),
      })),
    ],
  }));
  return { ...DEFAULT_STATE, view: 'sites', groups };
}

/** What the server answers to a page request and to an asset requested from that page. */
async function serverStatus(query: string): Promise<{ page: number; asset: number }> {
  const origin = await serverOrigin();
  const page = await fetch(`${origin}/${query}`);
  // Every asset the page loads sends the page's address again, as Referer (same size).
  const asset = await fetch(`${origin}/`, { headers: { Referer: `${origin}/${query}` } });
  return { page: page.status, asset: asset.status };
}

describe('addresses', () => {
  const worst: readonly [string, string][] = [
    ['?vue=sites&groupes=Nord%00Est~commune:59350', 'sites'],
    ['?vue=rapport&groupes=A%01B%1F~commune:59350,commune:62498', 'rapport'],
    ['truncated-compressed.txt', 'carte'],
    ['deflate-bomb.txt', 'carte'],
    ['?vue=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'carte'],
  ];
  for (const [input, view] of worst) {
    test(`${input.slice(0, 50)} opens « ${view} » with a notice`, TIMEOUT, async () => {
      const { query, expected } = corpusCase(input);
      const app = await openApp('/' + query, { fixtures: true });
      const { page } = app;
      await waitForEngine(page);
      await waitForIdle(page, 120_000);
      const notice = page.locator('[data-url-notices]');
      await notice.waitFor({ timeout: 60_000 });
      assert.ok((await notice.innerText()).includes(expected), await notice.innerText());
      assert.equal(await page.locator('#observatoire').getAttribute('data-current-view'), view);
      // A reload of the rewritten (canonical) address opens the same view without error.
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForEngine(page);
      await waitForIdle(page, 120_000);
      assert.equal(await page.locator('#observatoire').getAttribute('data-current-view'), view);
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    });
  }

  test('HTML in a group name is shown as text, never run', TIMEOUT, async () => {
    const name = '<img src=x onerror="window.__xss=1">';
    const query = `?vue=sites&groupes=${encodeURIComponent(`${name}~commune:62001`)}`;
    const app = await openApp('/' + query, { fixtures: true });
    const { page } = app;
    await waitForEngine(page);
    await waitForIdle(page, 120_000);
    const group = page.locator('.observatoire-group-list [data-group="groupe-1"]');
    assert.match(await group.innerText(), /<img src=x onerror="window.__xss=1">/);
    assert.equal(await page.evaluate(() => 'xss' in window || '__xss' in window), false);
    assertNoConsoleErrors(app);
    await app.close();
  });

  test('the longest permalink the app writes is accepted by the server', TIMEOUT, async () => {
    const state = bigGroupsState();
    const readable = `?vue=sites&groupes=${state.groups
      .map((g) => `${g.name}~${g.members.map((m) => `commune:${m.code}`).join(',')}`)
      .join(';')}`;
    assert.ok(readable.length > 16_000, `readable form: ${readable.length} characters`);
    // Why compression: the server refuses the readable form once it comes back as Referer
    // (431 Request Header Fields Too Large: Node's limit is 16 KB of headers).
    assert.equal((await serverStatus(readable)).asset, 431);

    const permalink = serialiseState(state);
    assert.match(permalink, /^\?etat=/);
    assert.ok(permalink.length <= URL_QUERY_MAX, `${permalink.length} characters`);
    // The longest query string the app ever writes, padded to the limit.
    const longest = `?periode=2019&${'x'.repeat(URL_QUERY_MAX - 14)}`;
    assert.equal(longest.length, URL_QUERY_MAX);
    assert.deepEqual(await serverStatus(permalink), { page: 200, asset: 200 });
    assert.deepEqual(await serverStatus(longest), { page: 200, asset: 200 });

    const app = await openApp('/' + permalink, { fixtures: true });
    const { page } = app;
    await waitForEngine(page);
    await waitForIdle(page, 120_000);
    for (const g of state.groups)
      assert.match(await page.locator('.observatoire-group-list').innerText(), new RegExp(g.name));
    assert.equal(new URL(page.url()).search, permalink, 'the address is kept as written');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForEngine(page);
    await waitForIdle(page, 120_000);
    assert.equal(await page.locator('.observatoire-group-list [data-group]').count(), 8);
    assertNoExternalRequests(app);
    assertNoConsoleErrors(app);
    await app.close();
  });
});
