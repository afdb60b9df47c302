/**
 * The poster's map: the picture MapLibre's first frame of a result will show, as an inline SVG
 * the build writes into index.html (src/app/poster-page.tsx), so the first map is on screen
 * before any script of the app has run. Same geometry as the map's (prebaked, Web Mercator),
 * same fit (an inline script after the poster does `fitBounds` with `fitPadding` in the
 * container's size, see poster-scripts.ts), same colours and radii (`styleOf`, as feature-state gives them to the
 * map's layers: choropleth fills, or grey areas under proportional circles), same outline and
 * background.
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

export interface PosterMapProps {
  readonly geometry: PosterGeometry;
  readonly bounds: readonly [number, number, number, number];
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns;
  readonly styling: Styling;
}

/** The fill of each area and whether it is hatched, as `FeatureStates` gives them to the map. */
function areaStyles(p: PosterMapProps): Map<string, { fill: string; hatched: boolean }> {
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

export function PosterMap(props: PosterMapProps): JSX.Element {
  const { geometry, bounds } = props;
  const styles = areaStyles(props);
  // One path per colour: a few elements for the browser to lay out, not one per territory.
  const byFill = new Map<string, string[]>();
  const hatched: string[] = [];
  for (const a of geometry.areas) {
    const s = styles.get(a.code);
    if (!s) continue;
    const list = byFill.get(s.fill) ?? [];
    list.push(a.d);
    byFill.set(s.fill, list);
    if (s.hatched) hatched.push(a.d);
  }
  const [x0, y1] = mercator(bounds[0], bounds[1]);
  const [x1, y0] = mercator(bounds[2], bounds[3]);
  const fit = [x0, y0, x1, y1].map((v) => Math.round(v * POSTER_GRID)).join(' ');
  const circles =
    props.mode === 'circles'
      ? geometry.points.flatMap((pt) => {
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
      data-fit={fit}
      data-margin={FIT_MARGIN}
      data-legend-min={LEGEND_BESIDE_MIN_WIDTH}
      data-legend-room={LEGEND_ROOM}
      // Hidden until its inline script has fitted it (a frame may come before).
      style={{ background: BACKGROUND_COLOR, visibility: 'hidden' }}
    >
      <defs>
        {/* MapLibre's hatch image (map-images.ts): 8 px diagonal bands, dark grey. */}
        <pattern id={HATCH} width={8} height={8} patternUnits="userSpaceOnUse">
          <path
            d="M-2,2L2,-2M0,8L8,0M6,10L10,6"
            stroke="#3a3a3a"
            strokeOpacity={0.6}
            strokeWidth={1.5}
          />
        </pattern>
      </defs>
      <g>
        {[...byFill].map(([fill, ds]) => (
          // The fill's antialiasing hairline, in white, is the map's outline (map-style).
          <path
            key={fill}
            d={ds.join('')}
            fill={fill}
            stroke="#ffffff"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {hatched.length > 0 && <path d={hatched.join('')} fill={`url(#${HATCH})`} />}
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
