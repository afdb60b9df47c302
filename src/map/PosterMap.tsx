/**
 * The poster's map: the picture MapLibre's first frame of a result will show, drawn into
 * index.html at build time (src/app/poster-page.tsx), so the first map is on screen before any
 * script of the app has run. Same geometry as the map's (prebaked, Web Mercator), same fit (an
 * inline script after the poster does `fitBounds` with `fitPadding` in the container's size, see
 * poster-scripts.ts), same colours and radii (`styleOf`, as feature-state gives them to the map's
 * layers: choropleth fills, or grey areas under proportional circles), same outline and
 * background.
 *
 * The areas are a picture (PNG, rasterized by the build from `areasPictureSvg`), not vector
 * paths: under software rendering (SwiftShader, as on GPU-less virtual desktops) the browser
 * took seconds of both CPUs to raster and re-raster the 1,400-subpath outlines, which delayed the
 * poster itself and the engine's start beside it (engine ready 11–13 s with the paths, 7–8 s
 * without, bench on the 2-core machine). The circles, sized in screen pixels as MapLibre's, stay
 * vector.
 */
import type { JSX } from 'react';
import { FIT_MARGIN, LEGEND_BESIDE_MIN_WIDTH, LEGEND_ROOM, mercator } from './fit';
import { styleOf, type ResultColumns, type Styling } from './join';
import { BACKGROUND_COLOR, NO_DATA_COLOR } from './palette';
import { POSTER_GRID, type PosterGeometry } from './poster-format';

const HATCH = 'observatoire-poster-hatch';
/** The circle layer's opacity and ring (map-style's circleLayer). */
const CIRCLE_OPACITY = 0.85;
const CIRCLE_RING = 0.6;

/** Width in pixels of the areas' picture: about 1.3× the map's width in a 1,280 px window. */
export const PICTURE_WIDTH = 1200;

export interface PosterMapProps {
  readonly geometry: PosterGeometry;
  readonly bounds: readonly [number, number, number, number];
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns;
  readonly styling: Styling;
  /** The build's rasterizer: a standalone SVG document to a PNG `data:` URL. */
  readonly rasterize: (svg: string) => string;
}

/** What the areas' picture is drawn from. */
type PictureProps = Omit<PosterMapProps, 'rasterize'>;

/** The fill of each area and whether it is hatched, as `FeatureStates` gives them to the map. */
function areaStyles(p: PictureProps): Map<string, { fill: string; hatched: boolean }> {
  const out = new Map<string, { fill: string; hatched: boolean }>();
  for (const a of p.geometry.areas) {
    const i = p.cols.index.get(a.code);
    if (i === undefined) out.set(a.code, { fill: NO_DATA_COLOR, hatched: false });
    else if (p.cols.suppressed[i] === 1)
      out.set(a.code, {
        fill: p.mode === 'choropleth' ? p.styling.secretColor : p.styling.noDataColor,
        hatched: true,
      });
    else
      out.set(a.code, {
        fill: p.mode === 'choropleth' ? styleOf(p.cols, i, p.styling).c : NO_DATA_COLOR,
        hatched: false,
      });
  }
  return out;
}

/** The fitted box (grid units): the bounds, as `fitBounds` frames them. */
function fitBox(bounds: PosterMapProps['bounds']): [number, number, number, number] {
  const [x0, y1] = mercator(bounds[0], bounds[1]);
  const [x1, y0] = mercator(bounds[2], bounds[3]);
  return [x0, y0, x1, y1].map((v) => Math.round(v * POSTER_GRID)) as [
    number,
    number,
    number,
    number,
  ];
}

/** Room around the fitted box the picture also covers, in grid units (outlines, rounding). */
const PICTURE_PAD = 16;

/**
 * The areas as a standalone SVG document of PICTURE_WIDTH pixels, in grid units: one path per
 * colour, the white 1 px outline of the map's fills, the hatch of secret areas (MapLibre's hatch
 * image, map-images.ts: 8 px diagonal bands, dark grey), on a transparent ground. `box` is where
 * the picture lies, in grid units.
 */
export function areasPictureSvg(props: PictureProps): {
  readonly svg: string;
  readonly box: readonly [number, number, number, number];
  /** The fitted box itself (the fit script's `data-fit`). */
  readonly fit: readonly [number, number, number, number];
} {
  const styles = areaStyles(props);
  const byFill = new Map<string, string[]>();
  const hatched: string[] = [];
  for (const a of props.geometry.areas) {
    const s = styles.get(a.code);
    if (!s) continue;
    const list = byFill.get(s.fill) ?? [];
    list.push(a.d);
    byFill.set(s.fill, list);
    if (s.hatched) hatched.push(a.d);
  }
  const fit = fitBox(props.bounds);
  const [x0, y0, x1, y1] = fit;
  const box = [
    x0 - PICTURE_PAD,
    y0 - PICTURE_PAD,
    x1 - x0 + 2 * PICTURE_PAD,
    y1 - y0 + 2 * PICTURE_PAD,
  ] as const;
  const width = PICTURE_WIDTH;
  const height = Math.round((width * box[3]) / box[2]);
  // One pixel of the picture, in grid units.
  const px = box[2] / width;
  const paths = [...byFill]
    .map(
      ([fill, ds]) =>
        `<path d="${ds.join('')}" fill="${fill}" stroke="#ffffff" stroke-width="${px}"/>`,
    )
    .join('');
  const hatch =
    hatched.length > 0
      ? `<defs><pattern id="${HATCH}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="scale(${px})"><path d="M-2,2L2,-2M0,8L8,0M6,10L10,6" stroke="#3a3a3a" stroke-opacity="0.6" stroke-width="1.5"/></pattern></defs><path d="${hatched.join('')}" fill="url(#${HATCH})"/>`
      : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${box.join(' ')}">` +
    `${paths}${hatch}</svg>`;
  return { svg, box, fit };
}

export function PosterMap(props: PosterMapProps): JSX.Element {
  const { svg, box, fit } = areasPictureSvg(props);
  const circles =
    props.mode === 'circles'
      ? props.geometry.points.flatMap((pt) => {
          const i = props.cols.index.get(pt.code);
          if (i === undefined) return [];
          const s = styleOf(props.cols, i, props.styling);
          return s.r > 0 ? [{ ...pt, r: s.r, c: s.c }] : [];
        })
      : [];
  return (
    <svg
      className="observatoire-poster__map"
      aria-hidden="true"
      focusable="false"
      data-fit={fit.join(' ')}
      data-margin={FIT_MARGIN}
      data-legend-min={LEGEND_BESIDE_MIN_WIDTH}
      data-legend-room={LEGEND_ROOM}
      // Hidden until its inline script has fitted it (a frame may come before).
      style={{ background: BACKGROUND_COLOR, visibility: 'hidden' }}
    >
      <g>
        <image
          x={box[0]}
          y={box[1]}
          width={box[2]}
          height={box[3]}
          preserveAspectRatio="none"
          href={props.rasterize(svg)}
        />
      </g>
      {circles.map((c) => (
        // MapLibre rings a circle outside its radius; SVG strokes on the edge.
        <circle
          key={c.code}
          data-x={c.x}
          data-y={c.y}
          r={c.r + CIRCLE_RING / 2}
          fill={c.c}
          fillOpacity={CIRCLE_OPACITY}
          stroke="#ffffff"
          strokeWidth={CIRCLE_RING}
        />
      ))}
    </svg>
  );
}
