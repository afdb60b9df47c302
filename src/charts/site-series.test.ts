import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { seriesPoints, siteSeriesPlot, sparklinePlot } from './site-series';
import { checkSnapshot, renderSvg } from './snapshot';

const SNAPSHOTS = import.meta.dirname;

const table = tableFromArrays({
  code: ['pc', 'pc', 'pc', 'll', 'll', 'll'],
  name: [
    'Plaine Commune',
    'Plaine Commune',
    'Plaine Commune',
    'Lens-Liévin',
    'Lens-Liévin',
    'Lens-Liévin',
  ],
  year: Int32Array.from([2022, 2023, 2024, 2022, 2023, 2024]),
  value: [55, 58, 61, 10, null, 12],
  low: [50, 53, 56, 7, null, 9],
  high: [60, 63, 66, 14, null, 16],
  suppressed: [false, false, false, false, true, false],
});
const france = tableFromArrays({
  code: ['FR', 'FR', 'FR'],
  name: ['France', 'France', 'France'],
  year: Int32Array.from([2022, 2023, 2024]),
  value: [8, 8.5, 9],
  low: [7.9, 8.4, 8.9],
  high: [8.1, 8.6, 9.1],
  suppressed: [false, false, false],
});

describe('site series', () => {
  it('reads Arrow results, keeping suppressed years as nulls', () => {
    const points = seriesPoints(table);
    expect(points).toHaveLength(6);
    const hidden = points.find((p) => p.code === 'll' && p.year === 2023);
    expect(hidden).toMatchObject({ value: null, suppressed: true });
  });

  it('renders one panel per site with a shared scale', () => {
    const svg = renderSvg(
      siteSeriesPlot(seriesPoints(table), {
        width: 640,
        decimals: 1,
        valueLabel: 'Pour 100 000 habitants',
        order: [
          { code: 'pc', name: 'Plaine Commune' },
          { code: 'll', name: 'Lens-Liévin' },
          { code: 'vide', name: 'Groupe sans données' },
        ],
        reference: seriesPoints(france),
      }),
    );
    expect(svg).toContain('Lens-Liévin, 2023 : secret statistique');
    expect(svg).toContain('Groupe sans données');
    expect(checkSnapshot(SNAPSHOTS, 'site-series', svg)).toBeNull();
  });

  it('draws a sparkline', () => {
    const svg = renderSvg(
      sparklinePlot(
        seriesPoints(table).filter((p) => p.code === 'pc'),
        { width: 120, height: 28 },
      ),
    );
    expect(checkSnapshot(SNAPSHOTS, 'site-sparkline', svg)).toBeNull();
  });
});
