/** services.parquet: the real France services of the run's communes, through the contract. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/catalogue';
import { geodataDir } from './lib/options';
import { readFranceServices } from './lib/reference/france-services';
import {
  contractProblems,
  loaderContext,
  type LoaderTestContext,
} from './lib/reference/test-support';
import { buildServices } from './services.parquet';

let ctx: LoaderTestContext;

beforeAll(async () => {
  ctx = await loaderContext(['75', '49', '971', '976']);
});

afterAll(() => ctx.close());

describe('services.parquet', () => {
  it('holds the France services of the run’s communes, real and open', async () => {
    const manifest = await buildServices(ctx);
    expect(manifest.synthetic).toBe(false);
    expect(manifest.provenance).toContain('MSAP');
    expect(await contractProblems(ctx, TABLES.services, 'services.parquet')).toEqual([]);
    const expected = readFranceServices(geodataDir()).rows.filter((s) =>
      ctx.model.communeByCode.has(s.commune),
    );
    const got = await ctx.rows(
      `SELECT id, type, role, format, commune_code, opened::VARCHAR AS opened, closed, synthetic
       FROM ${ctx.parquet('services.parquet')} ORDER BY id`,
    );
    expect(got.length).toBe(expected.length);
    expect(got.length).toBeGreaterThan(10);
    const byId = new Map(expected.map((s) => [s.id, s]));
    for (const r of got) {
      const s = byId.get(String(r.id));
      expect(r).toEqual({
        id: s?.id,
        type: 'france_services',
        role: s?.role,
        format: s?.format,
        commune_code: s?.commune,
        opened: s?.opened,
        closed: null,
        synthetic: false,
      });
    }
    // Paris arrondissements are written under Paris.
    expect(got.some((r) => r.commune_code === '75056')).toBe(true);
  });
});
