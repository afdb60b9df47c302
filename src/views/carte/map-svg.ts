/**
 * What the Carte view hands to « Carte (SVG) »: the result and styling it has drawn, with the
 * drawing code imported only when the user asks for the file.
 */
import type { FeatureCollection } from 'geojson';
import type { DatasetManifest, IndicatorDefinition, MapLevel } from '../../catalogue';
import type { ResultColumns } from '../../map/join';
import type { MapDerived } from './map-derive';

/** Width of the exported map, in CSS pixels (about an A4 page's text width at 96 dpi × 1.2). */
export const VECTOR_MAP_WIDTH = 800;

export function mapSvgGetter(
  drawn: {
    readonly cols: ResultColumns;
    readonly level: MapLevel;
    readonly indicator: IndicatorDefinition;
    readonly derived: MapDerived;
  } | null,
  manifest: DatasetManifest | null,
  dataRoot: string,
  extra: { readonly services: FeatureCollection | null; readonly selected: string | null },
): (() => Promise<SVGSVGElement>) | undefined {
  if (!drawn || !manifest) return undefined;
  return async () => {
    const { vectorMapSvg } = await import('./vector-export');
    const { derived, indicator } = drawn;
    return vectorMapSvg({
      dataRoot,
      geometry: manifest.geometry,
      level: drawn.level,
      mode: derived.mode,
      cols: drawn.cols,
      styling: derived.styling,
      services: extra.services,
      selected: extra.selected,
      legend: {
        title: indicator.shortLabel,
        unit: indicator.unit,
        items: derived.legend,
        circles: derived.circles,
        note: derived.note,
      },
      width: VECTOR_MAP_WIDTH,
    });
  };
}
