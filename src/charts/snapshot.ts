/**
 * Deterministic SVG snapshots of chart builders in Node (test helper, never bundled): the Plot
 * options are rendered with jsdom's document, numbers rounded to 2 decimals, generated class
 * names and ids renumbered in order of appearance (Plot numbers clips, patterns and markers with
 * module counters, so the ids depend on what was rendered before: on test order). A mismatch
 * writes `<name>-changed.svg` beside the snapshot.
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
  const ids = new Map<string, string>();
  const renumber = (id: string): string => {
    let n = ids.get(id);
    if (!n) {
      n = `plot-${ids.size + 1}`;
      ids.set(id, n);
    }
    return n;
  };
  return svg
    .replace(/plot-[0-9a-z]{6}(?![0-9a-z])|plot-(?:clip|pattern|marker)-\d+/g, renumber)
    .replace(/-?\d+\.\d+/g, (m) => {
      const r = Math.round(Number(m) * 100) / 100;
      return String(Object.is(r, -0) ? 0 : r);
    })
    .replace(/></g, '>\n<');
}

/**
 * Compares with `<dir>/__snapshots__/<name>.svg`; returns null when equal, else a message. A
 * missing snapshot is a failure (a test must not pass by writing what it checks, issue 16);
 * `UPDATE_SNAPSHOTS=1` (re)writes it.
 */
export function checkSnapshot(dir: string, name: string, svg: string): string | null {
  const folder = path.join(dir, '__snapshots__');
  const file = path.join(folder, `${name}.svg`);
  const changed = path.join(folder, `${name}-changed.svg`);
  fs.mkdirSync(folder, { recursive: true });
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    fs.writeFileSync(file, svg);
    if (fs.existsSync(changed)) fs.rmSync(changed);
    return null;
  }
  if (!fs.existsSync(file)) {
    fs.writeFileSync(changed, svg);
    return `Instantané absent : ${file} (voir ${changed} ; UPDATE_SNAPSHOTS=1 pour l’écrire)`;
  }
  if (fs.readFileSync(file, 'utf8') === svg) {
    if (fs.existsSync(changed)) fs.rmSync(changed);
    return null;
  }
  fs.writeFileSync(changed, svg);
  return `SVG différent de ${file} ; voir ${changed}`;
}
