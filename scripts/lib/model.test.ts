/**
 * The territory model on the real references: both QPV lists, their communes and validity, the
 * synthetic populations (calibrated, capped, deterministic), the places of each year, the sites,
 * and a restricted run (`--departements`) equal to the national model for its départements.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_YEAR, LAST_YEAR, RURALITY_OF_DENSITY, qpvValidity } from '../../src/catalogue';
import { places, qpvInForce } from './context';
import { buildModel, type TerritoryModel } from './model';
import { DEFAULT_SEED, type BuildOptions } from './options';
import {
  COMMUNE_CAP,
  OVERSEAS,
  QPV_POPULATION_TARGETS,
  estimateQpvPopulations,
} from './qpv-population';
import { communeResolver } from './reference/communes';
import { geodataDir } from './options';
import { inferQpv2015, QPV_2015_LIST } from './reference/qpv-2015';
import { readQpv2024 } from './reference/qpv-list-2024';
import { readDensity } from './reference/density';

const options = (departements: string[] | null, seed = DEFAULT_SEED): BuildOptions => ({
  seed,
  scale: 1,
  outDir: '/nonexistent',
  geo: false,
  ifMissing: false,
  departements,
  quiet: true,
});

const RESTRICTED = ['93', '69', '13', '62', '974', '976'];
let national: TerritoryModel;
let restricted: TerritoryModel;
const list2024 = readQpv2024(geodataDir());
const list2015 = inferQpv2015(list2024.rows);
const isOverseas = (dep: string): boolean => dep.startsWith('97');
const total = (qs: readonly { population: number }[]): number =>
  qs.reduce((s, q) => s + q.population, 0);

beforeAll(() => {
  national = buildModel(options(null));
  restricted = buildModel(options(RESTRICTED));
});

describe('QPV of the model', () => {
  it('holds both reference lists, sorted, with real codes only', () => {
    expect(national.qpv.filter((q) => q.list === '2024').map((q) => q.code)).toEqual(
      list2024.rows.map((q) => q.code),
    );
    expect(national.qpv.filter((q) => q.list === '2015').map((q) => q.code)).toEqual(
      list2015.rows.map((q) => q.code),
    );
    const codes = national.qpv.map((q) => q.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes.some((c) => /DEMO/i.test(c))).toBe(false);
    expect(national.qpvByCode.size).toBe(codes.length);
  });

  it('places every QPV in current communes, main commune first, pieces summing up', () => {
    for (const q of national.qpv) {
      expect(q.communes.length, q.code).toBeGreaterThan(0);
      for (const c of q.communes)
        expect(national.communeByCode.get(c)?.departement).toBe(q.departement);
      expect(q.pieces.map((p) => p.commune)).toEqual(q.communes);
      expect(total(q.pieces)).toBe(q.population);
      const populations = q.pieces.map((p) => p.population);
      expect(populations).toEqual([...populations].sort((a, b) => b - a));
      const main = national.communeByCode.get(q.communes[0] ?? '');
      expect(q.region).toBe(main?.region);
      expect(q.epci).toBe(main?.epci);
      // Without official contours in GEODATA_DIR, a QPV sits at its main commune's point.
      if (!q.polygons.length) {
        expect(q.positionSource).toBe('commune');
        expect(q.point).toEqual(main?.point ?? list2024.communePoints.get(main?.code ?? ''));
      }
      const validity = qpvValidity(q.list, q.departement);
      expect([q.validFrom, q.validTo]).toEqual([validity.from, validity.to]);
    }
  });

  it('calibrates the synthetic populations on the published totals', () => {
    const q2024 = national.qpv.filter((q) => q.list === '2024');
    const metro = q2024.filter((q) => !isOverseas(q.departement));
    expect(Math.abs(total(metro) / QPV_POPULATION_TARGETS.metropole2024 - 1)).toBeLessThan(1e-3);
    for (const [dep, target] of Object.entries(QPV_POPULATION_TARGETS.departements2024))
      expect(Math.abs(total(q2024.filter((q) => q.departement === dep)) / target - 1)).toBeLessThan(
        1e-3,
      );
    // Mayotte: whole communes.
    for (const q of q2024.filter((x) => x.departement === '976'))
      expect(q.population).toBe(national.communeByCode.get(q.communes[0] ?? '')?.population);
    // La Réunion, 2015 list: 161,400 in 49 QPV, pro rata of those known.
    const reunion = national.qpv.filter((q) => q.list === '2015' && q.departement === '974');
    const expected =
      ((OVERSEAS['974']?.population ?? 0) * reunion.length) / (OVERSEAS['974']?.listed ?? 1);
    expect(Math.abs(total(reunion) / expected - 1)).toBeLessThan(1e-3);
    // 2015 list: 5.4 M in the 1,436 QPV of metropolitan France and the DROM, pro rata.
    const q2015 = national.qpv.filter((q) => q.list === '2015');
    const share = q2015.length / (QPV_2015_LIST.total - QPV_2015_LIST.outOfScope);
    expect(total(q2015) / (QPV_POPULATION_TARGETS.inScope2015 * share)).toBeGreaterThan(0.95);
    expect(total(q2015) / (QPV_POPULATION_TARGETS.inScope2015 * share)).toBeLessThan(1.05);
    // Unchanged QPV keep their population.
    for (const q of q2024.filter((x) => x.status === 'inchange')) {
      const before = national.qpvByCode.get(q.predecessors[0] ?? '');
      if (before?.successors.length === 1) expect(before.population, q.code).toBe(q.population);
    }
  });

  it('leaves every commune populated outside its QPV (at most 70 % in the QPV of a list)', () => {
    for (const list of ['2015', '2024'] as const) {
      const load = new Map<string, number>();
      for (const q of national.qpv)
        if (q.list === list && q.status !== 'commune')
          for (const p of q.pieces) load.set(p.commune, (load.get(p.commune) ?? 0) + p.population);
      for (const [c, l] of load) {
        const population = national.communeByCode.get(c)?.population ?? 0;
        expect(l, `${list} ${c}`).toBeLessThanOrEqual(COMMUNE_CAP * population + 5);
      }
    }
  });

  it('draws the same populations from the same seed, others from another', () => {
    const resolver = communeResolver();
    const input = {
      list2024: list2024.rows,
      list2015: list2015.rows,
      population: (c: string) => resolver.commune(c)?.population ?? 0,
      departementPopulation: () => 300_000,
    };
    const a = estimateQpvPopulations({ ...input, seed: 7 });
    const b = estimateQpvPopulations({ ...input, seed: 7 });
    const c = estimateQpvPopulations({ ...input, seed: 8 });
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });
});

describe('communes and places', () => {
  it('takes the density level and rurality from Insee’s grid', () => {
    const density = readDensity(geodataDir());
    const wrong = national.communes.filter(
      (c) =>
        c.densityLevel !== (density.levels.get(c.code) ?? null) ||
        c.rurality !== (c.densityLevel ? RURALITY_OF_DENSITY[c.densityLevel] : null),
    );
    expect(wrong).toEqual([]);
  });

  it('partitions each commune’s population between its hors-QPV part and QPV pieces', () => {
    for (const year of [FIRST_YEAR, 2023, LAST_YEAR]) {
      const byCommune = new Map<string, number>();
      for (const p of places(national, year))
        byCommune.set(p.commune, (byCommune.get(p.commune) ?? 0) + p.population);
      expect(national.communes.filter((c) => byCommune.get(c.code) !== c.population)).toEqual([]);
      const inForce = qpvInForce(national, year);
      // The DROM keep the 2015 list through 2024, metropolitan France changes in 2024.
      for (const q of inForce)
        expect(q.list).toBe(year >= 2024 && !isOverseas(q.departement) ? '2024' : '2015');
    }
  });

  it('lists each site’s QPV of both lists: those with a piece in its communes', () => {
    for (const s of national.sites) {
      const members = new Set(s.communes);
      for (const list of ['2015', '2024'] as const) {
        const expected = national.qpv
          .filter((q) => q.list === list && q.communes.some((c) => members.has(c)))
          .map((q) => q.code);
        expect(list === '2015' ? s.qpv2015 : s.qpv2024).toEqual(expected);
      }
      expect(s.qpv2024.length, s.id).toBeGreaterThan(0);
    }
    expect(national.sites.map((s) => s.id)).toEqual([
      'plaine_commune',
      'vaulx_en_velin',
      'ouest_provence',
      'lens_lievin',
    ]);
  });
});

describe('--departements', () => {
  it('gives a département the same QPV, populations and places as a national run', () => {
    const keep = (dep: string): boolean => RESTRICTED.includes(dep);
    const strip = (m: TerritoryModel) =>
      m.qpv.filter((q) => keep(q.departement)).map(({ polygons: _p, ...q }) => q);
    expect(strip(restricted)).toEqual(strip(national));
    for (const year of [2015, 2024]) {
      const here = places(restricted, year);
      const there = places(national, year).filter((p) => keep(p.departement));
      expect(here).toEqual(there);
    }
    expect(restricted.sites).toEqual(national.sites.filter((s) => keep(s.departement)));
  });
});
