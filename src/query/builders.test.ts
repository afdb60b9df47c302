/**
 * Builders checked twice: key fragments of the SQL text, and the figures DuckDB-WASM (Node
 * build) returns over data/fixtures, worked out by hand from scripts/fixtures.parquet.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { INDICATORS, findIndicator, type IndicatorDefinition } from '../catalogue/indicators';
import { FIRST_YEAR, LAST_YEAR, MAP_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import { TERRITORY_TYPES } from '../state/app-state';
import { byarInterval, wilsonInterval } from '../stats/intervals';
import {
  NO_FILTERS,
  availableYears,
  indicatorBreakdown,
  indicatorByTerritory,
  indicatorByTerritoryParts,
  indicatorByTerritoryYears,
  indicatorGroupSeries,
  indicatorSeries,
  nationalValue,
  territoryLookup,
  territorySearch,
  type Filters,
} from './index';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

function ind(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}
const F = (patch: Partial<Filters> = {}): Filters => ({ ...NO_FILTERS, ...patch });

type Row = Record<string, unknown>;
async function rows(sql: string): Promise<Row[]> {
  const t: Table = await db.query(sql);
  return t.toArray().map((r: { toJSON(): Row }) => r.toJSON());
}
const byCode = (rs: Row[]): Record<string, Row> =>
  Object.fromEntries(rs.map((r) => [String(r.code), r]));

const COLUMNS = [
  'level',
  'code',
  'name',
  'year',
  'key',
  'numerator',
  'denominator',
  'value',
  'low',
  'high',
  'suppressed',
  'population',
];

describe('indicatorByTerritory', () => {
  it('writes one standalone query with the filters and the year in it', () => {
    const sql = indicatorByTerritory(
      ind('reclamations'),
      'commune',
      2024,
      F({ criterion: 'origine' }),
    );
    expect(sql.startsWith('WITH ')).toBe(true);
    expect(sql).toContain('f.year BETWEEN 2024 AND 2024');
    expect(sql).toContain(`f."criterion" = 'origine'`);
    expect(sql).toContain("WHERE t.level = 'commune'");
    expect(sql).toContain('(num > 0 AND num < 5)');
    // the same inputs give the same text (it is the cache key)
    expect(
      indicatorByTerritory(ind('reclamations'), 'commune', 2024, F({ criterion: 'origine' })),
    ).toBe(sql);
  });

  it('gives the contract columns with their types', async () => {
    const t = await db.query(
      indicatorByTerritory(ind('reclamations_taux'), 'departement', 2024, F()),
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual(COLUMNS);
    expect(String(t.schema.fields[5]?.type)).toBe('Float64');
    expect(String(t.schema.fields[10]?.type)).toBe('Bool');
  });

  it('counts cases per commune with primary and secondary suppression (2024)', async () => {
    const r = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, F())));
    // shown: totals of cases.parquet for 2024 (commune + its QPV part)
    expect(r['93066']?.numerator).toBe(115); // 80 + 35
    expect(r['93001']?.numerator).toBe(90); // 67 + 23
    expect(r['93048']?.numerator).toBe(17);
    expect(r['94081']?.numerator).toBe(15);
    expect(r['97101']?.numerator).toBe(9);
    expect(r['62003']).toMatchObject({ numerator: 0, value: 0, suppressed: false });
    // primary: L'Haÿ 2 + 2 = 4, Ablain 1
    expect(r['94038']).toMatchObject({ numerator: null, value: null, suppressed: true });
    expect(r['62001']).toMatchObject({ numerator: null, suppressed: true });
    // secondary: Val-de-Marne shows 27 → hide its smallest other commune (Maisons-Alfort, 8);
    // Pas-de-Calais → Liévin (5); then CA de Lens-Liévin would give Liévin back → Lens (6).
    expect(r['94046']?.suppressed).toBe(true);
    expect(r['62510']?.suppressed).toBe(true);
    expect(r['62498']?.suppressed).toBe(true);
    expect(Object.values(r).filter((x) => x.suppressed)).toHaveLength(5);
  });

  it('gives rates per 100,000 with Byar intervals (départements 2024)', async () => {
    const r = byCode(
      await rows(indicatorByTerritory(ind('reclamations_taux'), 'departement', 2024, F())),
    );
    const expected: Record<string, [number, number]> = {
      '93': [222, 312_000],
      '94': [27, 182_000],
    };
    for (const [code, [n, pop]] of Object.entries(expected)) {
      const row = r[code];
      expect(row).toMatchObject({
        numerator: n,
        denominator: pop,
        population: pop,
        suppressed: false,
      });
      expect(row?.value).toBeCloseTo((n / pop) * 100_000, 9);
      const i = byarInterval(n);
      expect(row?.low).toBeCloseTo((i.low / pop) * 100_000, 9);
      expect(row?.high).toBeCloseTo((i.high / pop) * 100_000, 9);
    }
    // Pas-de-Calais (12) is hidden: its QPV part is 2 (Lens), so its hors-QPV part (10) is
    // hidden, then Guadeloupe's hors-QPV part (9) for the national hors-QPV total — which is all
    // of Guadeloupe (no QPV), so Guadeloupe's total too, and Pas-de-Calais for the national total.
    expect(r['62']).toMatchObject({
      suppressed: true,
      numerator: null,
      value: null,
      low: null,
      high: null,
      denominator: 63_500,
    });
    expect(r['971']?.suppressed).toBe(true);
  });

  it('gives the national figure (one row, FR)', async () => {
    const r = await rows(nationalValue(ind('reclamations_taux'), 2024, F()));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      level: 'france',
      code: 'FR',
      numerator: 270,
      population: 610_500,
    });
  });

  it('restricts to a parent without changing figures, including for a finer `within`', async () => {
    const all = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, F())));
    const in94 = await rows(
      indicatorByTerritory(ind('reclamations'), 'commune', 2024, F(), {
        within: { level: 'departement', code: '94' },
      }),
    );
    expect(in94.map((x) => x.code)).toEqual(['94038', '94046', '94081']);
    for (const row of in94) expect(row).toEqual(all[String(row.code)]);
    const dep = await rows(
      indicatorByTerritory(ind('reclamations'), 'departement', 2024, F(), {
        within: { level: 'commune', code: '94038' },
      }),
    );
    expect(dep.map((x) => x.code)).toEqual(['94']);
  });

  it('splits QPV and hors-QPV parts with their populations, hiding pairs together', async () => {
    const qpv = byCode(
      await rows(
        indicatorByTerritory(
          ind('reclamations_taux'),
          'commune',
          2024,
          F({ territoryType: 'qpv' }),
        ),
      ),
    );
    const hors = byCode(
      await rows(
        indicatorByTerritory(
          ind('reclamations_taux'),
          'commune',
          2024,
          F({ territoryType: 'hors_qpv' }),
        ),
      ),
    );
    expect(qpv['93066']?.population).toBe(9_000);
    expect(hors['93066']?.population).toBe(104_000);
    expect(hors['93048']).toMatchObject({ numerator: 17, population: 111_000 });
    expect(qpv['93048']).toMatchObject({ numerator: 0, population: 0, value: null });
    // L'Haÿ QPV part is 2 (primary) → its hors-QPV part (2) hidden too; EPCI MGP shows its QPV
    // total → Aubervilliers' QPV part hidden, and then Saint-Denis' for Seine-Saint-Denis.
    expect(qpv['94038']?.suppressed).toBe(true);
    expect(hors['94038']?.suppressed).toBe(true);
    expect(qpv['93001']?.suppressed).toBe(true);
    expect(qpv['93066']?.suppressed).toBe(true);
    // …and their hors-QPV parts, since the commune totals are shown
    expect(hors['93001']?.suppressed).toBe(true);
    expect(hors['93066']?.suppressed).toBe(true);
  });

  it('filters rural communes (peu dense + très peu dense) with their population', async () => {
    const r = byCode(
      await rows(
        indicatorByTerritory(
          ind('reclamations_taux'),
          'departement',
          2020,
          F({ territoryType: 'rural' }),
        ),
      ),
    );
    expect(r['62']?.population).toBe(2_500); // Ablain 1,900 + Acheville 600
    expect(r['93']?.population).toBe(0);
  });

  it('counts France services open on 31 December', async () => {
    const fr = await rows(
      indicatorSeries(ind('france_services'), [{ level: 'france', code: 'FR' }], F(), {
        from: 2018,
        to: 2024,
      }),
    );
    // MSAP Saint-Denis closed on 2020-12-31 is not open that evening; Lens opened 2019-12-31 is.
    expect(fr.map((x) => x.numerator)).toEqual([2, 2, 3, 4, 5, 5, 5]);
    const sd = await rows(
      indicatorSeries(ind('france_services'), [{ level: 'commune', code: '93066' }], F(), {
        from: 2019,
        to: 2021,
      }),
    );
    expect(sd.map((x) => x.numerator)).toEqual([1, 0, 1]);
  });

  it('says nothing (NULL, not 0) for services in QPV, which have no QPV location', async () => {
    const r = await rows(
      indicatorByTerritory(
        ind('france_services'),
        'departement',
        2024,
        F({ territoryType: 'qpv' }),
      ),
    );
    expect(r.every((x) => x.numerator === null && x.value === null && x.suppressed === false)).toBe(
      true,
    );
  });

  it('returns no row where the indicator is not valid', async () => {
    const r = await rows(indicatorByTerritory(ind('france_services_taux'), 'commune', 2024, F()));
    expect(r).toHaveLength(0);
  });

  it('computes non-recours rates with Wilson intervals and hides small denominators', async () => {
    const r = byCode(
      await rows(indicatorByTerritory(ind('non_recours_taux'), 'qpv', 2024, F({ benefit: 'rsa' }))),
    );
    // Grande Résidence (Lens): 26 eligible < 30 → hidden; Lallier: 19 eligible → hidden
    expect(r['QPDEMO0004']).toMatchObject({ suppressed: true, value: null, denominator: 26 });
    expect(r['QPDEMO0003']?.suppressed).toBe(true);
    const all = byCode(await rows(indicatorByTerritory(ind('non_recours_taux'), 'qpv', 2024, F())));
    // Grande Résidence, all benefits: 68 eligible, 21 non-recipients
    const w = wilsonInterval(21, 68);
    expect(all['QPDEMO0004']).toMatchObject({ numerator: 21, denominator: 68, suppressed: false });
    expect(all['QPDEMO0004']?.value).toBeCloseTo((21 / 68) * 100, 9);
    expect(all['QPDEMO0004']?.low).toBeCloseTo(w.low * 100, 9);
    expect(all['QPDEMO0004']?.high).toBeCloseTo(w.high * 100, 9);
  });
});

describe('indicatorByTerritoryYears', () => {
  // The map slices this result by year instead of asking for each year: every slice must be the
  // single-year result, row for row, for every indicator, level and filter kind.
  const cases: (readonly [string, Filters])[] = [
    ['sans filtre', F()],
    ['QPV', F({ territoryType: 'qpv' })],
    ['rural', F({ territoryType: 'rural' })],
    ['critère', F({ criterion: 'origine' })],
    ['prestation', F({ benefit: 'rsa' })],
  ];
  const combos: [TerritoryLevel, Filters][] = [
    ['france', F()],
    ...MAP_LEVELS.map((level): [TerritoryLevel, Filters] => [level, F()]),
    ...cases.slice(1).map(([, f]): [TerritoryLevel, Filters] => ['departement', f]),
  ];
  for (const indicator of INDICATORS) {
    it(`${indicator.id}: chaque année du résultat pluriannuel = la requête de l’année`, async () => {
      for (const [level, filters] of combos) {
        const all = await rows(indicatorByTerritoryYears(indicator, level, filters));
        for (const year of [FIRST_YEAR, 2020, LAST_YEAR]) {
          const one = await rows(indicatorByTerritory(indicator, level, year, filters));
          expect(all.filter((r) => r.year === year)).toEqual(one);
          // Every year holds the same territories: the level's, in code order.
          expect(all.length).toBe(one.length * (LAST_YEAR - FIRST_YEAR + 1));
        }
        const years = all.map((r) => Number(r.year));
        expect(years).toEqual([...years].sort((a, b) => a - b));
      }
    });
  }
});

describe('indicatorByTerritoryParts', () => {
  // The map slices this result by territory type and year: every (type, year) run must be the
  // single query with that type filter, row for row, for every indicator (services, where a
  // QPV filter means nothing, included), level and dimension filter.
  const combos: [TerritoryLevel, Filters][] = [
    ['france', F()],
    ...MAP_LEVELS.map((level): [TerritoryLevel, Filters] => [level, F()]),
    ['departement', F({ criterion: 'origine' })],
    ['departement', F({ benefit: 'rsa' })],
  ];
  for (const indicator of INDICATORS) {
    it(`${indicator.id}: chaque type et chaque année = la requête de ce filtre`, async () => {
      for (const [level, filters] of combos) {
        const all = await rows(indicatorByTerritoryParts(indicator, level, filters));
        // The type filter of the state does not change what is asked.
        expect(
          indicatorByTerritoryParts(indicator, level, { ...filters, territoryType: 'qpv' }),
        ).toBe(indicatorByTerritoryParts(indicator, level, filters));
        const order = all.map(
          (r) => `${TERRITORY_TYPES.indexOf(r.part as never)}|${String(r.year)}`,
        );
        expect(order).toEqual([...order].sort());
        for (const type of TERRITORY_TYPES) {
          for (const year of [2021, LAST_YEAR]) {
            const one = await rows(
              indicatorByTerritory(indicator, level, year, { ...filters, territoryType: type }),
            );
            const run = all
              .filter((r) => r.part === type && r.year === year)
              .map(({ part: _, ...r }) => r);
            expect(run).toEqual(one);
          }
        }
      }
    });
  }
});

describe('indicatorSeries', () => {
  it('gives, for each year, the figure of the map of that year', async () => {
    const refs = [
      { level: 'commune', code: '94038' },
      { level: 'departement', code: '94' },
    ] as const;
    const series = await rows(indicatorSeries(ind('reclamations'), refs, F()));
    expect(series).toHaveLength(20);
    expect(series.slice(0, 2).map((x) => [x.level, x.code, x.year])).toEqual([
      ['departement', '94', 2015],
      ['departement', '94', 2016],
    ]);
    for (const year of [2015, 2021, 2024]) {
      const map = byCode(
        await rows(indicatorByTerritory(ind('reclamations'), 'commune', year, F())),
      );
      const point = series.find((x) => x.code === '94038' && x.year === year);
      expect(point).toEqual(map['94038']);
    }
  });

  it('returns the contract columns and no row when asked for nothing', async () => {
    const t = await db.query(indicatorSeries(ind('reclamations'), [], F()));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(COLUMNS);
  });
});

describe('indicatorBreakdown', () => {
  it('breaks a commune down by criterion, ignoring the criterion filter', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2024,
        F({ criterion: 'handicap' }),
        'criterion',
      ),
    );
    expect(r).toHaveLength(18);
    const k = Object.fromEntries(r.map((x) => [x.key, x.numerator]));
    expect(k).toMatchObject({
      origine: 52,
      handicap: 29,
      etat_sante: 17,
      sexe: 12,
      lieu_residence: 5,
      age: 0,
    });
    expect(r.find((x) => x.key === 'origine')?.key_name).toBe('Origine');
  });

  it('applies secondary suppression within the territory', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'departement', code: '94' },
        2024,
        F(),
        'criterion',
      ),
    );
    const hidden = r.filter((x) => x.suppressed).map((x) => x.key);
    expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    expect(
      r.filter((x) => typeof x.numerator === 'number' && x.numerator > 0 && x.numerator < 5),
    ).toEqual([]);
  });

  it('breaks a commune down by QPV with populations, hors QPV last', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('non_recours_taux'),
        { level: 'commune', code: '93066' },
        2024,
        F(),
        'qpv',
      ),
    );
    expect(r.map((x) => [x.key, x.numerator, x.denominator, x.population])).toEqual([
      ['QPDEMO0001', 50, 153, 9_000],
      ['hors_qpv', 356, 1_102, 104_000],
    ]);
    expect(r[0]?.key_name).toBe('Franc-Moisin (démo)');
    expect(r[1]?.key_name).toBe('Hors QPV');
  });

  it('hides QPV keys that the QPV map hides', async () => {
    // Saint-Denis' QPV part of cases (35) is hidden on the QPV-filtered map (secondary), so its
    // only QPV must be hidden here too, and then the hors-QPV part since the commune total shows.
    const qpvMap = byCode(
      await rows(
        indicatorByTerritory(ind('reclamations'), 'commune', 2024, F({ territoryType: 'qpv' })),
      ),
    );
    expect(qpvMap['93066']?.suppressed).toBe(true);
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2024,
        F(),
        'qpv',
      ),
    );
    expect(r.map((x) => [x.key, x.suppressed, x.population])).toEqual([
      ['QPDEMO0001', true, 9_000],
      ['hors_qpv', true, 104_000],
    ]);
  });

  it('hides keys when the territory itself is hidden on the map', async () => {
    // Lens 2024 is hidden on the commune map (secondary); its parts are 4 and 2.
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '62498' },
        2024,
        F(),
        'qpv',
      ),
    );
    expect(r.every((x) => x.suppressed)).toBe(true);
  });
});

describe('indicatorGroupSeries', () => {
  const plaine = {
    id: 'plaine_commune',
    name: 'Plaine Commune',
    members: [
      { level: 'commune', code: '93066' },
      { level: 'commune', code: '93001' },
    ],
  } as const;

  it('sums members as one and keeps the given order', async () => {
    const nasty = {
      id: 'g"1',
      name: "Groupe «test»; --'x'\nsuite",
      members: [{ level: 'departement', code: '93' }],
    } as const;
    const r = await rows(
      indicatorGroupSeries(ind('reclamations_taux'), [nasty, plaine], F(), {
        from: 2024,
        to: 2024,
      }),
    );
    expect(r.map((x) => [x.code, x.name, x.numerator, x.population])).toEqual([
      ['g"1', "Groupe «test»; --'x'\nsuite", 222, 312_000],
      ['plaine_commune', 'Plaine Commune', 205, 201_000],
    ]);
    expect(r[1]?.level).toBe('groupe');
  });

  it('counts a fact once when members overlap', async () => {
    const overlap = {
      id: 'o',
      name: 'O',
      members: [
        { level: 'departement', code: '93' },
        { level: 'commune', code: '93066' },
      ],
    } as const;
    const r = await rows(
      indicatorGroupSeries(ind('reclamations'), [overlap], F(), { from: 2024, to: 2024 }),
    );
    expect(r[0]?.numerator).toBe(222);
  });

  it('hides a group total when exactly one member is hidden', async () => {
    const g = {
      id: 'x',
      name: 'X',
      members: [
        { level: 'commune', code: '94038' },
        { level: 'commune', code: '94081' },
      ],
    } as const;
    const r = await rows(
      indicatorGroupSeries(ind('reclamations'), [g], F(), { from: 2024, to: 2024 }),
    );
    expect(r[0]).toMatchObject({ suppressed: true, numerator: null });
  });

  it('puts the Plaine Commune site far above the national rate (funnel fixture)', async () => {
    const [site] = await rows(
      indicatorGroupSeries(ind('reclamations_taux'), [plaine], F(), { from: 2024, to: 2024 }),
    );
    const [fr] = await rows(nationalValue(ind('reclamations_taux'), 2024, F()));
    const expected = (Number(fr?.numerator) / Number(fr?.population)) * Number(site?.population);
    // z of a Poisson count against the national rate: far beyond 3.09 (99.8 %)
    const z = (Number(site?.numerator) - expected) / Math.sqrt(expected);
    expect(z).toBeGreaterThan(3.09);
  });
});

describe('territory helpers', () => {
  it('finds territories by accent-insensitive name, nasty names included', async () => {
    const r = await rows(territorySearch("l'hay"));
    expect(r.map((x) => x.code)).toEqual(['94038', 'QPDEMO0003']);
    const e = await rows(territorySearch('CA Test; --Nord'));
    expect(e.map((x) => [x.level, x.code])).toEqual([['epci', '200099999']]);
    expect(await rows(territorySearch('%'))).toEqual([]);
    expect(
      (await rows(territorySearch('93', { levels: ['departement'] }))).map((x) => x.code),
    ).toEqual(['93']);
  });

  it('looks territories up by reference, levels kept apart', async () => {
    const r = await rows(
      territoryLookup([
        { level: 'commune', code: '94038' },
        { level: 'departement', code: '94' },
        { level: 'region', code: '94' },
      ]),
    );
    expect(r.map((x) => [x.level, x.name])).toEqual([
      ['departement', 'Val-de-Marne'],
      ['commune', "L'Haÿ-les-Roses"],
    ]);
  });

  it('lists the years with data', async () => {
    const r = await rows(availableYears(ind('reclamations')));
    expect(r.map((x) => x.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
  });
});
