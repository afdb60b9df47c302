/**
 * Builders over the published cells, on DuckDB-WASM (Node build) and data/fixtures (a
 * publication of a hand-made world, see scripts/fixtures.parquet.ts). Figures are checked
 * against the published tables read directly, so the tests say what the builders add: the grid
 * of territories (absent cell = 0), populations, rates and intervals, parts read from a
 * commune's whole, QPV lists by year, series across the change of list, groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { INDICATORS, findIndicator, type IndicatorDefinition } from '../catalogue/indicators';
import { FIRST_YEAR, LAST_YEAR, MAP_LEVELS, PARTS, type TerritoryLevel } from '../catalogue/schema';
import { byarInterval, wilsonInterval } from '../stats/intervals';
import {
  NO_FILTERS,
  availableYears,
  breakdownAvailable,
  figuresPublished,
  indicatorBreakdown,
  indicatorByTerritory,
  indicatorByTerritoryParts,
  indicatorByTerritoryYears,
  indicatorGroupSeries,
  indicatorSeries,
  nationalSeries,
  nationalValues,
  territoryLookup,
  territorySearch,
  type Filters,
} from './index';
import { levelRowsCtes, withQuery } from './cells';

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
  return t.toArray().map((r: { toJSON(): Row }) => ({ ...r.toJSON() }));
}
const byCode = (rs: Row[]): Record<string, Row> =>
  Object.fromEntries(rs.map((r) => [String(r.code), r]));

/** The published cell of the claims (total) of a territory, part and year, read directly. */
async function cell(level: string, code: string, part: string, year: number): Promise<Row | null> {
  const [r] = await rows(
    `SELECT "count", suppressed FROM cases WHERE level = '${level}' AND code = '${code}' AND part = '${part}' AND year = ${year} AND dimension = 'total'`,
  );
  return r ?? null;
}
async function population(
  level: string,
  code: string,
  part: string,
  year: number,
): Promise<number> {
  const [r] = await rows(
    `SELECT population FROM populations WHERE level = '${level}' AND code = '${code}' AND part = '${part}' AND ${year} BETWEEN year_from AND year_to`,
  );
  return Number(r?.population ?? 0);
}

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
  it('writes one standalone query over the published cells, the breakdown and year in it', () => {
    const sql = indicatorByTerritory(
      ind('reclamations'),
      'departement',
      2024,
      F({ domain: 'logement' }),
    );
    expect(sql.startsWith('WITH ')).toBe(true);
    expect(sql).toContain("FROM cases WHERE level = 'departement' AND year BETWEEN 2024 AND 2024");
    expect(sql).toContain("dimension = 'domain' AND category = 'logement'");
    expect(sql).not.toContain('cases_grain');
    expect(
      indicatorByTerritory(ind('reclamations'), 'departement', 2024, F({ domain: 'logement' })),
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

  it('shows each commune as published: its count, secret (never a value), or 0 where nothing was filed', async () => {
    const r = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, F())));
    expect(Object.keys(r)).toHaveLength(11);
    for (const [code, row] of Object.entries(r)) {
      const published = await cell('commune', code, 'tous', 2024);
      if (published === null)
        expect(row).toMatchObject({ numerator: 0, value: 0, suppressed: false });
      else if (published.suppressed)
        expect(row).toMatchObject({ numerator: null, value: null, low: null, suppressed: true });
      else
        expect(row).toMatchObject({
          numerator: published.count,
          value: published.count,
          suppressed: false,
        });
    }
    // Acheville files nothing (rate 0 in the fixture rule), Montreuil is shown.
    expect(r['62003']).toMatchObject({ numerator: 0, suppressed: false });
    expect(r['93048']?.numerator).toBe(17);
    expect(Object.values(r).some((x) => x.suppressed)).toBe(true);
  });

  it('gives rates per 100,000 with Byar intervals over the population of the part', async () => {
    const r = byCode(
      await rows(indicatorByTerritory(ind('reclamations_taux'), 'departement', 2024, F())),
    );
    for (const code of ['93', '94', '62', '971']) {
      const published = await cell('departement', code, 'tous', 2024);
      const pop = await population('departement', code, 'tous', 2024);
      expect(r[code]?.population).toBe(pop);
      if (published?.suppressed) {
        expect(r[code]).toMatchObject({ value: null, suppressed: true });
        continue;
      }
      const n = Number(published?.count);
      const { low, high } = byarInterval(n);
      expect(r[code]?.value).toBeCloseTo((n / pop) * 100_000, 9);
      expect(r[code]?.low).toBeCloseTo((low / pop) * 100_000, 9);
      expect(r[code]?.high).toBeCloseTo((high / pop) * 100_000, 9);
    }
  });

  it('gives the national figure (one row, FR)', async () => {
    const r = await rows(indicatorByTerritory(ind('reclamations'), 'france', 2024, F()));
    const published = await cell('france', 'FR', 'tous', 2024);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ level: 'france', code: 'FR', numerator: published?.count });
  });

  it('restricts to a parent without changing figures, including for a finer `within`', async () => {
    const all = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, F())));
    const in94 = await rows(
      indicatorByTerritory(ind('reclamations'), 'commune', 2024, F(), {
        within: { level: 'departement', code: '94' },
      }),
    );
    expect(in94.map((x) => x.code)).toEqual(['94038', '94046', '94081']);
    for (const x of in94) expect(x).toEqual(all[String(x.code)]);
    const ofCommune = await rows(
      indicatorByTerritory(ind('reclamations'), 'departement', 2024, F(), {
        within: { level: 'commune', code: '62001' },
      }),
    );
    expect(ofCommune.map((x) => x.code)).toEqual(['62']);
  });

  it('reads a commune’s QPV and hors-QPV parts where it has a QPV in force, its whole elsewhere', async () => {
    const qpv = byCode(
      await rows(
        indicatorByTerritory(ind('reclamations'), 'commune', 2024, F({ territoryType: 'qpv' })),
      ),
    );
    // Communes with a QPV in force in 2024 (2024 list in metropolitan France, 2015 list overseas).
    expect(Object.keys(qpv).sort()).toEqual(['62498', '93001', '93066', '94038', '97101']);
    const hors = byCode(
      await rows(
        indicatorByTerritory(
          ind('reclamations'),
          'commune',
          2024,
          F({ territoryType: 'hors_qpv' }),
        ),
      ),
    );
    expect(Object.keys(hors)).toHaveLength(11);
    const whole = byCode(
      await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, F())),
    );
    // Montreuil has no QPV: its hors-QPV part is the commune.
    expect({ ...hors['93048'] }).toEqual({ ...whole['93048'] });
    expect(hors['93066']?.population).toBe(await population('commune', '93066', 'hors_qpv', 2024));
    // The 2015 list: Montreuil still without QPV, Saint-Denis with two in 2023.
    const q2023 = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'qpv', 2023, F())));
    expect(Object.keys(q2023).sort()).toEqual([
      'QP062026',
      'QP093028',
      'QP093037',
      'QP093041',
      'QP094017',
      'QP971003',
    ]);
  });

  it('shows a rural, FRR or ZRR part of a commune as the commune itself, and leaves the others out', async () => {
    const rural = await rows(
      indicatorByTerritory(
        ind('reclamations_taux'),
        'commune',
        2024,
        F({ territoryType: 'rural' }),
      ),
    );
    expect(rural.map((x) => x.code)).toEqual(['62001', '62003']);
    const whole = byCode(
      await rows(indicatorByTerritory(ind('reclamations_taux'), 'commune', 2024, F())),
    );
    for (const x of rural) expect(x).toEqual(whole[String(x.code)]);
    const frr = await rows(
      indicatorByTerritory(ind('reclamations'), 'commune', 2024, F({ territoryType: 'frr' })),
    );
    expect(frr.map((x) => x.code)).toEqual(['62001', '62003']);
    // ZRR only in the years of the zoning.
    expect(
      await rows(
        indicatorByTerritory(ind('reclamations'), 'commune', 2016, F({ territoryType: 'zrr' })),
      ),
    ).toEqual([]);
    expect(
      await rows(
        indicatorByTerritory(ind('reclamations'), 'departement', 2016, F({ territoryType: 'zrr' })),
      ),
    ).toEqual([]);
    const zrr = await rows(
      indicatorByTerritory(ind('reclamations'), 'commune', 2020, F({ territoryType: 'zrr' })),
    );
    expect(zrr.map((x) => x.code)).toEqual(['62001', '62003']);
  });

  it('draws the QPV of the list in force: 2015 list until 2023, 2024 list after (overseas: 2015 list in 2024)', async () => {
    const q2024 = await rows(indicatorByTerritory(ind('reclamations'), 'qpv', 2024, F()));
    expect(q2024.map((x) => x.code)).toEqual([
      'QN06226M',
      'QN09328M',
      'QN09337M',
      'QN09340I',
      'QN09365N',
      'QN09415I',
      'QP971003',
    ]);
  });

  it('publishes the claims by criterion, domain or channel only from the département up', async () => {
    const f = F({ criterion: 'origine' });
    expect(figuresPublished(ind('reclamations'), 'commune', f)).toBe(false);
    expect(figuresPublished(ind('reclamations'), 'departement', f)).toBe(true);
    expect(await rows(indicatorByTerritory(ind('reclamations'), 'commune', 2024, f))).toEqual([]);
    const dep = byCode(
      await rows(indicatorByTerritory(ind('reclamations'), 'departement', 2024, f)),
    );
    const [c93] = await rows(
      `SELECT "count", suppressed FROM cases WHERE level = 'departement' AND code = '93' AND year = 2024 AND part = 'tous' AND dimension = 'criterion' AND category = 'origine'`,
    );
    expect(dep['93']).toMatchObject({
      numerator: c93?.suppressed ? null : c93?.count,
      suppressed: c93?.suppressed,
    });
  });

  it('counts France services open on 31 December, by part', async () => {
    const r = byCode(
      await rows(indicatorByTerritory(ind('france_services'), 'commune', 2022, F())),
    );
    // fs-0002 (2020), fs-0001 (2021) in Saint-Denis and Aubervilliers; fs-0005 (bus, closed 2023).
    expect(r['93066']?.numerator).toBe(1);
    expect(r['62001']?.numerator).toBe(1);
    expect(r['94038']?.numerator).toBe(1);
    const r2024 = byCode(
      await rows(indicatorByTerritory(ind('france_services'), 'commune', 2024, F())),
    );
    expect(r2024['62001']?.numerator).toBe(0);
    const rural = byCode(
      await rows(
        indicatorByTerritory(
          ind('france_services'),
          'departement',
          2022,
          F({ territoryType: 'rural' }),
        ),
      ),
    );
    expect(rural['62']?.numerator).toBe(1);
    // No QPV part for places that are not located in QPV: empty, not 0.
    const inQpv = byCode(
      await rows(
        indicatorByTerritory(
          ind('france_services'),
          'departement',
          2022,
          F({ territoryType: 'qpv' }),
        ),
      ),
    );
    expect(inQpv['93']).toMatchObject({ numerator: null, value: null, suppressed: false });
  });

  it('returns no row where the indicator is not valid', async () => {
    expect(
      await rows(indicatorByTerritory(ind('france_services_taux'), 'commune', 2024, F())),
    ).toEqual([]);
  });

  it('computes non-recours rates with Wilson intervals, benefit by benefit (RSA by default)', async () => {
    const r = byCode(
      await rows(indicatorByTerritory(ind('non_recours_taux'), 'departement', 2024, F())),
    );
    const [p] = await rows(
      `SELECT eligible, non_recipients, suppressed FROM non_recours WHERE level = 'departement' AND code = '93' AND part = 'tous' AND year = 2024 AND benefit = 'rsa'`,
    );
    expect(p?.suppressed).toBe(false);
    const { low, high } = wilsonInterval(Number(p?.non_recipients), Number(p?.eligible));
    expect(r['93']).toMatchObject({ numerator: p?.non_recipients, denominator: p?.eligible });
    expect(r['93']?.low).toBeCloseTo(low * 100, 9);
    expect(r['93']?.high).toBeCloseTo(high * 100, 9);
    const aah = byCode(
      await rows(
        indicatorByTerritory(ind('non_recours_taux'), 'commune', 2024, F({ benefit: 'aah' })),
      ),
    );
    const hidden = await rows(
      `SELECT code FROM non_recours WHERE level = 'commune' AND part = 'tous' AND year = 2024 AND benefit = 'aah' AND suppressed`,
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden)
      expect(aah[String(h.code)]).toMatchObject({
        numerator: null,
        denominator: null,
        value: null,
        suppressed: true,
      });
  });
});

