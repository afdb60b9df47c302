/**
 * The imperative side of the map: one MapLibre instance and its events, handing each job to its
 * module — the levels' sources and layers (map-levels), painting results (map-paint), the
 * pointer (map-pointer) and the shaders' pre-compilation (shader-warm-up). React talks to it
 * through `ObservatoireMap`.
 */
import type { FeatureCollection } from 'geojson';
import { Map as MlMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import type { MapLevel } from '../catalogue';
import type { MapView } from '../catalogue';
import { fitPadding } from './fit';
import { mapErrorMessage } from './map-errors';
import { dotImage, hatchImage } from './map-images';
import { MapLevels, type Bounds, type TileSets } from './map-levels';
import { MapPainter, type FillOverride, type MapPaint, type OnPainted } from './map-paint';
import { MapPointer, type MapHit } from './map-pointer';
import { BASE_STYLE, HATCH_IMAGE, QPV_DOT_IMAGE } from './map-style';
import type { MapThemeName } from './map-theme';
import { ShaderWarmUp } from './shader-warm-up';
// MapLibre 6's ESM build loads its worker from a separate file: self-host it (no CDN, offline).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

export { tileSetsOf, type TileSets } from './map-levels';
export type { FillOverride, MapPaint } from './map-paint';
export type { MapHit } from './map-pointer';

export interface MapCallbacks {
  onHover(hit: MapHit | null): void;
  onSelect(code: string | null): void;
  onMove(view: MapView): void;
  /**
   * Called once the map has rendered a complete frame of the result (see `whenDrawn`); times are
   * `performance.now()` values.
   */
  onPainted: OnPainted;
  onError(message: string): void;
}

export class MapController {
  readonly map: MlMap;
  private readonly ready: Promise<void>;
  private readonly levels: MapLevels;
  private readonly shaders: ShaderWarmUp;
  private readonly pointer: MapPointer;
  private readonly painter: MapPainter;
  /** Results to join to hidden levels (`prepaint`) whose level is not loaded yet. */
  private readonly prepaints = new Map<MapLevel, MapPaint>();
  /** Key of the last result joined to each level ahead of a switch (tests). */
  private readonly prepainted = new Map<MapLevel, string>();

  constructor(
    container: HTMLElement,
    dataRoot: string,
    private readonly bounds: Bounds,
    view: MapView | null,
    cb: MapCallbacks,
    tiles: TileSets = {},
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
    this.shaders = new ShaderWarmUp(this.map);
    const levels = new MapLevels(this.map, dataRoot, bounds, tiles, this.shaders);
    this.levels = levels;
    this.ready = new Promise((resolve) => {
      this.map.on('load', () => {
        this.map.addImage(HATCH_IMAGE, hatchImage());
        this.map.addImage(QPV_DOT_IMAGE, dotImage(), { sdf: true });
        levels.styleLoaded();
        resolve();
      });
    });
    this.pointer = new MapPointer(this.map, levels, (hit) => cb.onHover(hit));
    this.painter = new MapPainter(this.map, levels, this.pointer, this.ready, (key, times) =>
      cb.onPainted(key, times),
    );
    this.map.on('error', (e) => {
      console.error('Carte :', e.error);
      cb.onError(mapErrorMessage(e.error));
    });
    this.map.on('mousemove', (e) => this.pointer.hover(e.point));
    this.map.on('mouseout', () => this.pointer.hover(null));
    this.map.on('movestart', () => levels.letGoHidden());
    this.map.on('moveend', () => levels.recutWhenStill());
    this.map.on('click', (e) => {
      const f = this.pointer.hit(e.point);
      cb.onSelect(f ? String(f.id) : null);
    });
    // Only user moves go to the URL: a jump from the URL or the initial fit must not write back.
    this.map.on('moveend', (e) => {
      if (!e.originalEvent) return;
      const c = this.map.getCenter();
      cb.onMove({ lon: c.lng, lat: c.lat, zoom: this.map.getZoom() });
    });
  }

  /** Switches the colours of what is not data to the light or dark theme. */
  setTheme(theme: MapThemeName): void {
    this.levels.setTheme(theme);
  }

  /**
   * Adds the sources and (hidden) layers of `levels` ahead of need, so MapLibre's worker fetches
   * and indexes their geometry and cuts their tiles in the background: a later switch is then an
   * opacity flip. Once they are in, their shaders are compiled (ShaderWarmUp).
   */
  preload(levels: readonly MapLevel[]): void {
    void this.ready.then(() => {
      this.levels.ensureContext();
      for (const l of levels) {
        this.levels.preload(l);
        this.applyPrepaint(l);
      }
      this.map.once('idle', () => this.shaders.compile(this.levels.warmUpLayers()));
    });
  }

  /**
   * Whether `level`'s geometry is in: shown once, or preloaded and its tiles in view arrived
   * (browser tests, and the bench, which lets the preload finish as it lets the warm-up).
   */
  levelReady(level: MapLevel): boolean {
    return this.levels.ready(level) && !this.prepaints.has(level);
  }

  /**
   * Results of other levels for the state shown (from the cache, while the user reads the map):
   * each is joined to its level now if the level is loaded and hidden, else when it is preloaded.
   * A new list replaces the one not joined yet.
   */
  prepaint(jobs: readonly MapPaint[]): void {
    void this.ready.then(() => {
      this.prepaints.clear();
      for (const job of jobs) {
        this.prepaints.set(job.level, job);
        this.applyPrepaint(job.level);
      }
    });
  }

  private applyPrepaint(level: MapLevel): void {
    const job = this.prepaints.get(level);
    if (!job || !this.levels.loaded.has(level)) return;
    this.prepaints.delete(level);
    if (this.painter.prepaint(job)) this.prepainted.set(level, job.key);
  }

  /** Key of the last result joined to hidden `level` ahead of a switch, if any (tests). */
  prepaintedKey(level: MapLevel): string | null {
    return this.prepainted.get(level) ?? null;
  }

  /** Joins a result to the level's geometry and reports `onPainted` once the map has drawn it. */
  paint(p: MapPaint): Promise<void> {
    return this.painter.paint(p);
  }

  /** Colours choropleths through `f` rather than feature-state (the bench's `match` join). */
  setFillOverride(f: FillOverride | null): void {
    this.painter.setFillOverride(f);
  }

  select(code: string | null): void {
    this.pointer.select(code);
  }

  setServices(data: FeatureCollection | null): void {
    void this.ready.then(() => this.levels.setServices(data));
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

  /**
   * Outlines the territory `code` as hovered without a pointer on this map (the other map of a
   * side-by-side pair is hovered); `null` clears it. No `onHover` callback.
   */
  highlight(code: string | null): void {
    this.pointer.highlight(code);
  }

  /** The code of the territory outlined as hovered, if any (tests read it). */
  hoveredCode(): string | null {
    return this.pointer.hoveredCode();
  }

  destroy(): void {
    this.levels.destroy();
    this.map.remove();
  }
}
