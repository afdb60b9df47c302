/**
 * The map's style as typed constants: a background and GeoJSON sources served from the app's own
 * data root — no tiles, glyphs, sprites or fonts from anywhere (the app works offline). Colours
 * and radii come from feature-state (`c` colour, `r` radius, `s` secret, `h` hover, `sel`
 * selected) so a new result never changes a paint property (which would re-tile the source).
 */
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { MAP_LEVELS, TILE_LAYERS, type MapLevel } from '../catalogue';
import { MAP_THEMES, type MapTheme } from './map-theme';
import {
  BACKGROUND_COLOR,
  CIRCLE_COLOR,
  NO_DATA_COLOR,
  SELECTED_COLOR,
  SERVICE_COLOR,
} from './palette';

/** Zoom from which QPV are drawn as shapes; below it they are symbols at their label point. */
export const QPV_MIN_ZOOM = 8.5;
/** Zoom from which commune outlines are drawn (below, 35,000 outlines are only noise). */
export const COMMUNE_OUTLINE_ZOOM = 7;
/** Zoom from which « secret » communes get their hatch on top of the grey fill. */
export const COMMUNE_DETAIL_ZOOM = 8;
/** Largest proportional circle, in pixels, per level. */
export const MAX_RADIUS: Readonly<Record<MapLevel, number>> = {
  region: 38,
  departement: 26,
  epci: 18,
  commune: 14,
  qpv: 12,
};
export const HATCH_IMAGE = 'observatoire-hatch';
/** The disc (signed distance field, so its colour follows feature-state) of QPV symbols. */
export const QPV_DOT_IMAGE = 'observatoire-qpv-dot';
/** Diameter of a QPV symbol, in pixels (the pipeline spaces them 16 px apart). */
export const QPV_DOT_SIZE = 12;

/**
 * How a level's geometry is cut into tiles, in pixels of a 512 px tile: MapLibre's GeoJSON
 * source options, and the pipeline's pre-cut tiles (scripts/lib/tiles.ts) use the same. The
 * buffer is a quarter of MapLibre's default: outlines are at most 2.5 px wide, and less geometry
 * clipped into each tile is less work for the one worker on every move. Points get a little
 * more: a circle is drawn only from the tile holding its point (the circle bucket drops the
 * copies in neighbours' buffers), so copies are mostly work for the worker.
 */
export const AREA_BUFFER = 32;
export const POINT_BUFFER = 48;
export const areaTolerance = (level: MapLevel): number => (level === 'commune' ? 0.5 : 0.375);

export const areaSource = (level: MapLevel): string => `areas-${level}`;
/** The `source-layer` of a level's layers when its geometry comes as vector tiles. */
const sourceLayerOf = (
  tiled: boolean,
  kind: keyof typeof TILE_LAYERS,
): { 'source-layer'?: string } => (tiled ? { 'source-layer': TILE_LAYERS[kind] } : {});
export const pointSource = (level: MapLevel): string => `points-${level}`;
export const SERVICES_SOURCE = 'services';

export const layerIds = (level: MapLevel) =>
  ({
    fill: `fill-${level}`,
    hatch: `hatch-${level}`,
    line: `line-${level}`,
    hover: `hover-${level}`,
    selected: `selected-${level}`,
    circles: `circles-${level}`,
    dots: `dots-${level}`,
    symbols: `symbols-${level}`,
  }) as const;
export const LAND_LAYER = 'land';
export const CONTEXT_LINE = 'context-departement';
export const SERVICES_LAYER = 'services-points';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const stateColor = (fallback: string): ExpressionSpecification => [
  'to-color',
  ['feature-state', 'c'],
  fallback,
];
const stateFlag = (key: string, on: number, off: number): ExpressionSpecification => [
  'case',
  ['==', ['feature-state', key], 1],
  on,
  off,
];

/** The base style: only a background; sources are added per level when first shown. */
export const BASE_STYLE: StyleSpecification = {
  version: 8,
  name: 'Observatoire',
  // Opacity flips (showing a level, a hover outline) are instant: no animated transition.
  transition: { duration: 0, delay: 0 },
  sources: {},
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
  ],
};

const LINE_WIDTH: Readonly<Record<MapLevel, number>> = {
  region: 1.2,
  departement: 0.8,
  epci: 0.5,
  commune: 0.15,
  qpv: 0.6,
};

export type ToggledLayer = 'fill' | 'line' | 'circle' | 'symbol';
/** Circle opacity of proportional symbols when shown. */
const CIRCLE_OPACITY = 0.85;

/**
 * The paint that shows (`on`) or hides a layer. Every value is a constant, and a change from one
 * constant to another never re-cuts tiles; at 0 MapLibre skips the layer when it draws a frame.
 */
export type OpacityPaint =
  | 'fill-layer-opacity'
  | 'line-layer-opacity'
  | 'circle-opacity'
  | 'circle-stroke-opacity'
  | 'icon-opacity';