describe('indicatorByTerritoryYears', () => {
  // The map slices this result by year: every slice must be the single-year result, row for row.
  const combos: [TerritoryLevel, Filters][] = [
    ['france', F()],
    ...MAP_LEVELS.map((level): [TerritoryLevel, Filters] => [level, F()]),
    ['departement', F({ territoryType: 'qpv' })],
    ['commune', F({ territoryType: 'rural' })],
    ['departement', F({ criterion: 'origine' })],
    ['departement', F({ benefit: 'aah' })],
  ];
  for (const indicator of INDICATORS) {
    it(`${indicator.id}: chaque année du résultat pluriannuel = la requête de l’année`, async () => {
      for (const [level, filters] of combos) {
        const all = await rows(indicatorByTerritoryYears(indicator, level, filters));
        for (const year of [FIRST_YEAR, 2020, 2023, LAST_YEAR]) {
          const one = await rows(indicatorByTerritory(indicator, level, year, filters));
          expect(all.filter((r) => r.year === year)).toEqual(one);
        }
        const years = all.map((r) => Number(r.year));
        expect(years).toEqual([...years].sort((a, b) => a - b));
      }
    });
  }
});

describe('nationalSeries', () => {
  // The Sites view reads France and its comparable territories from the national figures of
  // every type: each slice must be France's series with that type, row for row.
  const seriesColumns = (rs: Row[]): Row[] =>
    rs.map(({ level, code, name, year, numerator, denominator, value, low, high, suppressed }) => ({
      ...{ level, code, name, year, numerator, denominator, value, low, high, suppressed },
    }));
  const asRows = (t: Table): Row[] =>
    t.toArray().map((r: { toJSON(): Row }) => ({ ...r.toJSON() }));
  for (const indicator of INDICATORS) {
    it(`${indicator.id}: une tranche par type = la série de la France de ce type`, async () => {
      const all = await db.query(nationalValues(indicator, F()));
      for (const type of PARTS) {
        const series = await rows(
          indicatorSeries(indicator, [{ level: 'france', code: 'FR' }], F({ territoryType: type })),
        );
        expect(series.length, type).toBeGreaterThan(0);
        for (const to of [FIRST_YEAR, 2020, LAST_YEAR]) {
          expect(seriesColumns(asRows(nationalSeries(all, type, to))), `${type} → ${to}`).toEqual(
            seriesColumns(series.filter((r) => Number(r.year) <= to)),
          );
        }
      }
    });
  }
});

