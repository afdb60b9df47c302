import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { SYNTHETIC_NOTE } from '../catalogue';
import { composeSvg, serialiseSvg, wrapText } from './svg';
import type { ExportMeta } from './meta';

const meta: ExportMeta = {
  title: 'Réclamations pour discrimination',
  subtitle: 'Critère : handicap · QPV seulement',
  source: 'Défenseur des droits',
  vintage: '2015–2024',
  synthetic: true,
  date: new Date('2026-11-25T00:00:00Z'),
  url: 'http://localhost/?vue=series',
};

function plotFigure(): { doc: Document; first: SVGSVGElement } {
  const { window } = new JSDOM('<!doctype html><body></body>');
  const doc = window.document;
  const node = Plot.plot({
    document: doc,
    width: 400,
    height: 200,
    color: { legend: true, domain: ['Seine-Saint-Denis', 'Pas-de-Calais'] },
    marks: [
      Plot.lineY(
        [
          { year: 2023, value: 3, code: 'Seine-Saint-Denis' },
          { year: 2024, value: 5, code: 'Seine-Saint-Denis' },
          { year: 2023, value: 4, code: 'Pas-de-Calais' },
          { year: 2024, value: 2, code: 'Pas-de-Calais' },
        ],
        { x: 'year', y: 'value', stroke: 'code' },
      ),
    ],
  });
  doc.body.append(node);
  const first = doc.querySelector('svg');
  if (!first) throw new Error('no svg');
  return { doc, first: first as unknown as SVGSVGElement };
}

describe('composeSvg', () => {
  it('frames the plot with title, filters, legend, source, date and the synthetic note', () => {
    const { first, doc } = plotFigure();
    const figure = composeSvg(first, meta);
    const text = figure.textContent ?? '';
    expect(figure.querySelector('.export-title')?.textContent).toBe(meta.title);
    expect(figure.querySelector('.export-subtitle')?.textContent).toBe(meta.subtitle);
    expect(text).toContain('Source : Défenseur des droits (2015–2024)');
    // The filters are the subtitle; the footer does not repeat them.
    expect(text).not.toContain('Filtres :');
    expect(text).toContain('Exporté le 25 novembre 2026');
    expect(text).toContain('Permalien : http://localhost/?vue=series');
    // The note is wrapped over lines; its words are all there, in bold orange.
    expect(
      Array.from(figure.querySelectorAll('.export-synthetic'))
        .map((t) => t.textContent)
        .join(' '),
    ).toBe(SYNTHETIC_NOTE);
    // Plot's swatch legend (HTML) is redrawn as SVG.
    expect(text).toContain('Seine-Saint-Denis');
    expect(text).toContain('Pas-de-Calais');
    // The plot (not a legend) is cloned, and the page is untouched.
    const plots = figure.querySelectorAll('svg svg');
    expect(plots.length).toBeGreaterThanOrEqual(1);
    expect(plots[0]?.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(doc.body.querySelectorAll('svg').length).toBeGreaterThan(0);
    expect(Number(figure.getAttribute('height'))).toBeGreaterThan(200);
  });

  it('serialises to standalone SVG', () => {
    const { first } = plotFigure();
    const text = serialiseSvg(composeSvg(first, meta));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    const reparsed = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
    expect(reparsed.getElementsByTagName('parsererror').length).toBe(0);
    expect(reparsed.querySelector('title')?.textContent).toBe(meta.title);
  });

  it('wraps long captions', () => {
    const lines = wrapText('mot '.repeat(100), 12, 300);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.length <= Math.floor(300 / (12 * 0.55)))).toBe(true);
  });
});