export function layerOpacity(
  type: ToggledLayer,
  on: boolean,
): Partial<Record<OpacityPaint, number>> {
  if (type === 'fill') return { 'fill-layer-opacity': on ? 1 : 0 };
  if (type === 'line') return { 'line-layer-opacity': on ? 1 : 0 };
  // A constant, as for the other layers: switching a paint property between a constant and a
  // feature-state expression makes MapLibre reload the source. A QPV disc with no colour state
  // is transparent through its colours instead (qpvSymbolLayer).
  if (type === 'symbol') return { 'icon-opacity': on ? 1 : 0 };
  return { 'circle-opacity': on ? CIRCLE_OPACITY : 0, 'circle-stroke-opacity': on ? 1 : 0 };
}

/** Levels outlined by their fill's antialiasing hairline rather than a line layer. */
const FILL_OUTLINE: ReadonlySet<MapLevel> = new Set(['region', 'departement', 'epci']);

/** The outline layer of the levels that need a width or a colour of their own. */
function lineLayer(level: MapLevel, tiled: boolean): LineLayerSpecification {
  const ids = layerIds(level);
  const source = areaSource(level);
  const from = sourceLayerOf(tiled, 'areas');
  const minzoom = level === 'qpv' ? QPV_MIN_ZOOM : 0;
  return {
    id: ids.line,
    type: 'line',
    source,
    ...from,
    minzoom,
    paint: {
      'line-color': level === 'qpv' ? '#3a3a3a' : '#ffffff',
      'line-width': LINE_WIDTH[level],
      'line-layer-opacity': 0,
    },
    ...(level === 'commune' ? { minzoom: COMMUNE_OUTLINE_ZOOM } : {}),
  };
}

/** Area layers of a level (fill, secret hatch, outline, hover and selection outlines). */
export function areaLayers(
  level: MapLevel,
  tiled = false,
): (FillLayerSpecification | LineLayerSpecification)[] {
  const ids = layerIds(level);
  const source = areaSource(level);
  const from = sourceLayerOf(tiled, 'areas');
  const minzoom = level === 'qpv' ? QPV_MIN_ZOOM : 0;
  // Hover and selection outlines of communes start with the other commune outlines: below, a
  // commune is a few pixels (the tooltip names it), and leaving 35,000 outlines out of those
  // tiles spares their cutting and the paint update of every feature-state change.
  const outlineMinzoom = level === 'commune' ? COMMUNE_OUTLINE_ZOOM : minzoom;
  return [
    {
      id: ids.fill,
      type: 'fill',
      source,
      ...from,
      minzoom,
      paint: {
        'fill-color': stateColor(NO_DATA_COLOR),
        'fill-layer-opacity': 0,
        'fill-antialias': level !== 'commune',
        // The antialiasing pass draws a hairline anyway: in white it is the outline, and saves
        // a line layer (on software WebGL a line layer costs a third of a frame).
        ...(FILL_OUTLINE.has(level) ? { 'fill-outline-color': '#ffffff' } : {}),
      },
    },
    {
      id: ids.hatch,
      type: 'fill',
      source,
      ...from,
      minzoom,
      paint: {
        'fill-pattern': HATCH_IMAGE,
        'fill-opacity': stateFlag('s', 1, 0),
        'fill-layer-opacity': 0,
      },
      // A pattern is drawn for every polygon even at opacity 0: on 35,000 communes that costs a
      // frame, and hatches are unreadable at national scale anyway (secret areas stay grey).
      ...(level === 'commune' ? { minzoom: COMMUNE_DETAIL_ZOOM } : {}),
    },
    ...(FILL_OUTLINE.has(level) ? [] : [lineLayer(level, tiled)]),
    {
      id: ids.hover,
      type: 'line',
      source,
      ...from,
      minzoom: outlineMinzoom,
      // Drawn only while something is hovered: the controller sets a constant opacity of 1
      // (`line-layer-opacity` says whether the level is shown, `line-opacity` whether anything
      // is hovered).
      paint: {
        'line-color': '#161616',
        'line-width': stateFlag('h', 2, 0),
        'line-opacity': 0,
        'line-layer-opacity': 0,
      },
    },
    {
      id: ids.selected,
      type: 'line',
      source,
      ...from,
      minzoom: outlineMinzoom,
      // Drawn only while a territory is selected (see the hover layer).
      paint: {
        'line-color': SELECTED_COLOR,
        'line-width': stateFlag('sel', 2.5, 0),
        'line-opacity': 0,
        'line-layer-opacity': 0,
      },
    },
  ];
}

const hasRadius: ExpressionSpecification = ['>', ['coalesce', ['feature-state', 'r'], 0], 0];

/**
 * Symbols at label points: proportional circles for counts, and QPV as dots at national scale
 * (`qpvDots`: fixed radius, coloured by class, hidden once shapes appear). Both layers stay on
 * while their level shows: a circle's radius is its `r` state (0, hence invisible, for rates),
 * and a dot disappears when its QPV has a circle.
 */
