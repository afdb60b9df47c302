/**
 * The imperative side of the map: one MapLibre instance, one source pair per level (GeoJSON, or
 * pre-cut vector tiles for a level the manifest tiles) added the first time the level is shown
 * and then kept (switching back is instant), and results joined as feature-state. React talks
 * to it through `ObservatoireMap`.
 */
import type { FeatureCollection } from 'geojson';
import {
  Map as MlMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
} from 'maplibre-gl';
import {
  MAP_LEVELS,
  TILE_LAYERS,
  type GeometryManifest,
  type MapLevel,
  type TileSetManifest,
} from '../catalogue';
import type { MapView } from '../catalogue';
import {
  colorMatchExpression,
  FeatureStates,
  type ResultColumns,
  type StatePick,
  type Styling,
} from './join';
import {
  AREA_BUFFER,
  areaLayers,
  areaSource,
  areaTolerance,
  BASE_STYLE,
  circleLayer,
  CONTEXT_LAYER,
  CONTEXT_LINE,
  dotImage,
  HATCH_IMAGE,
  hatchImage,
  LAND,
  LAND_LAYER,
  layerIds,
  layerOpacity,
  POINT_BUFFER,
  pointSource,
  QPV_DOT_IMAGE,
  qpvSymbolLayer,
  MAP_THEMES,
  themePaint,
  type MapThemeName,
  SERVICES_POINTS,
  SERVICES_SOURCE,
  type OpacityPaint,
  type ToggledLayer,
} from './map-style';
import { mapErrorMessage } from './map-errors';
// MapLibre 6's ESM build loads its worker from a separate file: self-host it (no CDN, offline).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

export type JoinStrategy = 'feature-state' | 'match';

/** Levels drawn from pre-cut vector tiles (manifest `geometry[].tiles`) rather than GeoJSON. */
export type TileSets = Readonly<Partial<Record<MapLevel, TileSetManifest>>>;

/** The tile sets a dataset's manifest lists, by level. */
export function tileSetsOf(geometry: readonly GeometryManifest[]): TileSets {
  const sets: Partial<Record<MapLevel, TileSetManifest>> = {};
  for (const g of geometry) if (g.tiles) sets[g.level] = g.tiles;
  return sets;
}

/** A feature for `setFeatureState`: a vector source also needs its source layer. */
interface FeatureRef {
  source: string;
  sourceLayer?: string;
  id: string;
}

/** The level whose label points load only when a map draws circles there (see `ensurePoints`). */
const LAZY_POINTS: MapLevel = 'commune';

/** How long the map stays still before the hidden light levels are cut again. */
const RECUT_DELAY_MS = 1000;

/**
 * Map width from which the legend floats over the map's bottom left corner (see carte.css);
 * the fitted view of France then leaves that much room on the left, so the DROM insets, drawn
 * west of Brittany, are not under it. Narrower, the legend goes below the map.
 */
const LEGEND_BESIDE_MIN_WIDTH = 600;
/** The legend's widest (232 px, carte.css) and its margin. */
const LEGEND_ROOM = 248;

export interface MapPaint {
  readonly level: MapLevel;
  /** Proportional circles (counts) or choropleth (rates). */
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns;
  readonly styling: Styling;
  /** Identifies the result (its SQL): `onPainted` reports it once the map has drawn it. */
  readonly key: string;
}

export interface MapHit {
  /** Territory code; empty for a France services point. */
  readonly code: string;
  /** Name from the geometry's properties (for territories without a row in the result). */
  readonly name: string;
  readonly x: number;
  readonly y: number;
  /**
   * Where the territory's point stands, from the geometry (`position`): 'commune' for a QPV
   * drawn at its main commune for want of an official contour.
   */
  readonly position?: string;
  /** Set when the pointer is on a France services point of the overlay (drawn above the rest). */
  readonly service?: { readonly name: string; readonly type: string };
}

export interface MapCallbacks {
  onHover(hit: MapHit | null): void;
  onSelect(code: string | null): void;
  onMove(view: MapView): void;
  /**
   * Called once the map has rendered a complete frame of the result (see `whenDrawn`); times are
   * `performance.now()` values.
   */
  onPainted(key: string, times: { requestedAt: number; appliedAt: number }): void;
  onError(message: string): void;
}

type Bounds = readonly [number, number, number, number];

