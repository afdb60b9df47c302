/**
 * Builders over the published cells: breakdowns, group series and the territory helpers, on the fixtures (see builders-fixture.ts).
 * Figures are checked against the published tables read directly.
 */
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../catalogue/indicators';
import { levelRowsCtes, withQuery } from './cells';
import {
  availableYears,
  breakdownAvailable,
  indicatorBreakdown,
  indicatorByTerritory,
  indicatorGroupSeries,
  territoryLookup,
  territorySearch,
  type Filters,
} from './index';
import { openFixtureDb, ind, F, rows, byCode, cell } from './builders-fixture';

openFixtureDb();

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
