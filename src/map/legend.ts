/**
 * Legend items derived from a result and its classification: one item per class with the number
 * of territories in it, then « secret statistique » and « non disponible » with their counts.
 */
import { classIndex } from './classification';
import type { ResultColumns } from './join';

export interface LegendItem {
  readonly kind: 'class' | 'secret' | 'missing';
  readonly color: string;
  readonly label: string;
  readonly count: number;
}

export interface LegendInput {
  readonly breaks: readonly number[];
  readonly colors: readonly string[];
  readonly secretColor: string;
  readonly noDataColor: string;
  /** Number of territories drawn on the map (features of the level); rows missing are « non disponible ». */
  readonly features: number;
  readonly format: (value: number) => string;
}

/** Builds the choropleth legend; classes are labelled « a – b » in the indicator's format. */
export function buildLegend(cols: ResultColumns, input: LegendInput): LegendItem[] {
  const k = Math.max(0, input.breaks.length - 1);
  const counts = new Array<number>(k).fill(0);
  let secret = 0;
  let valued = 0;
  for (let i = 0; i < cols.length; i++) {
    if (cols.suppressed[i] === 1) {
      secret++;
      continue;
    }
    const c = classIndex(cols.values[i], input.breaks);
    if (c >= 0) {
      counts[c] = (counts[c] ?? 0) + 1;
      valued++;
    }
  }
  const b = input.breaks;
  const items: LegendItem[] = counts.map((count, i) => ({
    kind: 'class',
    color: input.colors[i] ?? input.noDataColor,
    label:
      b[i] === b[i + 1]
        ? input.format(b[i] ?? 0)
        : // After a class of no width [a, a] (see classBreaks), the next one holds only what is
          // above a: « > a – b ».
          `${i > 0 && b[i - 1] === b[i] ? '> ' : ''}${input.format(b[i] ?? 0)} – ${input.format(b[i + 1] ?? 0)}`,
    count,
  }));
  items.push({
    kind: 'secret',
    color: input.secretColor,
    label: 'Secret statistique',
    count: secret,
  });
  items.push({
    kind: 'missing',
    color: input.noDataColor,
    label: 'Non disponible',
    count: Math.max(0, input.features - secret - valued),
  });
  return items;
}

/** « Nice » reference values for a proportional-symbol legend: max, and about a half and a tenth of it. */
export function circleLegendValues(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [];
  const nice = (v: number): number => {
    const p = 10 ** Math.floor(Math.log10(v));
    const m = v / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
  };
  const values = [nice(max), nice(max / 4), nice(max / 20)];
  return values.filter((v, i) => v > 0 && values.indexOf(v) === i);
}

/** Radius in pixels of a proportional circle: area proportional to the value. */
export function circleRadius(value: number, max: number, maxRadius: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(1.5, maxRadius * Math.sqrt(Math.min(value, max) / max));
}
