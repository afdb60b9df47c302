/**
 * populations.parquet on a few départements (with DROM): the parts add up (commune = QPV + hors
 * QPV, area = its communes, each pair of parts = the whole), periods tile the years, ZRR parts
 * only in ZRR_YEARS, and the synthetic flag marks what rests on estimated QPV populations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_YEAR,
  LAST_YEAR,
  PART_PAIRS,
  TABLES,
  ZRR_YEARS,
  publishedParts,
  type Part,
} from '../src/catalogue';
import { qpvInForce } from './lib/context';
import {
  contractProblems,
  loaderContext,
  type LoaderTestContext,
} from './lib/reference/test-support';
import { buildPopulations, populationRows, type PopulationRow } from './populations.parquet';

let ctx: LoaderTestContext;
let rows: PopulationRow[];
/** `level:code:part:year` → population, expanded from the periods. */
const value = new Map<string, number>();
const at = (level: string, code: string, part: Part, year: number): number | undefined =>
  value.get(`${level}:${code}:${part}:${year}`);

beforeAll(async () => {
  ctx = await loaderContext(['93', '69', '974', '976']);
  rows = populationRows(ctx.model);
  for (const r of rows)
    for (let y = r.yearFrom; y <= r.yearTo; y++)
      value.set(`${r.level}:${r.code}:${r.part}:${y}`, r.population);
});

afterAll(() => ctx.close());

describe('populations.parquet', () => {
  it('follows the contract', async () => {
    const manifest = await buildPopulations(ctx);
    expect(manifest.rows).toBe(rows.length);
    expect(await contractProblems(ctx, TABLES.populations, 'populations.parquet')).toEqual([]);
  });

  it('covers each published part with periods that tile its years', () => {
    const periods = new Map<string, PopulationRow[]>();
    for (const r of rows) {
      const key = `${r.level}:${r.code}:${r.part}`;
      periods.set(key, [...(periods.get(key) ?? []), r]);
    }
    for (const [key, list] of periods) {
      const years = list.flatMap((r) =>
        Array.from({ length: r.yearTo - r.yearFrom + 1 }, (_, i) => r.yearFrom + i),
      );
      expect(new Set(years).size, key).toBe(years.length);
      const [, , part] = key.split(':');
      if (part === 'zrr' || part === 'hors_zrr')
        expect([Math.min(...years), Math.max(...years)]).toEqual([ZRR_YEARS.from, ZRR_YEARS.to]);
    }
    for (const d of ctx.model.cog.departements)
      for (const part of publishedParts('departement'))
        expect(periods.has(`departement:${d.code}:${part}`), `${d.code} ${part}`).toBe(true);
  });

  it('adds up: commune = QPV + hors QPV, département = its communes, pairs = whole', () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const inForce = new Set(qpvInForce(ctx.model, year).flatMap((q) => q.communes));
      for (const c of ctx.model.communes) {
        expect(at('commune', c.code, 'tous', year)).toBe(c.population);
        if (!inForce.has(c.code)) {
          expect(at('commune', c.code, 'qpv', year)).toBeUndefined();
          continue;
        }
        const qpv = at('commune', c.code, 'qpv', year) ?? NaN;
        expect(qpv + (at('commune', c.code, 'hors_qpv', year) ?? NaN)).toBe(c.population);
      }
      for (const d of ctx.model.cog.departements) {
        const communes = ctx.model.communes.filter((c) => c.departement === d.code);
        const sum = (part: Part): number =>
          communes.reduce(
            (s, c) =>
              s + (at('commune', c.code, part, year) ?? (part === 'hors_qpv' ? c.population : 0)),
            0,
          );
        expect(at('departement', d.code, 'tous', year)).toBe(sum('tous'));
        expect(at('departement', d.code, 'qpv', year)).toBe(sum('qpv'));
        expect(at('departement', d.code, 'hors_qpv', year)).toBe(sum('hors_qpv'));
        for (const [a, b] of PART_PAIRS) {
          const x = at('departement', d.code, a, year);
          if (x === undefined) continue;
          expect(x + (at('departement', d.code, b, year) ?? NaN), `${d.code} ${a}`).toBe(
            at('departement', d.code, 'tous', year),
          );
        }
      }
    }
    const deps = ctx.model.cog.departements.map((d) => d.code);
    expect(at('france', 'FR', 'qpv', 2020)).toBe(
      deps.reduce((s, d) => s + (at('departement', d, 'qpv', 2020) ?? 0), 0),
    );
  });

  it('follows the list in force: metropolitan France changes in 2024, the DROM do not', () => {
    const periods = (code: string): number[][] =>
      rows
        .filter((r) => r.level === 'departement' && r.code === code && r.part === 'qpv')
        .map((r) => [r.yearFrom, r.yearTo]);
    expect(periods('93')).toEqual([
      [FIRST_YEAR, 2023],
      [2024, LAST_YEAR],
    ]);
    expect(periods('974')).toEqual([[FIRST_YEAR, LAST_YEAR]]);
    // Mayotte: no QPV of the 2015 list is known; its 2024 QPV come into force in 2025.
    expect(at('departement', '976', 'qpv', 2024)).toBe(0);
    expect(rows.some((r) => r.level === 'qpv' && r.code.startsWith('QN976'))).toBe(false);
  });

  it('marks as synthetic what rests on estimated QPV populations, and only that', () => {
    for (const r of rows) {
      const estimated =
        r.level === 'qpv' || ((r.part === 'qpv' || r.part === 'hors_qpv') && r.population > 0);
      if (r.level === 'qpv' || r.level === 'commune') expect(r.synthetic, r.code).toBe(estimated);
      else if (r.part !== 'qpv' && r.part !== 'hors_qpv') expect(r.synthetic).toBe(false);
    }
    expect(
      rows.find((r) => r.level === 'departement' && r.code === '976' && r.part === 'qpv')
        ?.synthetic,
    ).toBe(false);
    expect(
      rows.find((r) => r.level === 'departement' && r.code === '93' && r.part === 'qpv')?.synthetic,
    ).toBe(true);
  });
});
