/**
 * Paints results on the map: a result's colours, radii and confidentiality flags go to the
 * features of the level as feature-state (only the features that change, see `FeatureStates`),
 * and `onPainted` is reported once MapLibre has drawn a complete frame of it.
 */
import type { ExpressionSpecification, Map as MlMap } from 'maplibre-gl';
import type { MapLevel } from '../catalogue';
import { FeatureStates, styleOf, type ResultColumns, type StatePick, type Styling } from './join';
import type { MapLevels } from './map-levels';
import type { MapPointer } from './map-pointer';
import { areaLayers, areaSource, layerIds, pointSource } from './map-style';

export interface MapPaint {
  readonly level: MapLevel;
  /** Proportional circles (counts) or choropleth (rates). */
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns;
  readonly styling: Styling;
  /** Identifies the result (its SQL): `onPainted` reports it once the map has drawn it. */
  readonly key: string;
}

/**
 * Another way to colour a choropleth's fill, as one data-driven paint value: the bench compares
 * feature-state with a `match` expression this way (scripts/bench-match-join.ts). `colorOf`
 * gives row `i`'s colour. The app never sets one.
 */
export type FillOverride = (
  cols: ResultColumns,
  styling: Styling,
  colorOf: (i: number) => string,
) => ExpressionSpecification | string;

/**
 * `requestedAt`/`appliedAt`: when the join started and ended (performance.now()); `states`: how
 * many feature states the join sent (0 when a prepaint had already joined the result).
 */
export type OnPainted = (
  key: string,
  times: { requestedAt: number; appliedAt: number; states: number },
) => void;

/** Whether `p` is drawn as points (circles, and QPV always). */
const usesPoints = (p: MapPaint): boolean => p.mode === 'circles' || p.level === 'qpv';

export class MapPainter {
  private seq = 0;
  /** States last set on each source's features, to send only what changed. */
  private readonly states = new Map<string, FeatureStates>();
  private override: FillOverride | null = null;
  /** Levels whose fill colour an override replaced (put back when it goes). */
  private readonly overridden = new Set<MapLevel>();
  /** Feature states sent since the count was last read (`takeStates`). */
  private sent = 0;

  constructor(
    private readonly map: MlMap,
    private readonly levels: MapLevels,
    private readonly pointer: MapPointer,
    private readonly ready: Promise<void>,
    private readonly onPainted: OnPainted,
  ) {}

  /** Colours choropleths through `f` rather than feature-state from the next paint (bench). */
  setFillOverride(f: FillOverride | null): void {
    this.override = f;
  }

  /** Joins a result to the level's geometry and reports `onPainted` once the map has drawn it. */
  async paint(p: MapPaint): Promise<void> {
    const seq = ++this.seq;
    await this.ready;
    // A newer result arrived while the style loaded: this one is stale.
    if (seq !== this.seq) return;
    this.levels.ensureContext();
    this.levels.ensureLevel(p.level);
    const m = this.map;
    const fill = layerIds(p.level).fill;
    if (usesPoints(p)) this.levels.ensurePoints(p.level);
    const requestedAt = performance.now();
    this.sent = 0;
    if (this.override && p.mode === 'choropleth') {
      const { cols, styling } = p;
      m.setPaintProperty(
        fill,
        'fill-color',
        this.override(cols, styling, (i) => styleOf(cols, i, styling).c),
      );
      this.overridden.add(p.level);
      this.applyStates(areaSource(p.level), p, 'secret');
    } else {
      if (!this.override && this.overridden.delete(p.level) && m.getLayer(fill)) {
        // Back from an override: restore the state-driven paint once.
        m.setPaintProperty(
          fill,
          'fill-color',
          areaLayers(p.level)[0]?.paint?.['fill-color' as never],
        );
      }
      this.join(p);
    }
    const appliedAt = performance.now();
    const states = this.sent;
    this.pointer.clearHover();
    this.levels.showLevel(p.level, this.pointer.outlines());
    this.pointer.applySelection();
    this.whenDrawn(seq, () => this.onPainted(p.key, { requestedAt, appliedAt, states }));
    m.triggerRepaint();
  }

  /**
   * Joins a result to a level that is loaded but hidden, ahead of a switch to it: the switch then
   * sends only the states that differ (none when the result is the same), and the tiles of the
   * level already carry the colours. At commune level that is 35,000 states, 0.1–0.5 s of main
   * thread and a re-upload of every tile's paint buffers taken off the click. Nothing is shown
   * and nothing reported. Returns whether it joined (not for the level shown, a level not loaded
   * or while a fill override is on).
   */
  prepaint(p: MapPaint): boolean {
    if (this.override || !this.levels.styleReady) return false;
    if (p.level === this.levels.level || !this.levels.loaded.has(p.level)) return false;
    this.join(p);
    return true;
  }

  /** Joins `p` to its level's areas and, when the level has them, its points. */
  private join(p: MapPaint): void {
    this.applyStates(areaSource(p.level), p, p.mode === 'choropleth' ? 'all' : 'secret');
    // Always applied: in choropleth mode it clears the radii, which hides the circles.
    const points = pointSource(p.level);
    if (this.map.getSource(points)) this.applyStates(points, p, usesPoints(p) ? 'all' : 'none');
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
      if (seq === this.seq) done();
    };
    const onRender = (): void => {
      if (seq !== this.seq) {
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
    states.update(p.cols, p.styling, pick, (id, st) => {
      this.sent++;
      this.map.setFeatureState(this.levels.ref(source, id), st);
    });
  }
}
