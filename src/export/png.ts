/**
 * PNG exports (browser only: they need an <img> decoder and a 2D canvas). A chart's figure SVG is
 * rasterised at twice its size; the map's WebGL canvas is framed by a title band and a legend and
 * source band drawn in 2D around it.
 */
import { SYNTHETIC_NOTE } from '../catalogue';
import { metaLines } from './meta';
import { wrapText, type FigureMeta } from './svg';

/** Rasterises standalone SVG text at `scale` × its size (2 = sharp on print and HiDPI). */
export async function svgToPng(
  svgText: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('Le navigateur n’a pas pu décoder l’image SVG.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D indisponible.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasToBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('Export PNG impossible.'))),
      'image/png',
    ),
  );
}

const FONT = 'Marianne, Arial, sans-serif';

/** Band heights (device pixels) around a map of `width` device pixels at pixel ratio `ratio`. */
export function mapBands(meta: FigureMeta, width: number, ratio: number) {
  const margin = 12 * ratio;
  const inner = width - 2 * margin;
  const title = wrapText(meta.title, 18 * ratio, inner);
  const subtitle = meta.subtitle ? wrapText(meta.subtitle, 12 * ratio, inner) : [];
  const notes = metaLines(meta, { footer: true }).flatMap((l) =>
    wrapText(l, 10.5 * ratio, inner).map((text) => ({ text, note: l === SYNTHETIC_NOTE })),
  );
  const legendRows = meta.legend && meta.legend.length > 0 ? Math.ceil(meta.legend.length / 3) : 0;
  const top = margin + title.length * 24 * ratio + subtitle.length * 16 * ratio + margin / 2;
  const bottom = margin + legendRows * 18 * ratio + notes.length * 14 * ratio + margin;
  return { margin, title, subtitle, notes, legendRows, top, bottom };
}

/**
 * Frames the map's canvas. The map must be drawn when this runs: MapLibre clears its WebGL
 * buffer after each frame unless created with `preserveDrawingBuffer: true` (canvasContextAttributes).
 */
export async function composeMapPng(map: HTMLCanvasElement, meta: FigureMeta): Promise<Blob> {
  const ratio = Math.max(1, map.width / Math.max(1, map.clientWidth || map.width));
  const bands = mapBands(meta, map.width, ratio);
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = Math.round(bands.top + map.height + bands.bottom);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D indisponible.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'alphabetic';
  let y = bands.margin;
  ctx.fillStyle = '#161616';
  ctx.font = `700 ${18 * ratio}px ${FONT}`;
  for (const line of bands.title) {
    y += 24 * ratio;
    ctx.fillText(line, bands.margin, y - 6 * ratio);
  }
  ctx.font = `${12 * ratio}px ${FONT}`;
  for (const line of bands.subtitle) {
    y += 16 * ratio;
    ctx.fillText(line, bands.margin, y - 4 * ratio);
  }
  ctx.drawImage(map, 0, bands.top);
  y = bands.top + map.height + bands.margin;
  const legend = meta.legend ?? [];
  const colWidth = (canvas.width - 2 * bands.margin) / 3;
  legend.forEach((item, i) => {
    const x = bands.margin + (i % 3) * colWidth;
    const rowY = y + Math.floor(i / 3) * 18 * ratio;
    ctx.fillStyle = item.color;
    ctx.fillRect(x, rowY, 12 * ratio, 12 * ratio);
    ctx.strokeStyle = '#666';
    ctx.strokeRect(x, rowY, 12 * ratio, 12 * ratio);
    ctx.fillStyle = '#161616';
    ctx.font = `${11 * ratio}px ${FONT}`;
    ctx.fillText(item.label, x + 18 * ratio, rowY + 11 * ratio);
  });
  y += bands.legendRows * 18 * ratio;
  for (const { text, note } of bands.notes) {
    y += 14 * ratio;
    ctx.font = `${note ? '700 ' : ''}${10.5 * ratio}px ${FONT}`;
    ctx.fillStyle = note ? '#b34000' : '#3a3a3a';
    ctx.fillText(text, bands.margin, y - 3 * ratio);
  }
  return canvasToBlob(canvas);
}