export function circleLayer(
  level: MapLevel,
  qpvDots: boolean,
  tiled = false,
): CircleLayerSpecification {
  return {
    id: qpvDots ? layerIds(level).dots : layerIds(level).circles,
    type: 'circle',
    source: pointSource(level),
    ...sourceLayerOf(tiled, 'points'),
    ...(qpvDots ? { maxzoom: QPV_MIN_ZOOM } : {}),
    // QPV placed at their commune are drawn by the symbol layer: circles would pile up there.
    ...(level === 'qpv' ? { filter: ['!', AT_COMMUNE] as FilterSpecification } : {}),
    paint: {
      'circle-color': stateColor(CIRCLE_COLOR),
      ...layerOpacity('circle', false),
      'circle-radius': qpvDots
        ? [
            'interpolate',
            ['linear'],
            ['zoom'],
            4,
            ['case', hasRadius, 0, 2.2],
            8,
            ['case', hasRadius, 0, 4.5],
          ]
        : ['coalesce', ['feature-state', 'r'], 0],
      'circle-stroke-color': [
        'case',
        ['==', ['feature-state', 'sel'], 1],
        SELECTED_COLOR,
        '#ffffff',
      ],
      'circle-stroke-width': [
        'case',
        // No ring around a circle of radius 0 (rates) nor around a hidden dot.
        qpvDots ? ['!', hasRadius] : hasRadius,
        ['case', ['==', ['feature-state', 'sel'], 1], 2.5, 0.6],
        0,
      ],
    },
  };
}

/** QPV points placed at their commune (no official contour): drawn by the symbol layer only. */
const AT_COMMUNE: FilterSpecification = ['==', ['get', 'position'], 'commune'];

/**
 * The QPV without an official contour, as discs at their main commune's point, several QPV of a
 * commune laid around it by the pipeline's `offset` (screen pixels, so they never overlap and
 * stay clickable at any zoom). Colour, visibility and outlines come from feature-state.
 */
export function qpvSymbolLayer(tiled = false): SymbolLayerSpecification {
  return {
    id: layerIds('qpv').symbols,
    type: 'symbol',
    source: pointSource('qpv'),
    ...sourceLayerOf(tiled, 'points'),
    filter: AT_COMMUNE,
    layout: {
      'icon-image': QPV_DOT_IMAGE,
      'icon-offset': ['coalesce', ['get', 'offset'], ['literal', [0, 0]]],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    paint: {
      // A QPV without a colour state is not in the result (another list, another year): the
      // disc and its halo are transparent.
      'icon-color': stateColor(TRANSPARENT),
      'icon-opacity': 0,
      'icon-halo-color': qpvHalo(MAP_THEMES.light.hover),
      'icon-halo-width': [
        'case',
        ['any', ['==', ['feature-state', 'sel'], 1], ['==', ['feature-state', 'h'], 1]],
        2,
        1,
      ],
    },
  };
}

/** The halo of a QPV disc: selected, hovered, otherwise white (transparent out of the result). */
export function qpvHalo(hover: string): ExpressionSpecification {
  return [
    'case',
    ['==', ['feature-state', 'c'], null],
    TRANSPARENT,
    ['==', ['feature-state', 'sel'], 1],
    SELECTED_COLOR,
    ['==', ['feature-state', 'h'], 1],
    hover,
    '#ffffff',
  ];
}

/**
 * The paint properties a theme sets, per layer id (layers of levels not yet added are skipped by
 * the caller).
 */
export function themePaint(
  t: MapTheme,
): readonly (readonly [string, string, string | ExpressionSpecification])[] {
  return [
    ['background', 'background-color', t.background],
    [LAND_LAYER, 'fill-color', t.land],
    [LAND_LAYER, 'fill-outline-color', t.landOutline],
    [CONTEXT_LINE, 'line-color', t.context],
    [layerIds('qpv').line, 'line-color', t.qpvLine],
    [layerIds('qpv').symbols, 'icon-halo-color', qpvHalo(t.hover)],
    ...MAP_LEVELS.map((l) => [layerIds(l).hover, 'line-color', t.hover] as const),
  ];
}

/** Regions filled in white under every level, so the country shows around sparse QPV symbols. */
export const LAND: FillLayerSpecification = {
  id: LAND_LAYER,
  type: 'fill',
  source: areaSource('region'),
  paint: { 'fill-color': '#ffffff', 'fill-outline-color': '#d0d0d0', 'fill-layer-opacity': 0 },
};

/** Département outlines drawn over finer levels so users keep their bearings. */
export const CONTEXT_LAYER: LineLayerSpecification = {
  id: CONTEXT_LINE,
  type: 'line',
  source: areaSource('departement'),
  paint: {
    'line-color': '#3a3a3a',
    'line-width': 0.7,
    'line-opacity': 0.7,
    'line-layer-opacity': 0,
  },
};

export const SERVICES_POINTS: CircleLayerSpecification = {
  id: SERVICES_LAYER,
  type: 'circle',
  source: SERVICES_SOURCE,
  // Its own small source: shown and hidden by visibility (a re-cut of a few thousand points).
  layout: { visibility: 'none' },
  paint: {
    'circle-color': SERVICE_COLOR,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 2, 10, 5],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 0.8,
  },
};