/** Padding of the fitted view of France: room for the legend when it floats over the map. */
function fitPadding(
  width: number,
): number | { top: number; right: number; bottom: number; left: number } {
  return width >= LEGEND_BESIDE_MIN_WIDTH
    ? { top: 16, right: 16, bottom: 16, left: LEGEND_ROOM }
    : 16;
}

export class MapController {
  readonly map: MlMap;
  join: JoinStrategy = 'feature-state';
  private readonly loaded = new Set<MapLevel>();
  private level: MapLevel | null = null;
  private hovered: FeatureRef | null = null;
  /** Source layer of each vector-tile source (the tiled levels'). */
  private readonly sourceLayers = new Map<string, string>();
  private selected: string | null = null;
  private ready: Promise<void>;
  private paintSeq = 0;
  /** States last set on each source's features, to send only what changed. */
  private readonly states = new Map<string, FeatureStates>();
  /** Layers drawn now (constant opacity above 0): the ones hover and click look at. */
  private readonly shown = new Set<string>();
  /** Levels whose layers are `visible`, i.e. whose tiles are kept cut for the current view. */
  private readonly cut = new Set<MapLevel>();
  private recutTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the France services overlay is on. */
  private servicesOn = false;
  /** Whether `compilePrograms` ran. */
  private programsCompiled = false;
  /** Layers drawn faint by `compilePrograms`, with the paint to put back. */
  private readonly compiling = new Map<string, [string, unknown][]>();
  /** Light or dark colours of what is not data (see MAP_THEMES). */
  private theme: MapThemeName = 'light';
  /** Whether the style's load event came (layers can be looked up and painted). */
  private styleReady = false;

