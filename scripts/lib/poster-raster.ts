/**
 * The build's rasterizer of the poster's areas (src/map/PosterMap.tsx `areasPictureSvg`): a
 * standalone SVG document (no text, no external reference) to PNG, by resvg, as the `data:` URL
 * the poster's `<image>` carries in index.html.
 */
import { Resvg } from '@resvg/resvg-js';

/** The PNG of `svg` at its own `width` × `height`. */
export function rasterizePng(svg: string): Uint8Array {
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

/** The PNG of `svg` as a `data:` URL. */
export function rasterizeToDataUrl(svg: string): string {
  return `data:image/png;base64,${Buffer.from(rasterizePng(svg)).toString('base64')}`;
}

/** The SVG document of a `data:image/svg+xml` URL (URL-encoded, raw or base64). */
export function svgOfDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/svg+xml') || comma < 0)
    throw new Error(`pas une image SVG en URL data: : ${url.slice(0, 60)}`);
  const body = url.slice(comma + 1);
  return /;base64$/i.test(url.slice(0, comma))
    ? Buffer.from(body, 'base64').toString('utf8')
    : decodeURIComponent(body);
}

/**
 * A DSFR picture (logo, icon, arrow: an SVG `data:` URL) as a PNG `data:` URL, 3 times its own
 * width for sharp screens, between 72 and 256 px wide (scripts/lib/poster-images.ts).
 */
export function rasterizeSvgDataUrl(url: string): string {
  const svg = svgOfDataUrl(url);
  const opts = { font: { loadSystemFonts: false } } as const;
  const width = Math.min(256, Math.max(72, Math.round(3 * new Resvg(svg, opts).width)));
  const png = new Resvg(svg, { ...opts, fitTo: { mode: 'width', value: width } }).render().asPng();
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
