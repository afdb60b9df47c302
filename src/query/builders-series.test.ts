/**
 * Builders over the published cells: the series builders (per year, national, all parts at once, one territory over time), on the fixtures (see builders-fixture.ts).
 * Figures are checked against the published tables read directly.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { INDICATORS } from '../catalogue/indicators';
import { FIRST_YEAR, LAST_YEAR, MAP_LEVELS, PARTS, type TerritoryLevel } from '../catalogue/schema';
import {
  indicatorByTerritory,
  indicatorByTerritoryParts,
  indicatorByTerritoryYears,
  indicatorSeries,
  nationalSeries,
  nationalValues,
  type Filters,
} from './index';
import { db, openFixtureDb, ind, F, type Row, rows, byCode, COLUMNS } from './builders-fixture';

openFixtureDb();

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
