/**
 * A chart's SVG made into a standalone figure: title and filters above, the chart and its legend,
 * then source, vintage, date, permalink and the synthetic note below. Styles the chart inherits
 * from the page (text colour, font) are written onto the figure so the file looks the same
 * anywhere. Works on any DOM (the browser, or jsdom in tests).
 */
import { metaLines, type ExportMeta } from './meta';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'Marianne, Arial, "Helvetica Neue", sans-serif';
const MARGIN = 16;
const TITLE_SIZE = 18;
const TEXT_SIZE = 12;
const NOTE_SIZE = 10.5;
const LINE = 1.35;

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

export interface FigureMeta extends ExportMeta {
  /** Legend swatches drawn under the chart (the map's classes, a chart's series). */
  readonly legend?: readonly LegendItem[];
}

/** Greedy word wrap on an average glyph width: good enough for a caption, no layout engine. */
export function wrapText(text: string, fontSize: number, width: number): string[] {
  const maxChars = Math.max(10, Math.floor(width / (fontSize * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const attr = (name: string): number => Number.parseFloat(svg.getAttribute(name) ?? '');
  const box =
    svg
      .getAttribute('viewBox')
      ?.split(/[\s,]+/)
      .map(Number) ?? [];
  const width = attr('width') || box[2] || 640;
  const height = attr('height') || box[3] || 400;
  return { width, height };
}

/** Svgs of Plot's <figure> that are not inside an HTML swatch legend. */
function figureSvgs(figure: Element): SVGSVGElement[] {
  return Array.from(figure.querySelectorAll('svg')).filter(
    (s): s is SVGSVGElement => !s.closest('[class$="-swatch"]'),
  );
}

/**
 * The plot itself: a caller may hand us the first <svg> of a Plot figure, which is the colour
 * legend when there is one; the plot is the largest.
 */
export function mainPlotSvg(svg: SVGSVGElement): SVGSVGElement {
  const figure = svg.closest('figure');
  if (!figure) return svg;
  const area = (s: SVGSVGElement): number => {
    const { width, height } = svgSize(s);
    return width * height;
  };
  return figureSvgs(figure).reduce((best, s) => (area(s) > area(best) ? s : best), svg);
}

/** Legends Plot draws beside the chart in a <figure>: ramp legends (SVG) and swatches (HTML). */
function figureLegends(chart: SVGSVGElement): { svgs: SVGSVGElement[]; items: LegendItem[] } {
  const figure = chart.closest('figure');
  if (!figure) return { svgs: [], items: [] };
  const items: LegendItem[] = [];
  for (const swatch of Array.from(figure.querySelectorAll('[class$="-swatch"]'))) {
    const shape = swatch.querySelector('svg');
    const color =
      shape?.getAttribute('fill') ?? shape?.querySelector('[fill]')?.getAttribute('fill');
    const label = swatch.textContent?.trim() ?? '';
    if (label) items.push({ label, color: color ?? '#000' });
  }
  return { svgs: figureSvgs(figure).filter((s) => s !== chart), items };
}

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The inherited styles Plot relies on (`currentColor`, the page font). */
function inheritedStyle(chart: SVGSVGElement): { color: string; font: string } {
  const view = chart.ownerDocument.defaultView;
  const style = view?.getComputedStyle?.(chart);
  return {
    color: style?.color || '#161616',
    font: style?.fontFamily || FONT,
  };
}

/**
 * Builds the standalone figure. The chart (and any legend SVGs of its <figure>) are cloned, never
 * moved, so the page is untouched.
 */
export function composeSvg(svg: SVGSVGElement, meta: FigureMeta): SVGSVGElement {
  const chart = mainPlotSvg(svg);
  const doc = chart.ownerDocument;
  const { width: chartWidth, height: chartHeight } = svgSize(chart);
  const width = Math.max(chartWidth + 2 * MARGIN, 480);
  const inner = width - 2 * MARGIN;
  const { color, font } = inheritedStyle(chart);
  const legends = figureLegends(chart);
  const legendItems = [...(meta.legend ?? []), ...legends.items];

  const root = el(doc, 'svg', {
    width,
    height: 0,
    'font-family': font,
    style: `color:${color};font-family:${font}`,
  });
  root.append(el(doc, 'rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#ffffff' }));
  const title = el(doc, 'title', {}, meta.title);
  root.append(title);
  let y = MARGIN;
  const addLines = (text: string, size: number, attrs: Record<string, string | number> = {}) => {
    for (const line of wrapText(text, size, inner)) {
      y += size * LINE;
      root.append(
        el(doc, 'text', { x: MARGIN, y, 'font-size': size, fill: color, ...attrs }, line),
      );
    }
  };
  addLines(meta.title, TITLE_SIZE, { 'font-weight': 700, class: 'export-title' });
  if (meta.subtitle) addLines(meta.subtitle, TEXT_SIZE, { class: 'export-subtitle' });
  y += 8;

  const chartCopy = chart.cloneNode(true) as SVGSVGElement;
  chartCopy.setAttribute('x', String(MARGIN + (inner - chartWidth) / 2));
  chartCopy.setAttribute('y', String(y));
  chartCopy.setAttribute('width', String(chartWidth));
  chartCopy.setAttribute('height', String(chartHeight));
  root.append(chartCopy);
  y += chartHeight;

  for (const legend of legends.svgs) {
    const size = svgSize(legend);
    const copy = legend.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(MARGIN));
    copy.setAttribute('y', String(y + 4));
    copy.setAttribute('width', String(size.width));
    copy.setAttribute('height', String(size.height));
    root.append(copy);
    y += size.height + 4;
  }

  if (legendItems.length > 0) {
    y += 8;
    let x = MARGIN;
    const row = TEXT_SIZE * 1.6;
    y += row;
    for (const item of legendItems) {
      const w = 18 + item.label.length * TEXT_SIZE * 0.55 + 16;
      if (x + w > width - MARGIN && x > MARGIN) {
        x = MARGIN;
        y += row;
      }
      root.append(
        el(doc, 'rect', {
          x,
          y: y - 11,
          width: 12,
          height: 12,
          fill: item.color,
          stroke: '#666',
          'stroke-width': 0.5,
        }),
      );
      root.append(
        el(doc, 'text', { x: x + 18, y, 'font-size': TEXT_SIZE, fill: color }, item.label),
      );
      x += w;
    }
  }

  y += 10;
  const lines = metaLines(meta, { footer: true });
  for (const line of lines) {
    const isNote = meta.synthetic && line === lines[lines.length - 1];
    addLines(
      line,
      NOTE_SIZE,
      isNote
        ? { 'font-weight': 700, fill: '#b34000', class: 'export-synthetic' }
        : { fill: '#3a3a3a' },
    );
  }
  y += MARGIN;
  root.setAttribute('height', String(Math.ceil(y)));
  root.setAttribute('viewBox', `0 0 ${width} ${Math.ceil(y)}`);
  return root;
}

/** The figure as standalone SVG text with an XML declaration. */
export function serialiseSvg(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const Serializer = view?.XMLSerializer ?? globalThis.XMLSerializer;
  const text = new Serializer().serializeToString(svg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}
