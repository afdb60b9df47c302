/**
 * The map's levels: one source pair per level (GeoJSON, or pre-cut vector tiles for a level the
 * manifest tiles) added the first time the level is needed and then kept, so switching back is
 * an opacity flip; the context layers (land, département outlines, France services) and the
 * light or dark colours of what is not data.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import {
  MAP_LEVELS,
  TILE_LAYERS,
  type GeometryManifest,
  type MapLevel,
  type TileSetManifest,
} from '../catalogue';
import {
  AREA_BUFFER,
  areaLayers,
  areaSource,
  areaTolerance,
  circleLayer,
  CONTEXT_LAYER,
  CONTEXT_LINE,
  LAND,
  LAND_LAYER,
  layerIds,
  layerOpacity,
  POINT_BUFFER,
  pointSource,
  qpvSymbolLayer,
  SERVICES_POINTS,
  SERVICES_SOURCE,
  themePaint,
  type OpacityPaint,
  type ToggledLayer,
} from './map-style';
import { MAP_THEMES, type MapThemeName } from './map-theme';
import type { ShaderWarmUp } from './shader-warm-up';

/** Levels drawn from pre-cut vector tiles (manifest `geometry[].tiles`) rather than GeoJSON. */
export type TileSets = Readonly<Partial<Record<MapLevel, TileSetManifest>>>;

/** The tile sets a dataset's manifest lists, by level. */
export function tileSetsOf(geometry: readonly GeometryManifest[]): TileSets {
  const sets: Partial<Record<MapLevel, TileSetManifest>> = {};
  for (const g of geometry) if (g.tiles) sets[g.level] = g.tiles;
  return sets;
}

/** A feature for `setFeatureState`: a vector source also needs its source layer. */
export interface FeatureRef {
  source: string;
  sourceLayer?: string;
  id: string;
}

export type Bounds = readonly [number, number, number, number];

/** The level whose label points load only when a map draws circles there (see `ensurePoints`). */
const LAZY_POINTS: MapLevel = 'commune';

/** How long the map stays still before the hidden light levels are cut again. */
const RECUT_DELAY_MS = 1000;

export class MapLevels {
  /** Levels whose sources and layers are added. */
  readonly loaded = new Set<MapLevel>();
  /** The level shown now (the last painted). */
  level: MapLevel | null = null;
  /** Layers drawn now (constant opacity above 0): the ones hover and click look at. */
  readonly shown = new Set<string>();
  /** Whether the France services overlay is on. */
  servicesOn = false;
  /** Whether the style's load event came (layers can be looked up and painted). */
  styleReady = false;
  /** Levels whose layers are `visible`, i.e. whose tiles are kept cut for the current view. */
  private readonly cut = new Set<MapLevel>();
  /**
   * Levels added ahead of need (`preload`) whose tiles in view have not all arrived yet: let go
   * while another level is painted, so that no paint waits for them, and cut again once still.
   */
  private readonly arriving = new Set<MapLevel>();
  /** Source layer of each vector-tile source (the tiled levels'). */
  private readonly sourceLayers = new Map<string, string>();
  private recutTimer: ReturnType<typeof setTimeout> | undefined;
  /** Light or dark colours of what is not data (see MAP_THEMES). */
  private theme: MapThemeName = 'light';

  constructor(
    private readonly map: MlMap,
    private readonly dataRoot: string,
    private readonly bounds: Bounds,
    private readonly tiles: TileSets,
    private readonly shaders: ShaderWarmUp,
  ) {}

  /** The style is loaded: layers can be painted. */
  styleLoaded(): void {
    this.styleReady = true;
    this.applyTheme();
  }

  private url(file: string): string {
    return this.dataRoot + file;
  }

