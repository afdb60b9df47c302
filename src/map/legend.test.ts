import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildLegend, circleLegendValues, circleRadius } from './legend';
import { readResult } from './join';

const fmt = (v: number): string => v.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

describe('buildLegend', () => {
  const cols = readResult(
    tableFromArrays({
      code: ['a', 'b', 'c', 'd', 'e'],
      value: Float64Array.from([1, 2.5, NaN, 9, 10]),
      suppressed: [false, false, true, false, false],
    }),
  );
  it('counts territories per class, secret and missing', () => {
    const items = buildLegend(cols, {
      breaks: [0, 5, 10],
      colors: ['#111', '#222'],
      secretColor: '#s',
      noDataColor: '#n',
      features: 7,
      format: fmt,
    });
    expect(items.map((i) => [i.kind, i.label, i.count, i.color])).toEqual([
      ['class', '0 – 5', 2, '#111'],
      ['class', '5 – 10', 2, '#222'],
      ['secret', 'Secret statistique', 1, '#s'],
      ['missing', 'Non disponible', 2, '#n'],
    ]);
  });
  it('writes a single value once when a class has no width', () => {
    const items = buildLegend(cols, {
      breaks: [2.5, 2.5],
      colors: ['#111'],
      secretColor: '#s',
      noDataColor: '#n',
      features: 5,
      format: fmt,
    });
    expect(items[0]).toEqual({ kind: 'class', color: '#111', label: '2,5', count: 1 });
    expect(items[2]?.count).toBe(3);
  });
  it('says « > » for the class after a minimum that has a class of its own', () => {
    const zeros = readResult(
      tableFromArrays({
        code: ['a', 'b', 'c', 'd'],
        value: Float64Array.from([0, 0, 1.5, 4]),
        suppressed: [false, false, false, false],
      }),
    );
    const items = buildLegend(zeros, {
      breaks: [0, 0, 2, 4],
      colors: ['#0', '#1', '#2'],
      secretColor: '#s',
      noDataColor: '#n',
      features: 4,
      format: fmt,
    });
    expect(items.slice(0, 3).map((i) => [i.label, i.count])).toEqual([
      ['0', 2],
      ['> 0 – 2', 1],
      ['2 – 4', 1],
    ]);
  });
});

describe('proportional circles', () => {
  it('picks nice reference values below the maximum', () => {
    expect(circleLegendValues(1234)).toEqual([1000, 200, 50]);
    expect(circleLegendValues(0)).toEqual([]);
  });
  it('makes the area proportional to the value', () => {
    const r1 = circleRadius(100, 400, 20);
    const r2 = circleRadius(400, 400, 20);
    expect(r2).toBe(20);
    expect((r1 / r2) ** 2).toBeCloseTo(0.25);
    expect(circleRadius(0, 400, 20)).toBe(0);
  });
});