  constructor(
    container: HTMLElement,
    private readonly dataRoot: string,
    private readonly bounds: Bounds,
    view: MapView | null,
    private readonly cb: MapCallbacks,
    private readonly tiles: TileSets = {},
  ) {
    this.map = new MlMap({
      container,
      style: BASE_STYLE,
      attributionControl: false,
      // Needed so the PNG export can read the canvas after a frame.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
      ...(view
        ? { center: [view.lon, view.lat], zoom: view.zoom }
        : { bounds: [...bounds] as [number, number, number, number] }),
      fitBoundsOptions: { padding: fitPadding(container.clientWidth) },
      minZoom: 3,
      maxZoom: 13,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      localIdeographFontFamily: false,
      // No symbol layers: nothing to fade, so idle is not held back by a placement fade.
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.ready = new Promise((resolve) => {
      this.map.on('load', () => {
        this.map.addImage(HATCH_IMAGE, hatchImage());
        this.map.addImage(QPV_DOT_IMAGE, dotImage(), { sdf: true });
        this.styleReady = true;
        this.applyTheme();
        resolve();
      });
    });
    this.map.on('error', (e) => {
      console.error('Carte :', e.error);
      cb.onError(mapErrorMessage(e.error));
    });
    this.map.on('mousemove', (e) => this.hover(e.point));
    this.map.on('mouseout', () => this.hover(null));
    // Hidden levels keep their tiles cut so that showing one is an opacity flip. While the view
    // moves they are let go: cutting every level on each move made a zoom at département level
    // settle 2-3 times later (one MapLibre worker, 2 cores, a 50-150 ms software frame per tile
    // arrival). Once the map has been still for a moment the light levels are cut again in the
    // background; the 35,000 communes only when shown.
    this.map.on('movestart', () => {
      clearTimeout(this.recutTimer);
      for (const l of this.loaded) if (l !== this.level) this.setCut(l, false);
    });
    this.map.on('moveend', () => {
      this.map.once('idle', () => {
        clearTimeout(this.recutTimer);
        this.recutTimer = setTimeout(() => {
          if (this.map.isMoving()) return;
          for (const l of this.loaded)
            if (l !== this.level && l !== 'commune') this.setCut(l, true);
        }, RECUT_DELAY_MS);
      });
    });
    this.map.on('click', (e) => {
      const f = this.hit(e.point);
      cb.onSelect(f ? String(f.id) : null);
    });
    // Only user moves go to the URL: a jump from the URL or the initial fit must not write back.
    this.map.on('moveend', (e) => {
      if (!e.originalEvent) return;
      const c = this.map.getCenter();
      cb.onMove({ lon: c.lng, lat: c.lat, zoom: this.map.getZoom() });
    });
  }

  private url(file: string): string {
    return this.dataRoot + file;
  }

  /** A feature of a source, with its source layer when the source is vector tiles. */
  private ref(source: string, id: string): FeatureRef {
    const sourceLayer = this.sourceLayers.get(source);
    return sourceLayer ? { source, sourceLayer, id } : { source, id };
  }

  /**
   * A tiled level's source: its tiles in view only. The source's bounds are the dataset's, so
   * the map asks for no tile the pipeline did not write.
   */
  private addTileSource(id: string, template: string, set: TileSetManifest, layer: string): void {
    this.map.addSource(id, {
      type: 'vector',
      tiles: [this.url(template)],
      minzoom: set.minzoom,
      maxzoom: set.maxzoom,
      bounds: [...this.bounds] as [number, number, number, number],
      promoteId: 'code',
    });
    this.sourceLayers.set(id, layer);
  }

  /**
   * A level's area source: pre-cut vector tiles when the dataset has them for the level (the
   * communes), otherwise its GeoJSON file, which MapLibre's worker parses and indexes whole.
   */
  private addAreaSource(level: MapLevel): void {
    const id = areaSource(level);
    if (this.map.getSource(id)) return;
    const tiles = this.tiles[level];
    if (tiles) return this.addTileSource(id, tiles.areas, tiles, TILE_LAYERS.areas);
    this.map.addSource(id, {
      type: 'geojson',
      data: this.url(`geo/${level}.geojson`),
      promoteId: 'code',
      tolerance: areaTolerance(level),
      buffer: AREA_BUFFER,
    });
  }

  private ensureLevel(level: MapLevel): void {
    if (this.loaded.has(level)) return;
    const m = this.map;
    this.addAreaSource(level);
    const before = m.getLayer(CONTEXT_LINE) ? CONTEXT_LINE : undefined;
    for (const layer of areaLayers(level, this.tiles[level] !== undefined))
      m.addLayer(layer, before);
    this.loaded.add(level);
    this.cut.add(level);
    if (level !== LAZY_POINTS) this.ensurePoints(level);
    this.applyTheme();
  }

  /** Switches the colours of what is not data to the light or dark theme. */
  setTheme(theme: MapThemeName): void {
    if (theme === this.theme) return;
    this.theme = theme;
    if (this.styleReady) this.applyTheme();
  }

  /** Sets the theme's paint on the layers added so far (the others get it when added). */
  private applyTheme(): void {
    for (const [id, prop, value] of themePaint(MAP_THEMES[this.theme]))
      if (this.map.getLayer(id))
        this.map.setPaintProperty(id, prop as Parameters<MlMap['setPaintProperty']>[1], value);
  }

  /**
   * A level's label points and their circle layers. The communes' (5 MB, 35,000 points) come
   * only with the first map that draws circles there: a first commune map of a rate waited
   * ~0.5 s more for points it does not draw (MapLibre's idle waits for every source).
   */
  private ensurePoints(level: MapLevel): void {
    const m = this.map;
    const id = pointSource(level);
    if (m.getSource(id)) return;
    const tiles = this.tiles[level];
    if (tiles) this.addTileSource(id, tiles.points, tiles, TILE_LAYERS.points);
    else
      m.addSource(id, {
        type: 'geojson',
        data: this.url(`geo/${level}-points.geojson`),
        promoteId: 'code',
        buffer: POINT_BUFFER,
      });
    // Right above the level's own layers, as when they are added together.
    const order = m.getLayersOrder();
    const before = order[order.indexOf(layerIds(level).selected) + 1];
    m.addLayer(circleLayer(level, false, tiles !== undefined), before);
    if (level === 'qpv') {
      m.addLayer(circleLayer(level, true, tiles !== undefined), before);
      m.addLayer(qpvSymbolLayer(tiles !== undefined), before);
      this.applyTheme();
    }
    if (!this.cut.has(level)) this.setVisible(layerIds(level).circles, false);
  }

  private ensureContext(): void {
    const m = this.map;
    if (!m.getSource(areaSource('region'))) {
      this.addAreaSource('region');
      m.addLayer(LAND, m.getStyle().layers[1]?.id);
    }
    this.addAreaSource('departement');
    if (!m.getLayer(CONTEXT_LINE)) m.addLayer(CONTEXT_LAYER);
    this.applyTheme();
    if (!m.getSource(SERVICES_SOURCE)) {
      m.addSource(SERVICES_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      });
      m.addLayer(SERVICES_POINTS);
    }
  }

  private setVisible(id: string, on: boolean): void {
    if (this.map.getLayer(id))
      this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  }

  /** Shows or hides a layer by its constant opacity: no re-cut of its source's tiles. */
  private show(id: string, on: boolean): void {
    this.endCompile(id);
    const layer = this.map.getLayer(id);
    if (!layer || on === this.shown.has(id)) return;
    if (on) this.shown.add(id);
    else this.shown.delete(id);
    const paint = layerOpacity(layer.type as ToggledLayer, on);
    for (const name of Object.keys(paint) as OpacityPaint[])
      this.map.setPaintProperty(id, name, paint[name]);
  }

  /** Makes a level's layers `visible` (tiles cut for the view) or `none` (no tile work). */
  private setCut(level: MapLevel, on: boolean): void {
    if (on === this.cut.has(level) || !this.loaded.has(level)) return;
    if (on) this.cut.add(level);
    else this.cut.delete(level);
    for (const id of Object.values(layerIds(level))) this.setVisible(id, on);
  }

  /** Turns a line layer on or off through its constant opacity (no re-cut of tiles). */
  private setOpacity(id: string, on: boolean): void {
    if (this.map.getLayer(id)) this.map.setPaintProperty(id, 'line-opacity', on ? 1 : 0);
  }

  private showLevel(level: MapLevel): void {
    this.setCut(level, true);
    for (const l of MAP_LEVELS) {
      if (!this.loaded.has(l)) continue;
      const ids = layerIds(l);
      const here = l === level;
      // Within a level nothing is switched: a paint change costs MapLibre a second frame (its
      // style `data` event asks for one), and a frame is 50–150 ms of software WebGL. The hatch
      // stays on (its opacity comes from the `s` state; ~5 ms a frame at département level),
      // circles and QPV dots take their radius from the `r` state (0 hides them).
      this.show(ids.fill, here);
      this.show(ids.line, here);
      this.show(ids.hatch, here);
      this.show(ids.hover, here);
      this.show(ids.selected, here);
      if (here) {
        this.setOpacity(ids.hover, this.hovered !== null);
        this.setOpacity(ids.selected, this.selected !== null);
      }
      this.show(ids.circles, here);
      this.show(ids.dots, here);
      this.show(ids.symbols, here);
    }
    this.show(CONTEXT_LINE, level === 'epci' || level === 'commune' || level === 'qpv');
    // The level's own fill covers the land everywhere but for the sparse QPV.
    this.show(LAND_LAYER, level === 'qpv');
  }

  /**
   * Adds the sources and (hidden) layers of `levels` ahead of need, so MapLibre's worker fetches
   * and indexes their geometry and cuts their tiles in the background: a later switch is then an
   * opacity flip.
   */
  preload(levels: readonly MapLevel[]): void {
    void this.ready.then(() => {
      this.ensureContext();
      for (const l of levels) this.ensureLevel(l);
      this.map.once('idle', () => this.compilePrograms());
    });
  }

  /**
   * Draws the hidden layers whose shaders nothing has compiled yet once, at an opacity no one
   * can see, then hides them again. MapLibre compiles a layer's shaders the first time it draws
   * it, and software WebGL took 50–100 ms for that on the first visit of a level: the context
   * outline (EPCI), the land and the QPV dots (QPV). The areas of every level share the shaders
   * of the first map's. The layer's own opacity is lowered, not its layer opacity, which below 1
   * draws through an offscreen pass (a first version drew every hidden layer that way and kept
   * the GPU busy for 0.6–1.1 s). Done once, after the preload, while the user reads the first
   * map: two light frames.
   */
  private compilePrograms(): void {
    if (this.programsCompiled) return;
    this.programsCompiled = true;
    const ids: string[] = [CONTEXT_LINE, LAND_LAYER];
    for (const l of this.loaded)
      ids.push(layerIds(l).circles, layerIds(l).dots, layerIds(l).symbols);
    for (const id of ids) {
      const layer = this.map.getLayer(id);
      if (!layer || this.shown.has(id) || layer.visibility === 'none') continue;
      const faint: [string, unknown][] =
        layer.type === 'fill'
          ? [
              ['fill-layer-opacity', 1],
              ['fill-opacity', 0.001],
            ]
          : layer.type === 'line'
            ? [
                ['line-layer-opacity', 1],
                ['line-opacity', 0.001],
              ]
            : layer.type === 'symbol'
              ? [['icon-opacity', 0.001]]
              : [['circle-opacity', 0.001]];
      const saved = faint.map(([name]): [string, unknown] => [
        name,
        this.map.getPaintProperty(id, name as never),
      ]);
      for (const [name, v] of faint) this.map.setPaintProperty(id, name as never, v as never);
      this.compiling.set(id, saved);
    }
    this.map.once('idle', () => {
      for (const id of [...this.compiling.keys()]) this.endCompile(id);
    });
    this.map.triggerRepaint();
  }

  /** Puts back the paint `compilePrograms` changed on a layer. */
  private endCompile(id: string): void {
    const saved = this.compiling.get(id);
    this.compiling.delete(id);
    if (!saved || !this.map.getLayer(id)) return;
    for (const [name, v] of saved) this.map.setPaintProperty(id, name as never, v as never);
  }

  /** Joins a result to the level's geometry and reports `onPainted` once the map has drawn it. */
  async paint(p: MapPaint): Promise<void> {
    const seq = ++this.paintSeq;
    await this.ready;
    // A newer result arrived while the style loaded: this one is stale.
    if (seq !== this.paintSeq) return;
    this.ensureContext();
    this.ensureLevel(p.level);
    const m = this.map;
    const areas = areaSource(p.level);
    const points = pointSource(p.level);
    const usePoints = p.mode === 'circles' || p.level === 'qpv';
    if (usePoints) this.ensurePoints(p.level);
    const requestedAt = performance.now();
    if (this.join === 'match' && p.mode === 'choropleth') {
      m.setPaintProperty(
        layerIds(p.level).fill,
        'fill-color',
        colorMatchExpression(p.cols, p.styling),
      );
      this.applyStates(areas, p, 'secret');
    } else {
      if (this.map.getLayer(layerIds(p.level).fill) && this.join === 'feature-state') {
        // Back from a `match` run (bench): restore the state-driven paint once.
        const current: unknown = m.getPaintProperty(layerIds(p.level).fill, 'fill-color');
        if (Array.isArray(current) && current[0] === 'match') {
          m.setPaintProperty(
            layerIds(p.level).fill,
            'fill-color',
            areaLayers(p.level)[0]?.paint?.['fill-color' as never],
          );
        }
      }
      this.applyStates(areas, p, p.mode === 'choropleth' ? 'all' : 'secret');
      // Always applied: in choropleth mode it clears the radii, which hides the circles.
      if (m.getSource(points)) this.applyStates(points, p, usePoints ? 'all' : 'none');
    }
    const appliedAt = performance.now();
    this.level = p.level;
    if (this.hovered) this.map.setFeatureState(this.hovered, { h: 0 });
    this.hovered = null;
    this.showLevel(p.level);
    this.applySelection();
    this.whenDrawn(seq, () => this.cb.onPainted(p.key, { requestedAt, appliedAt }));
    m.triggerRepaint();
  }

  /**
   * Calls `done` once MapLibre has rendered a complete frame of paint `seq` (every source and
   * tile in view loaded), unless a newer paint came first. That is MapLibre's `idle`, one frame
   * earlier after a style change: a level switch changes layer opacities, and MapLibre then
   * renders the same frame a second time (its style `data` event asks for one) before `idle`.
   * On software WebGL the second frame waits for the GPU to finish the first (50–150 ms); the
   * picture is the first one's.
   */
  private whenDrawn(seq: number, done: () => void): void {
    const m = this.map;
    const finish = (): void => {
      m.off('render', onRender);
      m.off('idle', finish);
      if (seq === this.paintSeq) done();
    };
    const onRender = (): void => {
      if (seq !== this.paintSeq) {
        m.off('render', onRender);
        m.off('idle', finish);
      } else if (m.isStyleLoaded() === true && m.areTilesLoaded()) finish();
    };
    m.on('render', onRender);
    m.once('idle', finish);
  }

  /** Gives a source's features the states of a result (only those that change: `FeatureStates`). */
  private applyStates(source: string, p: MapPaint, pick: StatePick): void {
    let states = this.states.get(source);
    if (!states) {
      states = new FeatureStates();
      this.states.set(source, states);
    }
    states.update(p.cols, p.styling, pick, (id, st) =>
      this.map.setFeatureState(this.ref(source, id), st),
    );
  }

  select(code: string | null): void {
    if (code === this.selected) return;
    this.setSelectionState(0);
    this.selected = code;
    this.applySelection();
    if (this.level) this.setOpacity(layerIds(this.level).selected, code !== null);
  }

  private applySelection(): void {
    this.setSelectionState(1);
  }

  private setSelectionState(on: 0 | 1): void {
    if (!this.level || !this.selected) return;
    const id = this.selected;
    this.map.setFeatureState(this.ref(areaSource(this.level), id), { sel: on });
    if (this.map.getSource(pointSource(this.level)))
      this.map.setFeatureState(this.ref(pointSource(this.level), id), { sel: on });
  }

  setServices(data: FeatureCollection | null): void {
    void this.ready.then(() => {
      this.ensureContext();
      const src = this.map.getSource(SERVICES_SOURCE);
      if (src && 'setData' in src && data) (src as GeoJSONSource).setData(data);
      this.setVisible(SERVICES_POINTS.id, data !== null);
      this.servicesOn = data !== null;
    });
  }

  /** Moves to a view from the URL (back/forward, permalink); `null` fits France and the DROM. */
  setView(view: MapView | null): void {
    if (view === null) {
      this.map.fitBounds([...this.bounds] as [number, number, number, number], {
        padding: fitPadding(this.map.getContainer().clientWidth),
        animate: false,
      });
      return;
    }
    const c = this.map.getCenter();
    const same =
      Math.abs(c.lng - view.lon) < 1e-4 &&
      Math.abs(c.lat - view.lat) < 1e-4 &&
      Math.abs(this.map.getZoom() - view.zoom) < 0.01;
    if (!same) this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  private hit(point: { x: number; y: number }): MapGeoJSONFeature | null {
    if (!this.level) return null;
    const ids = layerIds(this.level);
    const layers = [ids.symbols, ids.circles, ids.dots, ids.fill].filter((id) =>
      this.shown.has(id),
    );
    const features = this.map.queryRenderedFeatures([point.x, point.y], { layers });
    // A QPV disc without a colour state is not in the result (another list, another year): it
    // is drawn transparent and must not take the pointer.
    return (
      features.find(
        (f) => f.id !== undefined && (f.layer.type !== 'symbol' || f.state['c'] != null),
      ) ?? null
    );
  }

  /** The France services point under the pointer, when the overlay is on. */
  private serviceHit(point: { x: number; y: number }): MapHit['service'] | null {
    if (!this.servicesOn || !this.map.getLayer(SERVICES_POINTS.id)) return null;
    const [f] = this.map.queryRenderedFeatures([point.x, point.y], {
      layers: [SERVICES_POINTS.id],
    });
    if (!f) return null;
    const { name, type }: { name?: unknown; type?: unknown } = f.properties;
    return {
      name: typeof name === 'string' ? name : '',
      type: typeof type === 'string' ? type : '',
    };
  }

  /** Outlines one territory as hovered (or none): moves the `h` state and shows the layer. */
  private setHovered(next: FeatureRef | null): void {
    if (this.hovered && (this.hovered.id !== next?.id || this.hovered.source !== next.source)) {
      this.map.setFeatureState(this.hovered, { h: 0 });
    }
    if (next) this.map.setFeatureState(next, { h: 1 });
    if ((this.hovered === null) !== (next === null) && this.level)
      this.setOpacity(layerIds(this.level).hover, next !== null);
    this.hovered = next;
  }

  /**
   * Outlines the territory `code` as hovered without a pointer on this map (the other map of a
   * side-by-side pair is hovered); `null` clears it. No `onHover` callback.
   */
  highlight(code: string | null): void {
    if (!this.level || !this.styleReady) return;
    const source = areaSource(this.level);
    if (code !== null && !this.map.getSource(source)) return;
    this.setHovered(code === null ? null : this.ref(source, code));
  }

  /** The code of the territory outlined as hovered, if any (tests read it). */
  hoveredCode(): string | null {
    return this.hovered ? String(this.hovered.id) : null;
  }

  private hover(point: { x: number; y: number } | null): void {
    // A service point is drawn above the territories: it takes the tooltip, not the outline.
    const service = point ? this.serviceHit(point) : null;
    const f = point && !service ? this.hit(point) : null;
    const next = f ? this.ref(f.source, String(f.id)) : null;
    this.setHovered(next);
    this.map.getCanvas().style.cursor = next ? 'pointer' : '';
    const name: unknown = f?.properties.name;
    if (service && point) {
      this.cb.onHover({ code: '', name: service.name, x: point.x, y: point.y, service });
      return;
    }
    const position: unknown = f?.properties.position;
    this.cb.onHover(
      next && point
        ? {
            code: next.id,
            name: typeof name === 'string' ? name : next.id,
            x: point.x,
            y: point.y,
            ...(typeof position === 'string' ? { position } : {}),
          }
        : null,
    );
  }

  destroy(): void {
    clearTimeout(this.recutTimer);
    this.map.remove();
  }
}