describe('indicatorByTerritoryParts', () => {
  // The map slices this result by territory type and year: every (type, year) run must be the
  // single query with that type filter, row for row.
  const combos: [TerritoryLevel, Filters][] = [
    ['france', F()],
    ...MAP_LEVELS.map((level): [TerritoryLevel, Filters] => [level, F()]),
    ['departement', F({ channel: 'siege' })],
    ['departement', F({ benefit: 'prime_activite' })],
  ];
  for (const indicator of INDICATORS) {
    it(`${indicator.id}: chaque type et chaque année = la requête de ce filtre`, async () => {
      for (const [level, filters] of combos) {
        const all = await rows(indicatorByTerritoryParts(indicator, level, filters));
        expect(
          indicatorByTerritoryParts(indicator, level, { ...filters, territoryType: 'qpv' }),
        ).toBe(indicatorByTerritoryParts(indicator, level, filters));
        const order = all.map(
          (r) => `${String(PARTS.indexOf(r.part as never)).padStart(2, '0')}|${String(r.year)}`,
        );
        expect(order).toEqual([...order].sort());
        for (const type of PARTS) {
          for (const year of [2016, 2021, LAST_YEAR]) {
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
    expect(series.slice(0, 2).map((x) => [x.level, x.code, x.year, x.link])).toEqual([
      ['departement', '94', 2015, 'meme_code'],
      ['departement', '94', 2016, 'meme_code'],
    ]);
    for (const year of [2015, 2021, 2024]) {
      const map = byCode(
        await rows(indicatorByTerritory(ind('reclamations'), 'commune', year, F())),
      );
      const {
        source_codes: source,
        link: _link,
        ...point
      } = series.find((x) => x.code === '94038' && x.year === year) ?? {};
      expect(point).toEqual({ ...map['94038'] });
      expect(source).toBe('94038');
    }
  });

  it('follows a QPV across the change of list through the correspondence, never silently', async () => {
    const s = await rows(
      indicatorSeries(
        ind('reclamations'),
        [
          { level: 'qpv', code: 'QN09337M' }, // modified: its 2015 predecessor, another perimeter
          { level: 'qpv', code: 'QN09340I' }, // unchanged
          { level: 'qpv', code: 'QN09365N' }, // new in 2024: nothing before
          { level: 'qpv', code: 'QP093037' }, // a 2015 QPV, followed by its successor in 2024
        ],
        F(),
      ),
    );
    const of = (code: string): Row[] => s.filter((x) => x.code === code);
    expect(of('QN09337M').map((x) => [x.year, x.source_codes, x.link])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [2015 + i, 'QP093037', 'correspondance']),
      [2024, 'QN09337M', 'meme_code'],
    ]);
    expect(
      new Set(
        of('QN09340I')
          .slice(0, 9)
          .map((x) => x.link),
      ),
    ).toEqual(new Set(['inchange']));
    expect(of('QN09365N').map((x) => x.year)).toEqual([2024]);
    expect(
      of('QP093037')
        .map((x) => [x.year, x.link])
        .at(-1),
    ).toEqual([2024, 'correspondance']);
    // A year read through the correspondence gives the predecessor's published figure.
    const q2023 = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'qpv', 2023, F())));
    const { numerator, suppressed } = of('QN09337M').find((x) => x.year === 2023) ?? {};
    expect({ numerator, suppressed }).toEqual({
      numerator: q2023.QP093037?.numerator,
      suppressed: q2023.QP093037?.suppressed,
    });
  });

  it('returns the contract columns and no row when asked for nothing', async () => {
    const t = await db.query(indicatorSeries(ind('reclamations'), [], F()));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual([...COLUMNS, 'source_codes', 'link']);
  });
});

