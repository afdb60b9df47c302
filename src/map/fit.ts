/**
 * The fitted view of France, as pure numbers: the padding MapLibre's `fitBounds` gets
 * (map-controller) and the same fit done by hand in Web Mercator, for the poster (poster.tsx),
 * which must draw the picture MapLibre's first frame will show, before MapLibre is loaded.
 */

/**
 * Map width from which the legend floats over the map's bottom left corner (see carte.css);
 * the fitted view of France then leaves that much room on the left, so the DROM insets, drawn
 * west of Brittany, are not under it. Narrower, the legend goes below the map.
 */
export const LEGEND_BESIDE_MIN_WIDTH = 600;
/** The legend's widest (232 px, carte.css) and its margin. */
export const LEGEND_ROOM = 248;
/** Padding of the fitted view on every side the legend does not take. */
export const FIT_MARGIN = 16;

export interface Padding {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Padding of the fitted view of France: room for the legend when it floats over the map. */
export function fitPadding(width: number): number | Padding {
  return width >= LEGEND_BESIDE_MIN_WIDTH
    ? { top: FIT_MARGIN, right: FIT_MARGIN, bottom: FIT_MARGIN, left: LEGEND_ROOM }
    : FIT_MARGIN;
}

const asPadding = (p: number | Padding): Padding =>
  typeof p === 'number' ? { top: p, right: p, bottom: p, left: p } : p;

/** Web Mercator, in world units (the whole world is 1 × 1, x east, y south), as MapLibre's. */
export function mercator(lon: number, lat: number): [number, number] {
  const x = (180 + lon) / 360;
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
  return [x, y];
}

/** Screen = world × `k` + (`tx`, `ty`), in CSS pixels of the map's container. */
export interface Camera {
  readonly k: number;
  readonly tx: number;
  readonly ty: number;
}

/**
 * What `fitBounds(bounds, { padding: fitPadding(width) })` shows in a `width` × `height`
 * container (bearing 0): the bounds scaled to fit inside the padded box and centred in it. MapLibre
 * computes the same (`cameraForBounds`: the smaller of the two scales, the bounds' centre moved by
 * half the padding difference), in zoom levels where this keeps the scale `k` (512 × 2^zoom).
 */
export function fitCamera(
  bounds: readonly [number, number, number, number],
  width: number,
  height: number,
): Camera {
  const p = asPadding(fitPadding(width));
  const [x0, y1] = mercator(bounds[0], bounds[1]);
  const [x1, y0] = mercator(bounds[2], bounds[3]);
  const k = Math.min(
    (width - p.left - p.right) / (x1 - x0),
    (height - p.top - p.bottom) / (y1 - y0),
  );
  const cx = (width + p.left - p.right) / 2;
  const cy = (height + p.top - p.bottom) / 2;
  return { k, tx: cx - (k * (x0 + x1)) / 2, ty: cy - (k * (y0 + y1)) / 2 };
}
