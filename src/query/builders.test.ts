/**
 * Builders over the published cells: the map and table builder (indicatorByTerritory), on the fixtures (see builders-fixture.ts).
 * Figures are checked against the published tables read directly.
 */
import { describe, expect, it } from 'vitest';
import { byarInterval, wilsonInterval } from '../stats/intervals';
import { figuresPublished, indicatorByTerritory } from './index';
import {
  db,
  openFixtureDb,
  ind,
  F,
  rows,
  byCode,
  cell,
  population,
  COLUMNS,
} from './builders-fixture';

openFixtureDb();

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
    // The published counts are BIGINT (bigint in JS), the map's columns DOUBLE.
    expect(r['93']).toMatchObject({
      numerator: Number(p?.non_recipients),
      denominator: Number(p?.eligible),
    });
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