describe('indicatorBreakdown', () => {
  it('breaks a département down by criterion, ignoring every axis filter, as published', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'departement', code: '93' },
        2024,
        F({ domain: 'logement' }),
        'criterion',
      ),
    );
    expect(r).toHaveLength(18);
    const published = await rows(
      `SELECT category, "count", suppressed FROM cases WHERE level = 'departement' AND code = '93' AND year = 2024 AND part = 'tous' AND dimension = 'criterion'`,
    );
    const by = Object.fromEntries(published.map((p) => [String(p.category), p]));
    for (const x of r) {
      const p = by[String(x.key)];
      if (!p) expect(x).toMatchObject({ numerator: 0, suppressed: false });
      else
        expect(x).toMatchObject({
          numerator: p.suppressed ? null : p.count,
          suppressed: p.suppressed,
        });
    }
    expect(r.find((x) => x.key === 'origine')?.key_name).toBe('Origine');
  });

  it('has no criterion breakdown below the département', () => {
    expect(breakdownAvailable(ind('reclamations'), 'commune', 'criterion')).toBe(false);
    expect(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2024,
        F(),
        'criterion',
      ),
    ).toContain('WHERE FALSE');
    expect(breakdownAvailable(ind('non_recours_taux'), 'commune', 'benefit')).toBe(true);
  });

  it('breaks a commune down by QPV in force that year, hors QPV last', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2024,
        F({ territoryType: 'qpv' }),
        'qpv',
      ),
    );
    expect(r.map((x) => x.key)).toEqual([
      'QN09328M',
      'QN09337M',
      'QN09340I',
      'QN09365N',
      'hors_qpv',
    ]);
    const q = byCode(await rows(indicatorByTerritory(ind('reclamations'), 'qpv', 2024, F())));
    for (const x of r.slice(0, 4)) expect(x.suppressed).toBe(q[String(x.key)]?.suppressed);
    const r2023 = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2023,
        F(),
        'qpv',
      ),
    );
    expect(r2023.map((x) => x.key)).toEqual(['QP093028', 'QP093037', 'QP093041', 'hors_qpv']);
  });

  it('has no QPV breakdown under a claims axis filter, rather than secret QPV shown as 0', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('reclamations'),
        { level: 'commune', code: '93066' },
        2024,
        F({ criterion: 'origine' }),
        'qpv',
      ),
    );
    expect(r).toEqual([]);
  });

  it('gives no figure, not zeros, for a claims axis not published at the level', async () => {
    const read = async (filters: Filters) =>
      rows(
        withQuery(
          levelRowsCtes(ind('reclamations'), 'qpv', { from: 2024, to: 2024 }, filters, ['tous']),
          'SELECT code, num, sup FROM qc_rows',
        ),
      );
    const total = await read(F());
    expect(total.length).toBeGreaterThan(0);
    expect(total.filter((x) => x.num === null && !x.sup)).toEqual([]);
    const origine = await read(F({ criterion: 'origine' }));
    expect(origine).toHaveLength(total.length);
    expect(origine.filter((x) => x.num !== null)).toEqual([]);
  });

  it('breaks non-recours down by benefit', async () => {
    const r = await rows(
      indicatorBreakdown(
        ind('non_recours_taux'),
        { level: 'departement', code: '62' },
        2024,
        F(),
        'benefit',
      ),
    );
    expect(r).toHaveLength(9);
    expect(
      r
        .filter((x) => x.numerator !== null && Number(x.denominator) > 0)
        .map((x) => x.key)
        .sort(),
    ).toEqual(expect.arrayContaining(['rsa']));
  });
});

