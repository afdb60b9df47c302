import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { findIndicator } from '../catalogue';
import { deriveFunnel, funnelModel, funnelPlot } from './funnel';
import { checkSnapshot, renderSvg } from './snapshot';

const SNAPSHOTS = import.meta.dirname;

function indicator(id: string) {
  const ind = findIndicator(id);
  if (!ind) throw new Error(id);
  return ind;
}

// Rates per 100 000 around a national 8 / 100 000: one site far above, one small site noisy.
const sites = tableFromArrays({
  code: ['plaine_commune', 'lens_lievin', 'petit'],
  name: ['Plaine Commune', 'CA de Lens-Liévin', 'Petit groupe'],
  numerator: Float64Array.from([120, 5, 1]),
  denominator: Float64Array.from([201_000, 61_000, 2_500]),
});
const comparison = tableFromArrays({
  code: ['a', 'b', 'c', 'd'],
  name: ['Montreuil', "L'Haÿ-les-Roses", 'Acheville', 'Caché'],
  numerator: [9, 3, 0, null],
  denominator: Float64Array.from([111_000, 31_000, 600, 900]),
});
const national = { numerator: 8_000, denominator: 100_000_000 };

describe('funnel', () => {
  it('has no funnel for counts', () => {
    expect(funnelModel(indicator('reclamations'))).toBeNull();
    expect(funnelModel(indicator('reclamations_taux'))).toBe('poisson');
    expect(funnelModel(indicator('non_recours_taux'))).toBe('binomial');
  });

  it('classifies sites against the national rate and counts hidden units', () => {
    const data = deriveFunnel(indicator('reclamations_taux'), national, [
      { table: sites, role: 'site' },
      { table: comparison, role: 'comparison' },
    ]);
    if (!data) throw new Error('no funnel');
    expect(data.target).toBeCloseTo(8, 10);
    expect(data.hidden).toBe(1);
    const byCode = new Map(data.points.map((p) => [p.code, p]));
    expect(byCode.get('plaine_commune')?.class).toBe('beyond998');
    expect(byCode.get('plaine_commune')?.side).toBe('above');
    expect(byCode.get('lens_lievin')?.class).toBe('inside');
    // 1 event in 2 500 inhabitants is 40 / 100 000 but within the limits of chance.
    expect(byCode.get('petit')?.value).toBeCloseTo(40, 10);
    expect(byCode.get('petit')?.class).toBe('inside');
    const first = data.limits[0];
    const last = data.limits[data.limits.length - 1];
    if (!first || !last) throw new Error('limits');
    expect(first.size).toBeLessThanOrEqual(600);
    expect(last.size).toBeGreaterThanOrEqual(201_000);
  });

  it('renders the same SVG', () => {
    const data = deriveFunnel(indicator('reclamations_taux'), national, [
      { table: sites, role: 'site' },
      { table: comparison, role: 'comparison' },
    ]);
    if (!data) throw new Error('no funnel');
    const svg = renderSvg(
      funnelPlot(data, {
        width: 640,
        sizeLabel: 'Population',
        valueLabel: 'Réclamations pour 100 000 habitants',
      }),
    );
    expect(svg).toContain('Plaine Commune : 59,7');
    expect(svg).toContain('au-delà de la limite à 99,8 %');
    expect(checkSnapshot(SNAPSHOTS, 'funnel-reclamations-taux', svg)).toBeNull();
  });

  it('draws the grey territories as one path, and labels a point in its tip only', () => {
    const data = deriveFunnel(indicator('reclamations_taux'), national, [
      { table: sites, role: 'site' },
      { table: comparison, role: 'comparison' },
    ]);
    if (!data) throw new Error('no funnel');
    const svg = renderSvg(
      funnelPlot(data, { width: 640, sizeLabel: 'Population', valueLabel: 'Réclamations' }),
    );
    const dots = /<g aria-label="dot" aria-hidden="true"[^>]*>\n<g [^>]*>\n<path d="([^"]+)"/.exec(
      svg,
    );
    // Three placed grey territories (the fourth is hidden): three circles in one path.
    expect(dots?.[1]?.match(/M/g)?.length).toBe(3);
    expect(svg).not.toContain('<circle');
    expect(svg).not.toContain('Montreuil');
    // The sites keep their accessible name on the mark.
    expect(svg).toContain('aria-label="Plaine Commune : 59,7 (effectif');
    // The tip (Plot.pointer) writes the hovered point's label, a grey territory's as a site's.
    const tip = funnelPlot(data, { width: 640, sizeLabel: 'P', valueLabel: 'R' }).marks?.at(-1);
    const format = (tip as unknown as { format: { title: (v: unknown, i: number) => string } })
      .format.title;
    const montreuil = data.points.findIndex((p) => p.name === 'Montreuil');
    expect(format('a', montreuil)).toMatch(
      /^Montreuil : 8,1 \(effectif 111.000\), au-dessus du taux national, dans les limites$/,
    );
  });

  it('keeps one year of a series result', () => {
    const series = tableFromArrays({
      code: ['pc', 'pc'],
      name: ['Plaine Commune', 'Plaine Commune'],
      year: Int32Array.from([2023, 2024]),
      numerator: Float64Array.from([10, 120]),
      denominator: Float64Array.from([201_000, 201_000]),
    });
    const data = deriveFunnel(indicator('reclamations_taux'), national, [
      { table: series, role: 'site', year: 2024 },
    ]);
    expect(data?.points.map((p) => p.numerator)).toEqual([120]);
  });

  it('refuses a proportion above 1 and an empty nation', () => {
    expect(
      deriveFunnel(indicator('non_recours_taux'), { numerator: 5, denominator: 4 }, []),
    ).toBeNull();
    expect(
      deriveFunnel(indicator('reclamations_taux'), { numerator: 5, denominator: 0 }, []),
    ).toBeNull();
  });
});
