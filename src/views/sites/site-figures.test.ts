// Correctness of the Sites figures on the real engine (DuckDB-WASM's Node build over
// data/fixtures): a site equals the sum of its members, the SQL intervals agree with the exact
// reference of src/stats, and the fixture's Plaine Commune lies beyond the funnel's limits.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIndicator, LAST_YEAR, FIRST_YEAR, type IndicatorDefinition } from '../../catalogue';
import { deriveFunnel } from '../../charts/funnel';
import { seriesPoints } from '../../charts/site-series';
import type { Connector } from '../../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../../db/node';
import {
  indicatorByTerritory,
  indicatorGroupSeries,
  indicatorSeries,
  NO_FILTERS,
} from '../../query';
import { byarInterval, poissonExactInterval, wilsonInterval } from '../../stats';
import { buildGroups, queryGroups, readSiteMembers } from './site-groups';
import { siteMembersSql } from './site-queries';

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
  it('resolves every site of the fixtures with its communes and QPV', async () => {
    const groups = await siteGroups();
    const pc = groups.find((g) => g.id === 'plaine_commune');
    expect(pc?.members.map((m) => m.code).sort()).toEqual(['93001', '93066']);
    expect(pc?.qpv.map((q) => q.code).sort()).toEqual(['QPDEMO0001', 'QPDEMO0002']);
    expect(groups.every((g) => g.members.length > 0)).toBe(true);
  });
});

describe('a site equals the sum of its members', () => {
  for (const id of ['reclamations', 'reclamations_taux', 'non_recours_taux', 'non_recourants']) {
    it(id, async () => {
      const ind = indicator(id);
      const groups = queryGroups(await siteGroups());
      const site = seriesPoints(await db.query(indicatorGroupSeries(ind, groups, NO_FILTERS)));
      const siteRaw = await db.query(indicatorGroupSeries(ind, groups, NO_FILTERS));
      let compared = 0;
      for (const g of groups) {
        const members = await db.query(indicatorSeries(ind, g.members, NO_FILTERS));
        for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
          const rows: { num: number | null; den: number | null }[] = [];
          for (let i = 0; i < members.numRows; i++) {
            if (Number(members.getChild('year')?.get(i)) !== year) continue;
            const num = members.getChild('numerator')?.get(i) as number | null;
            const den = members.getChild('denominator')?.get(i) as number | null;
            rows.push({ num, den });
          }
          const idx = site.findIndex((p) => p.code === g.id && p.year === year);
          if (idx < 0 || rows.length !== g.members.length || rows.some((r) => r.num === null))
            continue;
          const i = [...Array(siteRaw.numRows).keys()].find(
            (k) =>
              siteRaw.getChild('code')?.get(k) === g.id &&
              Number(siteRaw.getChild('year')?.get(k)) === year,
          );
          if (i === undefined) throw new Error('row');
          const num = siteRaw.getChild('numerator')?.get(i) as number | null;
          if (num === null) continue;
          expect(num).toBeCloseTo(
            rows.reduce((s, r) => s + (r.num ?? 0), 0),
            6,
          );
          if (ind.denominator !== null) {
            const den = siteRaw.getChild('denominator')?.get(i) as number;
            expect(den).toBeCloseTo(
              rows.reduce((s, r) => s + (r.den ?? 0), 0),
              6,
            );
          }
          compared++;
        }
      }
      // The fixtures make most site-years visible: the check must have bitten.
      expect(compared).toBeGreaterThan(10);
    });
  }

  it('matches a direct count of the cases table for Plaine Commune', async () => {
    const groups = queryGroups(await siteGroups()).filter((g) => g.id === 'plaine_commune');
    const site = seriesPoints(
      await db.query(indicatorGroupSeries(indicator('reclamations'), groups, NO_FILTERS)),
    );
    const raw = await db.query(
      `SELECT year::INTEGER AS year, sum("count")::DOUBLE AS n FROM cases WHERE commune_code IN ('93066', '93001') GROUP BY 1 ORDER BY 1`,
    );
    expect(raw.numRows).toBeGreaterThan(0);
    for (let i = 0; i < raw.numRows; i++) {
      const year = Number(raw.getChild('year')?.get(i));
      const p = site.find((s) => s.year === year);
      expect(p?.value).toBe(Number(raw.getChild('n')?.get(i)));
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
