// Correctness of the Sites figures on the real engine (DuckDB-WASM's Node build over
// data/fixtures): a site equals the sum of its members, the SQL intervals agree with the exact
// reference of src/stats, and the fixture's Plaine Commune lies beyond the funnel's limits.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIndicator, LAST_YEAR, type IndicatorDefinition } from '../../catalogue';
import { deriveFunnel } from '../../charts/funnel';
import { seriesPoints } from '../../charts/site-series';
import type { Connector } from '../../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../../db/node';
import {
  buildGroups,
  indicatorByTerritory,
  indicatorGroupSeries,
  indicatorSeries,
  NO_FILTERS,
  queryGroups,
  readSiteMembers,
  siteMembersSql,
} from '../../query';
import { byarInterval, poissonExactInterval, wilsonInterval } from '../../stats';

const FIXTURES = path.resolve(import.meta.dirname, '../../../data/fixtures');
let db: Connector;

function indicator(id: string): IndicatorDefinition {
  const ind = findIndicator(id);
  if (!ind) throw new Error(id);
  return ind;
}

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

async function siteGroups() {
  const members = readSiteMembers(await db.query(siteMembersSql()));
  return buildGroups(
    ['plaine_commune', 'vaulx_en_velin', 'ouest_provence', 'lens_lievin'],
    members,
    [],
  );
}

describe('site membership', () => {
  it('resolves every site of the fixtures as its published territory, with its communes and QPV', async () => {
    const groups = await siteGroups();
    const pc = groups.find((g) => g.id === 'plaine_commune');
    expect(pc?.members).toEqual([{ level: 'site', code: 'plaine_commune' }]);
    expect(pc?.memberNames).toEqual(['Aubervilliers', 'Saint-Denis']);
    expect(pc?.qpv.map((q) => `${q.list}:${q.code}`).sort()).toEqual([
      '2015:QP093028',
      '2015:QP093037',
      '2015:QP093041',
      '2024:QN09328M',
      '2024:QN09337M',
      '2024:QN09340I',
      '2024:QN09365N',
    ]);
    expect(groups.every((g) => g.members.length > 0)).toBe(true);
  });
});

describe('a site equals the sum of its members', () => {
  for (const id of ['reclamations', 'reclamations_taux', 'non_recours_taux', 'non_recourants']) {
    it(`${id}: the published site cell is the sum of its communes whenever they are all shown`, async () => {
      const ind = indicator(id);
      const members = readSiteMembers(await db.query(siteMembersSql()));
      let compared = 0;
      for (const g of queryGroups(await siteGroups())) {
        const communes = (members.communes.get(g.id as never) ?? []).map((c) => ({
          level: 'commune' as const,
          code: c.code,
        }));
        const site = seriesPoints(await db.query(indicatorGroupSeries(ind, [g], NO_FILTERS)));
        const sum = seriesPoints(
          await db.query(
            indicatorGroupSeries(ind, [{ id: g.id, name: g.name, members: communes }], NO_FILTERS),
          ),
        );
        for (const p of site) {
          const q = sum.find((x) => x.year === p.year);
          if (!q || q.hiddenMembers > 0 || p.suppressed) continue;
          expect(q.value, `${g.id} ${p.year}`).toBeCloseTo(p.value ?? NaN, 9);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(5);
    });
  }

  it('reads the published cell of Plaine Commune', async () => {
    const groups = queryGroups(await siteGroups()).filter((g) => g.id === 'plaine_commune');
    const site = seriesPoints(
      await db.query(indicatorGroupSeries(indicator('reclamations'), groups, NO_FILTERS)),
    );
    const raw = await db.query(
      `SELECT year::INTEGER AS year, "count"::DOUBLE AS n, suppressed FROM cases WHERE level = 'site' AND code = 'plaine_commune' AND part = 'tous' AND dimension = 'total' ORDER BY 1`,
    );
    expect(raw.numRows).toBe(10);
    for (let i = 0; i < raw.numRows; i++) {
      const year = Number(raw.getChild('year')?.get(i));
      const p = site.find((s) => s.year === year);
      const n = raw.getChild('n')?.get(i) as number | null;
      expect(p?.value ?? null).toBe(n);
      expect(p?.suppressed).toBe(Boolean(raw.getChild('suppressed')?.get(i)));
    }
  });
});

describe('SQL intervals against the exact references', () => {
  it('Byar in SQL is within 3 % of the exact Poisson interval (x ≥ 5), and equals byarInterval', async () => {
    const ind = indicator('reclamations_taux');
    const t = await db.query(indicatorByTerritory(ind, 'commune', LAST_YEAR, NO_FILTERS));
    let checked = 0;
    for (let i = 0; i < t.numRows; i++) {
      const x = t.getChild('numerator')?.get(i) as number | null;
      const d = t.getChild('denominator')?.get(i) as number | null;
      const low = t.getChild('low')?.get(i) as number | null;
      const high = t.getChild('high')?.get(i) as number | null;
      if (x === null || d === null || low === null || high === null || x < 5) continue;
      const exact = poissonExactInterval(x);
      const byar = byarInterval(x);
      expect(low).toBeCloseTo((byar.low / d) * ind.factor, 8);
      expect(high).toBeCloseTo((byar.high / d) * ind.factor, 8);
      expect(Math.abs(low / ((exact.low / d) * ind.factor) - 1)).toBeLessThan(0.03);
      expect(Math.abs(high / ((exact.high / d) * ind.factor) - 1)).toBeLessThan(0.03);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('Wilson in SQL equals wilsonInterval', async () => {
    const ind = indicator('non_recours_taux');
    const t = await db.query(indicatorByTerritory(ind, 'commune', LAST_YEAR, NO_FILTERS));
    let checked = 0;
    for (let i = 0; i < t.numRows; i++) {
      const x = t.getChild('numerator')?.get(i) as number | null;
      const n = t.getChild('denominator')?.get(i) as number | null;
      const low = t.getChild('low')?.get(i) as number | null;
      if (x === null || n === null || low === null) continue;
      expect(low).toBeCloseTo(wilsonInterval(x, n).low * ind.factor, 8);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });
});

describe('funnel on the fixtures', () => {
  it('puts Plaine Commune above the 99.8 % limit of the complaint rate', async () => {
    const ind = indicator('reclamations_taux');
    const groups = queryGroups(await siteGroups());
    const year = { from: LAST_YEAR, to: LAST_YEAR };
    const sites = await db.query(indicatorGroupSeries(ind, groups, NO_FILTERS, year));
    const communes = await db.query(indicatorByTerritory(ind, 'commune', LAST_YEAR, NO_FILTERS));
    const fr = await db.query(
      indicatorSeries(ind, [{ level: 'france', code: 'FR' }], NO_FILTERS, year),
    );
    const national = {
      numerator: Number(fr.getChild('numerator')?.get(0)),
      denominator: Number(fr.getChild('denominator')?.get(0)),
    };
    const data = deriveFunnel(ind, national, [
      { table: sites, role: 'site' },
      { table: communes, role: 'comparison' },
    ]);
    const pc = data?.points.find((p) => p.code === 'plaine_commune');
    expect(pc).toMatchObject({ class: 'beyond998', side: 'above' });
  });
});