describe('indicatorGroupSeries', () => {
  const site = {
    id: 'plaine_commune',
    name: 'Plaine Commune',
    members: [{ level: 'site' as const, code: 'plaine_commune' }],
  };

  it('reads a site as its published cell', async () => {
    const r = await rows(
      indicatorGroupSeries(ind('reclamations'), [site], F(), { from: 2024, to: 2024 }),
    );
    const published = await cell('site', 'plaine_commune', 'tous', 2024);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      level: 'groupe',
      code: 'plaine_commune',
      numerator: published?.count,
      hidden_members: 0,
      lower_bound: false,
    });
  });

  it('shows a site whose cell is secret as secret, not as a lower bound of nothing', async () => {
    const hidden = (
      await rows(
        `SELECT code, year FROM cases WHERE level = 'site' AND part = 'tous' AND dimension = 'total' AND suppressed ORDER BY year, code LIMIT 1`,
      )
    )[0];
    expect(hidden).toBeDefined();
    const year = Number(hidden?.year);
    const r = await rows(
      indicatorGroupSeries(
        ind('reclamations'),
        [{ id: 'S', name: 'Site', members: [{ level: 'site', code: String(hidden?.code) }] }],
        F(),
        { from: year, to: year },
      ),
    );
    expect(r[0]).toMatchObject({
      hidden_members: 1,
      lower_bound: false,
      suppressed: true,
      numerator: null,
      value: null,
    });
  });

  it('sums published members only: a secret member makes the figure a lower bound, never a total', async () => {
    // The attack: BASE and BASE + one secret commune. The second must not give it away.
    const base = [
      { level: 'commune' as const, code: '93048' },
      { level: 'commune' as const, code: '94081' },
    ];
    const secret = (
      await rows(
        `SELECT code FROM cases WHERE level = 'commune' AND part = 'tous' AND year = 2024 AND dimension = 'total' AND suppressed ORDER BY code`,
      )
    )[0]?.code;
    expect(secret).toBeDefined();
    const r = byCode(
      await rows(
        indicatorGroupSeries(
          ind('reclamations'),
          [
            { id: 'BASE', name: 'Base', members: base },
            {
              id: 'G1',
              name: 'Base et une commune secrète',
              members: [...base, { level: 'commune', code: String(secret) }],
            },
          ],
          F(),
          { from: 2024, to: 2024 },
        ),
      ),
    );
    expect(r.BASE).toMatchObject({ hidden_members: 0, lower_bound: false, suppressed: false });
    expect(r.G1).toMatchObject({
      hidden_members: 1,
      lower_bound: true,
      numerator: r.BASE?.numerator,
    });
    // A rate per inhabitant is a lower bound too; a share of the eligible is withheld.
    const secretAah = (
      await rows(
        `SELECT code FROM non_recours WHERE level = 'commune' AND part = 'tous' AND year = 2024 AND benefit = 'aah' AND suppressed ORDER BY code`,
      )
    )[0]?.code;
    const nr = byCode(
      await rows(
        indicatorGroupSeries(
          ind('non_recours_taux'),
          [
            {
              id: 'G',
              name: 'G',
              members: [
                { level: 'commune', code: String(secretAah) },
                { level: 'commune', code: '93048' },
              ],
            },
          ],
          F({ benefit: 'aah' }),
          { from: 2024, to: 2024 },
        ),
      ),
    );
    expect(nr.G?.hidden_members).toBeGreaterThan(0);
    expect(nr.G).toMatchObject({ value: null, suppressed: true });
  });

  it('gives groups of one member the same rows whether or not members are resolved', async () => {
    // Groups of one member skip member resolution; a group of two members in the same query
    // brings it back for every group. Both must agree, row for row, with and without secrets.
    const single = [
      site,
      { id: 'VV', name: 'Vaulx', members: [{ level: 'site' as const, code: 'vaulx_en_velin' }] },
      { id: 'D', name: 'Département', members: [{ level: 'departement' as const, code: '93' }] },
      { id: 'C', name: 'Commune', members: [{ level: 'commune' as const, code: '93048' }] },
      {
        id: 'Q',
        name: 'QPV et doublon',
        members: [
          { level: 'qpv' as const, code: 'QN09328M' },
          { level: 'qpv' as const, code: 'QN09328M' },
        ],
      },
    ];
    const pair = {
      id: 'P',
      name: 'Deux',
      members: [
        { level: 'commune' as const, code: '93001' },
        { level: 'commune' as const, code: '93066' },
      ],
    };
    const fast = indicatorGroupSeries(ind('reclamations'), single, F());
    expect(fast).not.toContain('gr_inside');
    expect(indicatorGroupSeries(ind('reclamations'), [...single, pair], F())).toContain(
      'gr_inside',
    );
    let secrets = 0;
    for (const indicator of INDICATORS) {
      for (const filters of [F(), F({ territoryType: 'qpv' })]) {
        const one = await rows(indicatorGroupSeries(indicator, single, filters));
        const all = await rows(indicatorGroupSeries(indicator, [...single, pair], filters));
        expect(one).toEqual(all.filter((r) => r.code !== 'P'));
        secrets += one.filter((r) => r.suppressed === true).length;
      }
    }
    expect(secrets).toBeGreaterThan(0);
  });

  it('counts a member inside another member once, and refuses members that overlap in part', async () => {
    const r = byCode(
      await rows(
        indicatorGroupSeries(
          ind('reclamations'),
          [
            { id: 'D', name: 'Département', members: [{ level: 'departement', code: '93' }] },
            {
              id: 'DC',
              name: 'Département et commune',
              members: [
                { level: 'departement', code: '93' },
                { level: 'commune', code: '93048' },
              ],
            },
            // QN09328M spans Aubervilliers and Saint-Denis: with Aubervilliers alone, they overlap.
            {
              id: 'OV',
              name: 'Chevauchement',
              members: [
                { level: 'qpv', code: 'QN09328M' },
                { level: 'commune', code: '93001' },
              ],
            },
          ],
          F(),
          { from: 2024, to: 2024 },
        ),
      ),
    );
    expect({ ...r.DC, code: 'D', name: 'Département' }).toEqual({ ...r.D });
    expect(r.OV).toMatchObject({ overlap: true, value: null, suppressed: true });
  });
});

