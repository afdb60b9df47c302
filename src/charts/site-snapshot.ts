/**
 * Deterministic SVG snapshots for the Sites charts' tests (Node only): renders Plot options with a
 * jsdom document, rounds numbers to 2 decimals so that floating noise does not churn snapshots,
 * and compares with a committed file; on mismatch it writes `<name>-changed.svg` beside it.
 * Set UPDATE_SNAPSHOTS=1 to rewrite the committed file.
 */
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import path from 'node:path';

export function renderSvg(options: Plot.PlotOptions): string {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const node = Plot.plot({ ...options, document: window.document });
  return normaliseSvg(node.outerHTML);
}

export function normaliseSvg(svg: string): string {
  return svg
    .replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 100) / 100))
    .replace(/></g, '>\n<');
}

/** Returns null when the snapshot matches, or a message naming the changed file. */
export function checkSnapshot(dir: string, name: string, svg: string): string | null {
  const file = path.join(dir, `${name}.svg`);
  const changed = path.join(dir, `${name}-changed.svg`);
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, svg);
    if (fs.existsSync(changed)) fs.rmSync(changed);
    return null;
  }
  if (fs.readFileSync(file, 'utf8') === svg) {
    if (fs.existsSync(changed)) fs.rmSync(changed);
    return null;
  }
  fs.writeFileSync(changed, svg);
  return `Le rendu diffère de ${file} : voir ${changed}`;
}
