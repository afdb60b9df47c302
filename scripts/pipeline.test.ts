/**
 * The pipeline, run for real on native DuckDB over GEODATA_DIR: the national demo set (no
 * geometry) against the contract and the calibration; two runs with the same seed against each
 * other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CODE_LISTS, TABLES, TABLE_NAMES, type TableName } from '../src/catalogue';
import {
  CLAIMS_PER_YEAR,
  VERIFIED_CRITERIA,
  VERIFIED_DOMAINS,
  nonRecoursTarget,
} from './lib/calibration';
import { buildInto, cleanup, connect, pq, rows } from './lib/test-helpers';

let national = '';
let conn: DuckDBConnection;

beforeAll(async () => {
  national = await buildInto('national', {});
  conn = await connect();
});

afterAll(cleanup);

describe('contract', () => {
  it.each(TABLE_NAMES)('%s.parquet has exactly the contract columns and types', async (t) => {
    const spec = TABLES[t];
    const described = await rows(conn, `DESCRIBE SELECT * FROM ${pq(national, t)}`);
    expect(described.map((r) => [r.column_name, r.column_type])).toEqual(
      spec.columns.map((c) => [c.name, c.type]),
    );
  });

  it.each(TABLE_NAMES)(
    '%s: no NULL in a non-nullable column, codes from their list, unique key',
    async (t) => {
      const spec = TABLES[t];
      const src = pq(national, t);
      for (const c of spec.columns) {
        const checks: string[] = [];
        if (!c.nullable) checks.push(`count(*) FILTER (WHERE "${c.name}" IS NULL)`);
        if (c.codes) {
          const list = (CODE_LISTS[c.codes] as readonly string[]).map((v) => `'${v}'`).join(', ');
          checks.push(`count(*) FILTER (WHERE "${c.name}" NOT IN (${list}))`);
        }
        if (c.min !== undefined) checks.push(`count(*) FILTER (WHERE "${c.name}" < ${c.min})`);
        for (const check of checks) {
          const [r] = await rows(conn, `SELECT ${check} AS bad FROM ${src}`);
          expect(r?.bad, `${t}.${c.name}: ${check}`).toBe(0);
        }
      }
      const key = spec.key.map((k) => `"${k}"`).join(', ');
      const [dup] = await rows(
        conn,
        `SELECT count(*) AS n FROM (SELECT ${key} FROM ${src} GROUP BY ALL HAVING count(*) > 1)`,
      );
      expect(dup?.n).toBe(0);
    },
  );

  it('every territory code used by the facts exists in territories', async () => {
    const terr = pq(national, 'territories');
    for (const t of ['cases', 'non_recours', 'services'] as TableName[]) {
      const [missing] = await rows(
        conn,
        `SELECT count(*) AS n FROM ${pq(national, t)} f
         WHERE NOT EXISTS (SELECT 1 FROM ${terr} c WHERE c.level = 'commune' AND c.code = f.commune_code)`,
      );
      expect(missing?.n, `${t}.commune_code`).toBe(0);
    }
    for (const t of ['cases', 'non_recours'] as TableName[]) {
      const [missing] = await rows(
        conn,
        `SELECT count(*) AS n FROM ${pq(national, t)} f WHERE f.qpv_code IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM ${terr} q WHERE q.level = 'qpv' AND q.code = f.qpv_code AND q.commune_code = f.commune_code)`,
      );
      expect(missing?.n, `${t}.qpv_code`).toBe(0);
    }
  });

  it('every level has parents, and populations add up', async () => {
    const [r] = await rows(
      conn,
      `SELECT
         count(*) FILTER (WHERE level IN ('commune', 'qpv') AND (region_code IS NULL OR departement_code IS NULL)) AS orphans,
         sum(population) FILTER (WHERE level = 'commune') AS communes,
         sum(population) FILTER (WHERE level = 'france') AS france,
         count(*) FILTER (WHERE level = 'commune' AND lon IS NULL) AS no_geometry,
         count(*) FILTER (WHERE level = 'qpv') AS qpv,
         sum(population) FILTER (WHERE level = 'qpv') AS qpv_population
       FROM ${pq(national, 'territories')}`,
    );
    expect(r?.orphans).toBe(0);
    expect(r?.communes).toBe(r?.france);
    expect(Number(r?.france)).toBeGreaterThan(67_000_000);
    expect(Number(r?.no_geometry)).toBeLessThan(20);
    expect(Number(r?.qpv)).toBeGreaterThanOrEqual(1_400);
    expect(Number(r?.qpv)).toBeLessThanOrEqual(1_600);
    expect(Number(r?.qpv_population)).toBeGreaterThan(5_000_000);
    expect(Number(r?.qpv_population)).toBeLessThan(5_800_000);
  });

  it('demo QPV follow the published département counts and sit in urban communes', async () => {
    const deps = await rows(
      conn,
      `SELECT q.departement_code AS d, count(*) AS n,
              count(*) FILTER (WHERE c.population < 5000 OR c.rurality NOT IN ('dense', 'intermediaire')) AS rural,
              bool_and(q.synthetic AND q.code LIKE 'QPDEMO%') AS demo
       FROM ${pq(national, 'territories')} q
       JOIN ${pq(national, 'territories')} c ON c.level = 'commune' AND c.code = q.commune_code
       WHERE q.level = 'qpv' GROUP BY ALL`,
    );
    const n = Object.fromEntries(deps.map((r) => [r.d, r.n]));
    expect([n['93'], n['59'], n['13'], n['62'], n['69']]).toEqual([75, 94, 71, 64, 48]);
    expect(deps.every((r) => r.rural === 0 && r.demo === true)).toBe(true);
  });

  it('the experimental sites have their communes and QPV', async () => {
    const sites = await rows(
      conn,
      `SELECT site, count(*) FILTER (WHERE level = 'commune') AS communes,
              count(*) FILTER (WHERE level = 'qpv') AS qpv
       FROM ${pq(national, 'territories')} WHERE site IS NOT NULL GROUP BY site ORDER BY site`,
    );
    const bySite = Object.fromEntries(sites.map((s) => [s.site, s]));
    // Nine communes until Pierrefitte-sur-Seine merged into Saint-Denis (1 January 2025).
    expect(bySite.plaine_commune?.communes).toBe(8);
    expect(Number(bySite.plaine_commune?.qpv)).toBeGreaterThanOrEqual(5);
    expect(bySite.vaulx_en_velin?.communes).toBe(1);
    expect(Number(bySite.vaulx_en_velin?.qpv)).toBeGreaterThanOrEqual(2);
    expect(bySite.ouest_provence?.communes).toBe(6);
    expect(bySite.ouest_provence?.qpv).toBe(3);
    expect(Number(bySite.lens_lievin?.communes)).toBeGreaterThan(30);
    expect(Number(bySite.lens_lievin?.qpv)).toBeGreaterThanOrEqual(5);
  });
});

describe('calibration (calibration.md)', () => {
  it('yearly national totals of claims are within ±5 % of the published figures', async () => {
    const years = await rows(
      conn,
      `SELECT year, sum("count")::INTEGER AS n FROM ${pq(national, 'cases')} GROUP BY year ORDER BY year`,
    );
    expect(years.map((y) => y.year)).toEqual(Object.keys(CLAIMS_PER_YEAR).map(Number));
    for (const y of years) {
      const target = CLAIMS_PER_YEAR[Number(y.year)] ?? 0;
      expect(Math.abs(Number(y.n) / target - 1), `year ${y.year}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('criterion and domain shares are within ±2 points of the verified mixes', async () => {
    const shares = async (column: string) =>
      rows(
        conn,
        `SELECT year, ${column} AS k, 100 * sum("count") / sum(sum("count")) OVER (PARTITION BY year) AS pct
         FROM ${pq(national, 'cases')} GROUP BY year, ${column}`,
      );
    const check = (
      got: Awaited<ReturnType<typeof shares>>,
      verified: Readonly<Record<number, Readonly<Record<string, number | undefined>>>>,
    ): number => {
      let n = 0;
      for (const [year, mix] of Object.entries(verified))
        for (const [k, pct] of Object.entries(mix)) {
          const row = got.find((r) => r.year === Number(year) && r.k === k);
          expect(Math.abs(Number(row?.pct ?? 0) - (pct ?? 0)), `${year} ${k}`).toBeLessThanOrEqual(
            2,
          );
          n++;
        }
      return n;
    };
    expect(check(await shares('criterion'), VERIFIED_CRITERIA)).toBeGreaterThan(30);
    expect(check(await shares('domain'), VERIFIED_DOMAINS)).toBeGreaterThan(9);
  });

  it('channels, months and QPV over-exposure follow the calibration', async () => {
    const [r] = await rows(
      conn,
      `SELECT
         sum("count") FILTER (WHERE channel = 'plateforme_3928' AND (year < 2021 OR (year = 2021 AND month < 2))) AS early_platform,
         sum("count") FILTER (WHERE channel = 'plateforme_3928' AND year = 2023) / sum("count") FILTER (WHERE year = 2023) AS platform_2023,
         sum("count") FILTER (WHERE channel = 'delegues' AND year < 2021) / sum("count") FILTER (WHERE year < 2021) AS delegues_before,
         count(*) FILTER (WHERE month IS NULL OR month NOT BETWEEN 1 AND 12) AS bad_months,
         sum("count") FILTER (WHERE month = 8) / (sum("count") / 12) AS august,
         sum("count") FILTER (WHERE qpv_code IS NOT NULL) / sum("count") AS qpv_share,
         count(*) FILTER (WHERE "count" <= 0) AS zero_rows
       FROM ${pq(national, 'cases')}`,
    );
    expect(r?.early_platform ?? 0).toBe(0);
    expect(Number(r?.platform_2023)).toBeGreaterThan(0.3);
    expect(Number(r?.delegues_before)).toBeGreaterThan(0.5);
    expect(r?.bad_months).toBe(0);
    expect(Number(r?.august)).toBeLessThan(0.85);
    expect(Number(r?.qpv_share)).toBeGreaterThanOrEqual(0.1);
    expect(Number(r?.qpv_share)).toBeLessThanOrEqual(0.15);
    expect(r?.zero_rows).toBe(0);
  });

  it('origin-based claims weigh more among QPV residents, national mix unchanged', async () => {
    const [r] = await rows(
      conn,
      `SELECT sum("count") FILTER (WHERE criterion = 'origine' AND qpv_code IS NOT NULL) / sum("count") FILTER (WHERE qpv_code IS NOT NULL) AS in_qpv,
              sum("count") FILTER (WHERE criterion = 'origine' AND qpv_code IS NULL) / sum("count") FILTER (WHERE qpv_code IS NULL) AS out_qpv
       FROM ${pq(national, 'cases')}`,
    );
    expect(Number(r?.in_qpv)).toBeGreaterThan(1.3 * Number(r?.out_qpv));
  });

  it('site magnitudes are plausible (calibration.md §10c)', async () => {
    const [r] = await rows(
      conn,
      `SELECT sum("count") FILTER (WHERE t.departement_code = '93') / 10 AS qpv93,
              sum("count") FILTER (WHERE t.departement_code = '59') / 10 AS qpv59
       FROM ${pq(national, 'cases')} c JOIN ${pq(national, 'territories')} t
         ON t.level = 'qpv' AND t.code = c.qpv_code`,
    );
    // Seine-Saint-Denis QPV ≈ 80–110 claims a year, Nord QPV ≈ 40–60 (E): loose bounds.
    expect(Number(r?.qpv93)).toBeGreaterThan(70);
    expect(Number(r?.qpv93)).toBeLessThan(140);
    expect(Number(r?.qpv59)).toBeGreaterThan(30);
    expect(Number(r?.qpv59)).toBeLessThan(80);
  });

  it('national non-recours rates are near the published ones; CSS only from 2020', async () => {
    const got = await rows(
      conn,
      `SELECT benefit, year, 100 * sum(eligible - recipients) / sum(eligible) AS rate
       FROM ${pq(national, 'non_recours')} GROUP BY ALL`,
    );
    for (const r of got) {
      const target = nonRecoursTarget(r.benefit as never, Number(r.year));
      expect(target, `${r.benefit} ${r.year}`).not.toBeNull();
      expect(
        Math.abs(Number(r.rate) - (target ?? 0)),
        `${r.benefit} ${r.year}`,
      ).toBeLessThanOrEqual(2);
    }
    expect(
      got.filter((r) => String(r.benefit).startsWith('css')).every((r) => Number(r.year) >= 2020),
    ).toBe(true);
    expect(got.find((r) => r.benefit === 'rsa' && r.year === 2018)?.rate).toBeCloseTo(34, 0);
    const [qpv] = await rows(
      conn,
      `SELECT 100 * sum(eligible - recipients) FILTER (WHERE qpv_code IS NOT NULL) / sum(eligible) FILTER (WHERE qpv_code IS NOT NULL) AS in_qpv,
              100 * sum(eligible - recipients) FILTER (WHERE qpv_code IS NULL) / sum(eligible) FILTER (WHERE qpv_code IS NULL) AS out_qpv
       FROM ${pq(national, 'non_recours')} WHERE benefit = 'rsa'`,
    );
    expect(Number(qpv?.in_qpv)).toBeLessThan(Number(qpv?.out_qpv));
  });

  it('services follow the published counts of France services and MSAP', async () => {
    const openAt = async (date: string, type: string): Promise<number> => {
      const [r] = await rows(
        conn,
        `SELECT count(*) AS n FROM ${pq(national, 'services')}
         WHERE type = '${type}' AND opened <= DATE '${date}' AND (closed IS NULL OR closed > DATE '${date}')`,
      );
      return Number(r?.n);
    };
    const near = (got: number, target: number) =>
      expect(Math.abs(got / target - 1)).toBeLessThan(0.05);
    near(await openAt('2018-12-31', 'msap'), 1_340);
    near(await openAt('2022-01-01', 'france_services'), 2_055);
    near(await openAt('2022-08-31', 'france_services'), 2_377);
    near(await openAt('2023-12-31', 'france_services'), 2_840);
    expect(await openAt('2022-06-30', 'msap')).toBe(0);
    near(await openAt('2019-12-31', 'permanence_delegue'), 874);
    expect(await openAt('2024-12-31', 'permanence_delegue')).toBeGreaterThan(1_000);
  });
});

describe('determinism', () => {
  const digest = async (dir: string, t: TableName): Promise<string> => {
    const [r] = await rows(
      conn,
      `SELECT md5(string_agg(x::VARCHAR, chr(10) ORDER BY x::VARCHAR)) AS h FROM ${pq(dir, t)} x`,
    );
    return String(r?.h);
  };

  it('two runs with the same seed give the same content; another seed does not', async () => {
    const departements = ['93', '69', '2A'];
    const a = await buildInto('seed-a', { departements, seed: 7 });
    const b = await buildInto('seed-b', { departements, seed: 7 });
    const c = await buildInto('seed-c', { departements, seed: 8 });
    for (const t of TABLE_NAMES) expect(await digest(a, t), t).toBe(await digest(b, t));
    expect(await digest(a, 'cases')).not.toBe(await digest(c, 'cases'));
    expect(await digest(a, 'non_recours')).not.toBe(await digest(c, 'non_recours'));
  });
});