describe('territory helpers', () => {
  it('finds territories by accent-insensitive name, nasty names included', async () => {
    const r = await rows(territorySearch("l'hay"));
    expect(r.map((x) => x.code)).toEqual(['94038']);
    const e = await rows(territorySearch('CA Test; --Nord'));
    expect(e.map((x) => [x.level, x.code])).toEqual([['epci', '200099999']]);
    expect(await rows(territorySearch('%'))).toEqual([]);
    expect(
      (await rows(territorySearch('93', { levels: ['departement'] }))).map((x) => x.code),
    ).toEqual(['93']);
    expect((await rows(territorySearch('jardins parisiens'))).map((x) => x.code)).toEqual([
      'QN09415I',
      'QP094017',
    ]);
  });

  it('looks territories up by reference, with the QPV list, status and links', async () => {
    const r = await rows(
      territoryLookup([
        { level: 'commune', code: '94038' },
        { level: 'departement', code: '94' },
        { level: 'region', code: '94' },
        { level: 'qpv', code: 'QN09337M' },
      ]),
    );
    expect(r.map((x) => [x.level, x.name])).toEqual([
      ['departement', 'Val-de-Marne'],
      ['commune', "L'Haÿ-les-Roses"],
      ['qpv', 'Plaine - Landy - Bailly'],
    ]);
    expect(r[2]).toMatchObject({
      qpv_list: '2024',
      qpv_status: 'modifie',
      predecessors: 'QP093037',
      valid_from: 2024,
      population_synthetic: true,
    });
    expect(r[1]).toMatchObject({
      density_level: 'grands_centres_urbains',
      rurality: 'dense',
      frr: 'non_classee',
    });
  });

  it('lists the years with data', async () => {
    const r = await rows(availableYears(ind('reclamations')));
    expect(r.map((x) => x.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
  });
});
