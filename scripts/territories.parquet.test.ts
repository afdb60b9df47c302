/**
 * territories.parquet on a few départements (with DROM): every contract column, the QPV of both
 * lists as the references list them, the sites, and no invented code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/catalogue';
import { geodataDir } from './lib/options';
import { inferQpv2015 } from './lib/reference/qpv-2015';
import { readQpv2024 } from './lib/reference/qpv-list-2024';
import {
  contractProblems,
  loaderContext,
  type LoaderTestContext,
} from './lib/reference/test-support';
import { buildTerritories } from './territories.parquet';

const DEPARTEMENTS = ['93', '59', '13', '69', '62', '974', '976'];
let ctx: LoaderTestContext;
let src = '';

beforeAll(async () => {
  ctx = await loaderContext(DEPARTEMENTS);
  const manifest = await buildTerritories(ctx);
  expect(manifest.synthetic).toBe(false);
  expect(manifest.provenance).toContain('SYNTHÉTIQUES');
  src = ctx.parquet('territories.parquet');
});

afterAll(() => ctx.close());

describe('territories.parquet', () => {
  it('follows the contract', async () => {
    expect(await contractProblems(ctx, TABLES.territories, 'territories.parquet')).toEqual([]);
  });

  it.each(DEPARTEMENTS)('lists the QPV of both lists of département %s', async (dep) => {
    const list2024 = readQpv2024(geodataDir()).rows;
    const list2015 = inferQpv2015(list2024).rows;
    const got = await ctx.rows(
      `SELECT qpv_list, count(*) AS n FROM ${src} WHERE level = 'qpv' AND departement_code = '${dep}' GROUP BY ALL`,
    );
    const count = (list: string): number => Number(got.find((r) => r.qpv_list === list)?.n ?? 0);
    expect(count('2024')).toBe(list2024.filter((q) => q.departement === dep).length);
    expect(count('2015')).toBe(list2015.filter((q) => q.departement === dep).length);
  });

  it('writes a QPV with its main commune, communes, list, validity and links', async () => {
    const qpv = await ctx.rows(`SELECT * FROM ${src} WHERE level = 'qpv' ORDER BY code`);
    expect(qpv.length).toBe(ctx.model.qpv.length);
    for (const r of qpv) {
      const q = ctx.model.qpvByCode.get(String(r.code));
      expect(q, String(r.code)).toBeDefined();
      if (!q) continue;
      expect(r.population_synthetic).toBe(true);
      expect(r.commune_code).toBe(q.communes[0]);
      expect(r.communes).toBe(q.communes.join(';'));
      expect([r.qpv_list, r.valid_from, r.valid_to]).toEqual([q.list, q.validFrom, q.validTo]);
      expect(r.qpv_status).toBe(q.status);
      expect(r.predecessors).toBe(q.predecessors.length ? q.predecessors.join(';') : null);
      expect(r.successors).toBe(q.successors.length ? q.successors.join(';') : null);
      expect(r.position).toBe(q.positionSource);
      expect(String(r.code)).toMatch(q.list === '2024' ? /^QN/ : /^QP/);
    }
    const [other] = await ctx.rows(
      `SELECT count(*) FILTER (WHERE population_synthetic) AS synthetic,
              count(*) FILTER (WHERE code ILIKE '%demo%') AS demo,
              count(*) FILTER (WHERE level = 'commune' AND rurality_source <> 'grille_insee') AS derived
       FROM ${src} WHERE level <> 'qpv'`,
    );
    expect(other).toEqual({ synthetic: 0, demo: 0, derived: 0 });
  });

  it('writes the sites with their communes’ population, and the commune rows with their zonings', async () => {
    const sites = await ctx.rows(
      `SELECT code, departement_code, population FROM ${src} WHERE level = 'site' ORDER BY code`,
    );
    expect(sites.map((s) => s.code)).toEqual(ctx.model.sites.map((s) => s.id).sort());
    for (const s of sites) {
      const model = ctx.model.sites.find((x) => x.id === s.code);
      const population = (model?.communes ?? []).reduce(
        (sum, c) => sum + (ctx.model.communeByCode.get(c)?.population ?? 0),
        0,
      );
      expect(s.population).toBe(population);
      expect(s.departement_code).toBe(model?.departement);
    }
    const [c] = await ctx.rows(
      `SELECT density_level, rurality, frr, zrr, site, postcodes FROM ${src} WHERE level = 'commune' AND code = '69256'`,
    );
    const vaulx = ctx.model.communeByCode.get('69256');
    expect(c).toEqual({
      density_level: vaulx?.densityLevel,
      rurality: vaulx?.rurality,
      frr: vaulx?.frr,
      zrr: vaulx?.zrr,
      site: 'vaulx_en_velin',
      // The COG package's postcode, never made up.
      postcodes: '69120',
    });
  });
});