  /** A feature of a source, with its source layer when the source is vector tiles. */
  ref(source: string, id: string): FeatureRef {
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

  /**
   * Adds `level` hidden, ahead of need, so that MapLibre's worker fetches and cuts its tiles in
   * view now rather than at the first switch to it (~1 s for the 35,000 communes).
   */
  preload(level: MapLevel): void {
    if (this.loaded.has(level)) return;
    this.ensureLevel(level);
    this.arriving.add(level);
    const arrived = (): void => {
      for (const l of this.arriving)
        if (this.cut.has(l) && this.map.isSourceLoaded(areaSource(l))) this.arriving.delete(l);
      if (this.arriving.size > 0) this.map.once('idle', arrived);
    };
    this.map.once('idle', arrived);
  }

  /** Whether `level`'s layers are in and its tiles in view arrived once (tests, bench). */
  ready(level: MapLevel): boolean {
    return this.loaded.has(level) && !this.arriving.has(level);
  }

  ensureLevel(level: MapLevel): void {
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
  ensurePoints(level: MapLevel): void {
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

  ensureContext(): void {
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

  /** Puts the France services points on the map, or hides them (`null`). */
  setServices(data: FeatureCollection | null): void {
    this.ensureContext();
    const src = this.map.getSource(SERVICES_SOURCE);
    if (src && 'setData' in src && data) (src as GeoJSONSource).setData(data);
    this.setVisible(SERVICES_POINTS.id, data !== null);
    this.servicesOn = data !== null;
  }

  private setVisible(id: string, on: boolean): void {
    if (this.map.getLayer(id))
      this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  }

  /** Shows or hides a layer by its constant opacity: no re-cut of its source's tiles. */
  private show(id: string, on: boolean): void {
    this.shaders.end(id);
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
  setOpacity(id: string, on: boolean): void {
    if (this.map.getLayer(id)) this.map.setPaintProperty(id, 'line-opacity', on ? 1 : 0);
  }

  /**
   * Shows `level` and hides the others; `outlines` says whether its hover and selection
   * outlines have something to draw.
   */
  showLevel(level: MapLevel, outlines: { hover: boolean; selected: boolean }): void {
    this.level = level;
    this.arriving.delete(level);
    this.setCut(level, true);
    // A paint is complete once every tile in view has arrived: a level still arriving in the
    // background would hold it back. Let go now, cut again once the map is still.
    let letGo = false;
    for (const l of this.arriving)
      if (this.cut.has(l) && !this.map.isSourceLoaded(areaSource(l))) {
        this.setCut(l, false);
        letGo = true;
      }
    if (letGo) this.recutWhenStill();
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
        this.setOpacity(ids.hover, outlines.hover);
        this.setOpacity(ids.selected, outlines.selected);
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
   * Hidden levels keep their tiles cut so that showing one is an opacity flip. While the view
   * moves they are let go: cutting every level on each move made a zoom at département level
   * settle 2-3 times later (one MapLibre worker, 2 cores, a 50-150 ms software frame per tile
   * arrival). Once the map has been still for a moment (`recutWhenStill`) the light levels are
   * cut again in the background; the 35,000 communes only when shown, or while their preload has
   * not arrived.
   */
  letGoHidden(): void {
    clearTimeout(this.recutTimer);
    for (const l of this.loaded) if (l !== this.level) this.setCut(l, false);
  }

  recutWhenStill(): void {
    this.map.once('idle', () => {
      clearTimeout(this.recutTimer);
      this.recutTimer = setTimeout(() => {
        if (this.map.isMoving()) return;
        for (const l of this.loaded)
          if (l !== this.level && (l !== 'commune' || this.arriving.has(l))) this.setCut(l, true);
      }, RECUT_DELAY_MS);
    });
  }

  /** Layers whose shaders the first visit of a level would compile (see ShaderWarmUp). */
  warmUpLayers(): string[] {
    const ids: string[] = [CONTEXT_LINE, LAND_LAYER];
    for (const l of this.loaded)
      ids.push(layerIds(l).circles, layerIds(l).dots, layerIds(l).symbols);
    return ids.filter((id) => !this.shown.has(id));
  }

  destroy(): void {
    clearTimeout(this.recutTimer);
  }
}
