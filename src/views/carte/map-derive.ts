/**
 * Derive step of the Carte view: from a result and the user's choices to the map's styling and
 * legend. Pure (no React, no MapLibre).
 */
import type { IndicatorDefinition } from '../../catalogue';
import { formatNumber } from '../../format';
import { classBreaks, classIndex, type ClassificationMethod } from '../../map/classification';
import type { ResultColumns, Styling } from '../../map/join';
import { buildLegend, circleLegendValues, circleRadius, type LegendItem } from '../../map/legend';
import { MAX_RADIUS } from '../../map/map-style';
import type { MapLevel } from '../../catalogue';
import {
  CIRCLE_COLOR,
  NO_DATA_COLOR,
  SECRET_COLOR,
  divergingColors,
  sequentialColors,
  usesDiverging,
} from '../../map/palette';

export interface MapDerived {
  readonly mode: 'choropleth' | 'circles';
  readonly styling: Styling;
  readonly legend: LegendItem[];
  readonly circles: {
    values: number[];
    radius: (v: number) => number;
    format: (v: number) => string;
  } | null;
  readonly note: string | null;
}

export function deriveMap(
  cols: ResultColumns,
  indicator: IndicatorDefinition,
  level: MapLevel,
  opts: {
    method: ClassificationMethod;
    classes: number;
    features: number;
    reference: number | null;
    /** Some QPV are drawn at their commune's point (no official contour for them). */
    qpvAtCommunes?: boolean;
    /**
     * Values the classes (or the circles' largest value) are computed from, when not only this
     * map's: both maps' values for one classification shared by two maps side by side.
     */
    scaleValues?: Float64Array;
  },
): MapDerived {
  const format = (v: number): string => formatNumber(v, { decimals: indicator.decimals });
  // QPV drawn at their commune are discs of one size (so they never overlap): counts get classes.
  if (indicator.kind === 'count' && level !== 'qpv') {
    let max = 0;
    for (const v of opts.scaleValues ?? cols.values) if (v > max) max = v;
    const maxR = MAX_RADIUS[level];
    // Zero and « secret » get a small dot (blue and grey) so they are told apart from « no data ».
    const radius = (v: number): number => (v > 0 ? circleRadius(v, max, maxR) : 3);
    const styling: Styling = {
      breaks: max > 0 ? [0, max] : [],
      colors: [CIRCLE_COLOR],
      secretColor: SECRET_COLOR,
      noDataColor: NO_DATA_COLOR,
      radius,
    };
    const legend = buildLegend(cols, { ...styling, features: opts.features, format }).filter(
      (i) => i.kind !== 'class',
    );
    return {
      mode: 'circles',
      styling,
      legend,
      circles: {
        values: circleLegendValues(max),
        radius: (v) => circleRadius(v, max, maxR),
        format,
      },
      note: 'Surface des cercles proportionnelle à l’effectif.',
    };
  }
  const breaks = classBreaks(opts.scaleValues ?? cols.values, opts.method, opts.classes);
  const k = Math.max(0, breaks.length - 1);
  const diverging = usesDiverging(indicator, opts.reference) && opts.reference !== null && k > 2;
  const pivot = diverging && opts.reference !== null ? classIndex(opts.reference, breaks) : -1;
  const colors =
    diverging && pivot >= 0
      ? divergingColors(k, pivot, indicator.polarity === 'hausse_defavorable')
      : sequentialColors(k);
  const styling: Styling = {
    breaks,
    colors,
    secretColor: SECRET_COLOR,
    noDataColor: NO_DATA_COLOR,
  };
  const qpvNote =
    level === 'qpv' && opts.qpvAtCommunes !== false
      ? 'QPV : disques placés au point de leur commune principale (contours officiels absents du jeu) ; leur position n’est pas celle du quartier.'
      : null;
  return {
    mode: 'choropleth',
    styling,
    legend: buildLegend(cols, { ...styling, features: opts.features, format }),
    circles: null,
    note:
      qpvNote ??
      (diverging && pivot >= 0 && opts.reference !== null
        ? `Couleurs divergentes de part et d’autre de la valeur France (${format(opts.reference)}) : ${
            indicator.polarity === 'hausse_defavorable'
              ? 'orange = plus défavorable'
              : 'bleu = plus favorable'
          }.`
        : null),
  };
}
