/**
 * The pointer on the map: what is under it (a territory of the level shown, or a France services
 * point), the hover outline, the selected territory and what the tooltip is told.
 */
import type { Map as MlMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { FeatureRef, MapLevels } from './map-levels';
import { areaSource, layerIds, pointSource, SERVICES_POINTS } from './map-style';

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

type Point = { x: number; y: number };

export class MapPointer {
  private hovered: FeatureRef | null = null;
  private selected: string | null = null;

  constructor(
    private readonly map: MlMap,
    private readonly levels: MapLevels,
    private readonly onHover: (hit: MapHit | null) => void,
  ) {}

  /** Whether the hover and selection outlines of the level shown have something to draw. */
  outlines(): { hover: boolean; selected: boolean } {
    return { hover: this.hovered !== null, selected: this.selected !== null };
  }

  /** The territory under `point` on the level shown (null when none). */
  hit(point: Point): MapGeoJSONFeature | null {
    const level = this.levels.level;
    if (!level) return null;
    const ids = layerIds(level);
    const layers = [ids.symbols, ids.circles, ids.dots, ids.fill].filter((id) =>
      this.levels.shown.has(id),
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
  private serviceHit(point: Point): MapHit['service'] | null {
    if (!this.levels.servicesOn || !this.map.getLayer(SERVICES_POINTS.id)) return null;
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
    const level = this.levels.level;
    if (this.hovered && (this.hovered.id !== next?.id || this.hovered.source !== next.source)) {
      this.map.setFeatureState(this.hovered, { h: 0 });
    }
    if (next) this.map.setFeatureState(next, { h: 1 });
    if ((this.hovered === null) !== (next === null) && level)
      this.levels.setOpacity(layerIds(level).hover, next !== null);
    this.hovered = next;
  }

  /** Forgets the hovered territory before another result or level is shown. */
  clearHover(): void {
    if (this.hovered) this.map.setFeatureState(this.hovered, { h: 0 });
    this.hovered = null;
  }

  /**
   * Outlines the territory `code` as hovered without a pointer on this map (the other map of a
   * side-by-side pair is hovered); `null` clears it. No `onHover` callback.
   */
  highlight(code: string | null): void {
    const level = this.levels.level;
    if (!level || !this.levels.styleReady) return;
    const source = areaSource(level);
    if (code !== null && !this.map.getSource(source)) return;
    this.setHovered(code === null ? null : this.levels.ref(source, code));
  }

  /** The code of the territory outlined as hovered, if any (tests read it). */
  hoveredCode(): string | null {
    return this.hovered ? String(this.hovered.id) : null;
  }

  /** The pointer moved to `point` (`null`: it left the map). */
  hover(point: Point | null): void {
    // A service point is drawn above the territories: it takes the tooltip, not the outline.
    const service = point ? this.serviceHit(point) : null;
    const f = point && !service ? this.hit(point) : null;
    const next = f ? this.levels.ref(f.source, String(f.id)) : null;
    this.setHovered(next);
    this.map.getCanvas().style.cursor = next ? 'pointer' : '';
    const name: unknown = f?.properties.name;
    if (service && point) {
      this.onHover({ code: '', name: service.name, x: point.x, y: point.y, service });
      return;
    }
    const position: unknown = f?.properties.position;
    this.onHover(
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

  select(code: string | null): void {
    if (code === this.selected) return;
    this.setSelectionState(0);
    this.selected = code;
    this.applySelection();
    const level = this.levels.level;
    if (level) this.levels.setOpacity(layerIds(level).selected, code !== null);
  }

  /** Marks the selected territory on the level shown (after a new result or level). */
  applySelection(): void {
    this.setSelectionState(1);
  }

  private setSelectionState(on: 0 | 1): void {
    const level = this.levels.level;
    if (!level || !this.selected) return;
    const id = this.selected;
    this.map.setFeatureState(this.levels.ref(areaSource(level), id), { sel: on });
    if (this.map.getSource(pointSource(level)))
      this.map.setFeatureState(this.levels.ref(pointSource(level), id), { sel: on });
  }
}
