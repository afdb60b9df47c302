import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../charts/site-series';
import { comparisonRows } from './comparison';
import { buildGroups } from '../../query';

const p = (
  code: string,
  year: number,
  value: number | null,
  low?: number,
  high?: number,
): SeriesPoint => ({
  code,
  name: code,
  year,
  value,
  low: low ?? null,
  high: high ?? null,
  suppressed: value === null,
  lowerBound: false,
  hiddenMembers: 0,
  overlap: false,
});

describe('comparisonRows', () => {
  const groups = buildGroups(['plaine_commune', 'lens_lievin'], null, [
    { name: 'Mon groupe', members: [{ level: 'commune', code: '62001' }] },
  ]);
  const rows = comparisonRows(
    groups,
    [
      p('plaine_commune', 2023, 55, 50, 60),
      p('plaine_commune', 2024, 60, 55, 65),
      p('lens_lievin', 2024, null),
      p('groupe-1', 2024, 9.5, 1, 15),
    ],
    [p('FR', 2024, 10, 9.9, 10.1)],
    [p('QPV', 2024, 20, 19, 21)],
    2024,
    { france: 'France', comparable: 'Ensemble des QPV' },
  );
  it('keeps the groups in order, then France and the comparables', () => {
    expect(rows.map((r) => r.id)).toEqual([
      'plaine_commune',
      'lens_lievin',
      'groupe-1',
      'FR',
      'comparable',
    ]);
    expect(rows[0]?.trend).toHaveLength(2);
  });
  it('computes gaps and says when the interval excludes the reference', () => {
    expect(rows[0]).toMatchObject({ gapFrance: 50, gapComparable: 40, significantFrance: true });
    expect(rows[2]).toMatchObject({
      gapFrance: -0.5,
      significantFrance: false,
      significantComparable: true,
    });
  });
  it('has no gap for a hidden value', () => {
    expect(rows[1]).toMatchObject({
      gapFrance: null,
      gapComparable: null,
      significantFrance: false,
    });
  });
  it('gives France its gap to the comparables only', () => {
    expect(rows[3]).toMatchObject({ gapFrance: null, gapComparable: -10 });
  });
});
