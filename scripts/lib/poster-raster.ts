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
