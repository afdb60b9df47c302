/**
 * Accessibility and small screens in real Chromium over the fixtures: axe-core (injected from
 * node_modules, offline) finds no serious or critical violation on any view, and at a phone's
 * width (390 × 844) no view scrolls sideways.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWS } from '../src/state/app-state';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  sharedApp,
  waitForView,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core on the whole page; returns its serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP refuses inline <script> tags.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 160) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}, ${v.nodes.length}) ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}  ${n.html}`)
          .join('\n'),
    )
    .join('\n');
}

/*
 * One page per viewport (`sharedApp`): the first test opens its view directly, the next ones
 * reach theirs as back/forward does, instead of starting the engine again for each view.
 */
describe('accessibility', () => {
  const shared = sharedApp({ fixtures: true });
  after(() => shared.close());
  for (const view of VIEWS) {
    test(`axe-core finds no serious or critical violation on « ${view} »`, TIMEOUT, async () =>
      shared.use(
        `/?vue=${view}`,
        (page) => waitForView(page, view),
        async (app) => {
          const violations = await seriousViolations(app.page);
          assert.deepEqual(
            violations.map((v) => v.id),
            [],
            `axe on ${view}:\n${describeViolations(violations)}`,
          );
          assertNoExternalRequests(app);
          assertNoConsoleErrors(app);
        },
      ),
    );
  }
});

describe('phone width', () => {
  const shared = sharedApp({ fixtures: true, viewport: { width: 390, height: 844 } });
  after(() => shared.close());
  for (const view of VIEWS) {
    test(`« ${view} » does not scroll sideways at 390 px`, TIMEOUT, async () =>
      shared.use(
        `/?vue=${view}`,
        (page) => waitForView(page, view),
        async (app) => {
          const overflow = await app.page.evaluate(() => {
            const width = window.innerWidth;
            // Elements past the right edge that no scrolling or clipping ancestor contains (no
            // named function here: tsx would wrap it in a helper the page does not have).
            const wide: string[] = [];
            for (const el of document.querySelectorAll('body *')) {
              const r = el.getBoundingClientRect();
              if (r.right <= width + 1) continue;
              let contained = false;
              for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX === 'visible') continue;
                contained = a.getBoundingClientRect().right <= width + 1;
                break;
              }
              if (contained || wide.length >= 12) continue;
              const cls = [...el.classList].join('.');
              wide.push(
                `${el.tagName.toLowerCase()}.${cls} [${Math.round(r.left)}, ${Math.round(r.right)}]`,
              );
            }
            return { scrollWidth: document.documentElement.scrollWidth, width, wide };
          });
          assert.ok(
            overflow.scrollWidth <= overflow.width,
            `${view}: scrollWidth ${overflow.scrollWidth} > ${overflow.width}; widest:\n${overflow.wide.join('\n')}`,
          );
          assertNoConsoleErrors(app);
        },
      ),
    );
  }
});
