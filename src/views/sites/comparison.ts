/**
 * Derives the comparison table of one indicator: for each group its value for the year, its
 * interval, its trend, and its gaps to France and to the comparable territories.
 */
import type { SeriesPoint } from '../../charts/site-series';
import type { GroupSpec } from '../../query';

/** What the "comparable territories" reference is. */
export const COMPARABLES = [
  'qpv',
  'hors_qpv',
  'urbain',
  'rural',
  'frr',
  'hors_frr',
  'zrr',
  'hors_zrr',
] as const;
export type Comparable = (typeof COMPARABLES)[number];

export const COMPARABLE_LABELS: Readonly<Record<Comparable, string>> = {
  qpv: 'Ensemble des QPV de France (liste en vigueur chaque année)',
  hors_qpv: 'France hors QPV',
  urbain: 'Communes urbaines de France (grille de densité de l’Insee)',
  rural: 'Communes rurales de France (grille de densité de l’Insee)',
  frr: 'Communes classées France Ruralités Revitalisation (juillet 2025)',
  hors_frr: 'Communes hors FRR',
  zrr: 'Communes classées en ZRR (2017–2024)',
  hors_zrr: 'Communes hors ZRR (2017–2024)',
};

export const COMPARABLE_SHORT: Readonly<Record<Comparable, string>> = {
  qpv: 'QPV',
  hors_qpv: 'Hors QPV',
  urbain: 'Urbain',
  rural: 'Rural',
  frr: 'FRR',
  hors_frr: 'Hors FRR',
  zrr: 'ZRR',
  hors_zrr: 'Hors ZRR',
};

export interface ComparisonRow {
  readonly id: string;
  readonly name: string;
  readonly kind: 'site' | 'custom' | 'reference';
  /** The year's point; null when the group has no row that year. */
  readonly current: SeriesPoint | null;
  readonly trend: readonly SeriesPoint[];
  /** value − France's value (same unit); null when either is hidden or missing. */
  readonly gapFrance: number | null;
  readonly gapComparable: number | null;
  /** The group's 95 % interval excludes France's value. */
  readonly significantFrance: boolean;
  readonly significantComparable: boolean;
}

function at(points: readonly SeriesPoint[], year: number): SeriesPoint | null {
  return points.find((p) => p.year === year) ?? null;
}

function gap(a: SeriesPoint | null, b: SeriesPoint | null): number | null {
  if (!a || !b || a.value === null || b.value === null || a.lowerBound || b.lowerBound) return null;
  return a.value - b.value;
}

function excludes(a: SeriesPoint | null, b: SeriesPoint | null): boolean {
  if (!a || !b || a.low === null || a.high === null || b.value === null) return false;
  return b.value < a.low || b.value > a.high;
}

/**
 * Rows for every group (in the groups' order, an empty row when the result has none), then France
 * and the comparable reference.
 */
export function comparisonRows(
  groups: readonly GroupSpec[],
  groupPoints: readonly SeriesPoint[],
  france: readonly SeriesPoint[],
  comparable: readonly SeriesPoint[],
  year: number,
  labels: { france: string; comparable: string },
): ComparisonRow[] {
  const fr = at(france, year);
  const cp = at(comparable, year);
  const row = (
    id: string,
    name: string,
    kind: ComparisonRow['kind'],
    trend: readonly SeriesPoint[],
  ): ComparisonRow => {
    const current = at(trend, year);
    return {
      id,
      name,
      kind,
      current,
      trend,
      gapFrance: kind === 'reference' && id === 'FR' ? null : gap(current, fr),
      gapComparable: id === 'comparable' ? null : gap(current, cp),
      significantFrance: kind !== 'reference' && excludes(current, fr),
      significantComparable: kind !== 'reference' && excludes(current, cp),
    };
  };
  return [
    ...groups.map((g) =>
      row(
        g.id,
        g.name,
        g.kind,
        groupPoints.filter((p) => p.code === g.id),
      ),
    ),
    row('FR', labels.france, 'reference', france),
    row('comparable', labels.comparable, 'reference', comparable),
  ];
}
