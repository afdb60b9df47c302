import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { findIndicator } from '../catalogue';
import { breakdownChart, deriveBreakdown } from './breakdown-chart';
import { SERIES_EVENTS, fractionalYear } from './events';
import { deriveSeries, labelEnds, seriesChart } from './series-chart';
import { checkSnapshot, renderSvg } from './snapshot';

const here = import.meta.dirname;
const rate = findIndicator('reclamations_taux');
if (!rate) throw new Error('indicateur absent du catalogue');

const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
/** Two territories over ten years; Seine-Saint-Denis has one suppressed year (2019). */
const series = tableFromArrays({
  level: [...years.map(() => 'departement'), ...years.map(() => 'france')],
  code: [...years.map(() => '93'), ...years.map(() => 'FR')],
  name: [...years.map(() => 'Seine-Saint-Denis'), ...years.map(() => 'France')],
  year: Int16Array.from([...years, ...years]),
  value: [40, 42, 45, 44, null, 47, 52, 55, 56, 58, 20, 21, 22, 22.5, 23, 23.4, 25, 26, 26.5, 27],
  low: [
    35,
    37,
    40,
    39,
    null,
    42,
    47,
    50,
    51,
    53,
    19.8,
    20.8,
    21.8,
    22.3,
    22.8,
    23.2,
    24.8,
    25.8,
    26.3,
    26.8,
  ],
  high: [
    45,
    47,
    50,
    49,
    null,
    52,
    57,
    60,
    61,
    63,
    20.2,
    21.2,
    22.2,
    22.7,
    23.2,
    23.6,
    25.2,
    26.2,
    26.7,
    27.2,
  ],
  suppressed: [
    false,
    false,
    false,
    false,
    true,
    ...years.slice(5).map(() => false),
    ...years.map(() => false),
  ],
});

function expectSnapshot(name: string, svg: string): void {
  expect(checkSnapshot(here, name, svg)).toBeNull();
}

describe('series chart', () => {
  it('derives base 100 at each series’ first year and keeps suppressed years as gaps', () => {
    const d = deriveSeries(series, { base100: true });
    expect(d.y[0]).toBe(100);
    expect(d.y[9]).toBeCloseTo(145);
    expect(d.y[10]).toBe(100);
    expect(Number.isNaN(d.y[4])).toBe(true);
    expect(d.suppressed[4]).toBe(true);
    expect(d.order).toEqual(['departement:93', 'france:FR']);
    expect(d.labels[0]).toBe('Seine-Saint-Denis (93)');
  });

  it('renders one chart with bands, events and direct labels', () => {
    const svg = renderSvg(
      seriesChart(series, { width: 640, indicator: rate, events: SERIES_EVENTS }),
    );
    expect(svg).toContain('Convention CGET–DDD');
    expect(svg).toContain('39 28 / antidiscriminations.fr');
    expect(svg).toContain('Seine-Saint-Denis (93)');
    expectSnapshot('series-absolute', svg);
  });

  it('renders small multiples in base 100', () => {
    const svg = renderSvg(
      seriesChart(series, { width: 640, indicator: rate, base100: true, smallMultiples: true }),
    );
    expect(svg).toContain('Base 100');
    expectSnapshot('series-base100-multiples', svg);
  });

  it('pushes converging end labels at least a line apart', () => {
    const close = tableFromArrays({
      level: ['departement', 'departement', 'france'],
      code: ['93', '94', 'FR'],
      name: ['A', 'B', 'France'],
      year: Int16Array.from([2024, 2024, 2024]),
      value: [50, 50.2, 100],
    });
    const ends = labelEnds(deriveSeries(close, {}), 260);
    const ys = ends.map((e) => e.y);
    expect(ys[1] ?? 0).toBeGreaterThanOrEqual((ys[0] ?? 0) + (100 * 13) / 260 - 1e-9);
    expect(ys[2]).toBe(100);
  });

  it('places dated events inside their year', () => {
    expect(fractionalYear('2015-11-25')).toBeCloseTo(2015.9, 1);
    expect(fractionalYear('2021-02-12')).toBeCloseTo(2021.115, 2);
  });
});

describe('breakdown chart', () => {
  const breakdown = tableFromArrays({
    key: ['origine', 'handicap', 'age', 'sexe', null],
    value: [120, 300, null, 45, 10],
    suppressed: [false, false, true, false, false],
  });
  const labelOf = (k: string | null): string => (k === null ? 'Non renseigné' : k.toUpperCase());

  it('sorts by value and lists suppressed keys last', () => {
    expect(deriveBreakdown(breakdown, labelOf).map((r) => r.label)).toEqual([
      'HANDICAP',
      'ORIGINE',
      'SEXE',
      'Non renseigné',
      'AGE',
    ]);
  });

  it('writes « secret stat. » where a value is hidden', () => {
    const svg = renderSvg(
      breakdownChart(breakdown, {
        width: 480,
        indicator: rate,
        labelOf,
        reference: { value: 100, label: 'France' },
      }),
    );
    expect(svg).toContain('secret stat.');
    expectSnapshot('breakdown', svg);
  });

  it('keeps every bar width positive in a narrow panel with long labels', () => {
    const long = (k: string | null): string => `Un libellé de modalité très long ${k ?? ''}`;
    const svg = renderSvg(
      breakdownChart(breakdown, { width: 220, indicator: rate, labelOf: long }),
    );
    expect(svg).not.toMatch(/width="-/);
    const line = renderSvg(seriesChart(series, { width: 200, indicator: rate }));
    expect(line).not.toMatch(/width="-/);
  });
});
