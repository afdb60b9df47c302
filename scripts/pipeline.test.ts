/**
 * The pipeline, run for real on native DuckDB over GEODATA_DIR: the national published set (no
 * geometry) against the contract, the confidentiality promise (no small count anywhere, nothing
 * recomputable by an attacker), the reference geography (counts taken from the reference files
 * themselves) and the calibration (the published national figures); the internal grain, written
 * to a separate folder, for what the publication aggregates away; two runs with the same seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  CODE_LISTS,
  CONFIDENTIALITY,
  TABLES,
  TABLE_NAMES,
  type PublishedTableName,
} from '../src/catalogue';
import {
  CLAIMS_PER_YEAR,
  VERIFIED_CRITERIA,
  VERIFIED_DOMAINS,
  nonRecoursTarget,
} from './lib/calibration';
import { geodataDir } from './lib/options';
import { attackPublication, type AttackResult } from './lib/publication/attack';
import { parseCsv, readReferenceText } from './lib/reference/csv';
import { referencePath, type ReferenceId } from './lib/reference/sources';
import { buildInto, cleanup, connect, pq, rows } from './lib/test-helpers';

let national = '';
let internal = '';
let reused = false;
let conn: DuckDBConnection;

/**
 * `OBSERVATOIRE_PIPELINE_BUILT=<published dir>:<internal dir>` points these checks at a national
 * build already made by the same pipeline with the default seed (`.ci/run` builds data/ with
 * `--interne`, the set the app then serves), instead of building it a second time. Without it the
 * test builds its own.
 */
function reusedBuild(): { national: string; internal: string } | null {
  const spec = process.env.OBSERVATOIRE_PIPELINE_BUILT;
  if (!spec) return null;
  const [published = '', grain = ''] = spec.split(':');
  for (const file of [
    path.join(published, 'manifest.json'),
    path.join(grain, 'cases_grain.parquet'),
  ])
    if (!fs.existsSync(file))
      throw new Error(`OBSERVATOIRE_PIPELINE_BUILT=${spec}: ${file} is missing`);
  return { national: published, internal: grain };
}

beforeAll(async () => {
  const built = reusedBuild();
  if (built) {
    ({ national, internal } = built);
    reused = true;
  } else {
    internal = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-interne-')), 'g');
    national = await buildInto('national', { internalDir: internal });
  }
  conn = await connect();
}, 600_000);

afterAll(() => {
  cleanup();
  if (!reused) fs.rmSync(path.dirname(internal), { recursive: true, force: true });
});

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

  it('every territory a published cell names exists in territories', async () => {
    for (const t of ['cases', 'non_recours', 'populations'] as PublishedTableName[]) {
      const [missing] = await rows(
        conn,
        `SELECT count(*) AS n FROM ${pq(national, t)} f WHERE NOT EXISTS
           (SELECT 1 FROM ${pq(national, 'territories')} c WHERE c.level = f.level AND c.code = f.code)`,
      );
      expect(missing?.n, t).toBe(0);
    }
  });

  it('nothing secret is written where the app reads: only the published files', () => {
    const files = fs.readdirSync(national);
    expect(files.filter((f) => f.includes('grain'))).toEqual([]);
    expect(fs.existsSync(path.join(internal, 'cases_grain.parquet'))).toBe(true);
  });
});

describe('confidentiality at publication', () => {
  let attacks: AttackResult[] = [];
  beforeAll(async () => {
    attacks = await attackPublication(national);
  }, 300_000);

  it('no published file holds a count from 1 to 4, nor an eligible population under 30', async () => {
    const t = CONFIDENTIALITY;
    const [c] = await rows(
      conn,
      `SELECT count(*) FILTER (WHERE "count" BETWEEN 1 AND ${t.cases.minCount - 1}) AS small,
              count(*) FILTER (WHERE suppressed AND "count" IS NOT NULL) AS leaked
       FROM ${pq(national, 'cases')}`,
    );
    expect(c).toEqual({ small: 0, leaked: 0 });
    const [n] = await rows(
      conn,
      `SELECT count(*) FILTER (WHERE eligible BETWEEN 1 AND ${t.non_recours.minDenominator - 1}
                               OR non_recipients BETWEEN 1 AND ${t.non_recours.minCount - 1}
                               OR eligible - non_recipients BETWEEN 1 AND ${t.non_recours.minCount - 1}) AS small,
              count(*) FILTER (WHERE suppressed AND (eligible IS NOT NULL OR non_recipients IS NOT NULL)) AS leaked
       FROM ${pq(national, 'non_recours')}`,
    );
    expect(n).toEqual({ small: 0, leaked: 0 });
  });

  it('covers every table, year and benefit with secret cells at every level', () => {
    expect(attacks.filter((a) => a.table === 'cases')).toHaveLength(10);
    expect(attacks.filter((a) => a.table === 'non_recours').length).toBeGreaterThan(60);
    expect(attacks.reduce((s, a) => s + a.hidden, 0)).toBeGreaterThan(100_000);
  });

  it('the simple attacks (parent − children, total − parts, site − members) recover nothing', () => {
    const recovered = attacks.flatMap((a) =>
      a.recovered.map((r) => `${a.table} ${a.year} ${a.benefit ?? ''} ${r.key}`),
    );
    expect(recovered.slice(0, 10)).toEqual([]);
  });

  it('exact linear algebra over every relation at once recomputes no secret cell', () => {
    const determined = attacks.flatMap((a) =>
      a.determined.map((k) => `${a.table} ${a.year} ${a.benefit ?? ''} ${k}`),
    );
    expect(determined.slice(0, 10)).toEqual([]);
  });

  it('the manifest reports the cost of secondary suppression and an audit with nothing found', () => {
    const m = JSON.parse(fs.readFileSync(path.join(national, 'manifest.json'), 'utf8')) as {
      publication: {
        table: string;
        disclosed: number;
        levels: Record<string, { cells: number; primary: number; secondary: number }>;
      }[];
    };
    expect(m.publication.map((p) => p.table)).toEqual(['cases', 'non_recours']);
    for (const p of m.publication) {
      expect(p.disclosed).toBe(0);
      expect(p.levels.departement?.secondary).toBeGreaterThan(0);
    }
  });

  it('no département or région total of the claims is hidden above a few dozen claims', async () => {
    const [r] = await rows(
      conn,
      `SELECT count(*) FILTER (WHERE suppressed) AS hidden, count(*) AS n FROM ${pq(national, 'cases')}
       WHERE level IN ('departement', 'region') AND part = 'tous' AND dimension = 'total'`,
    );
    expect(Number(r?.hidden) / Number(r?.n)).toBeLessThan(0.05);
  });
});

describe('reference geography (expected counts read from GEODATA_DIR)', () => {
  const reference = (id: ReferenceId, separator = ','): string[][] =>
    parseCsv(readReferenceText(referencePath(geodataDir(), id)), separator);

  it('the 2024 QPV list: every QPV in scope, per département as in the ANCT correspondence', async () => {
    const corr = reference('qpvCorrespondence').slice(1);
    const inScope = corr.filter((r) => !/^QN(978|987)/.test(r[0] ?? ''));
    const [n] = await rows(
      conn,
      `SELECT count(*) AS n FROM ${pq(national, 'territories')} WHERE level = 'qpv' AND qpv_list = '2024'`,
    );
    expect(n?.n).toBe(inScope.length);
    // The département is in the code: QN + 3 characters (093, 02A, 974) + order + letter.
    const depOf = (code: string): string => code.slice(2, 5).replace(/^0/, '');
    const codes = await rows(
      conn,
      `SELECT code FROM ${pq(national, 'territories')} WHERE level = 'qpv' AND qpv_list = '2024'`,
    );
    for (const dep of ['93', '59', '13', '69', '62', '974', '976']) {
      const expected = inScope.filter((r) => depOf(r[0] ?? '') === dep).length;
      expect(expected, dep).toBeGreaterThan(0);
      expect(codes.filter((r) => depOf(String(r.code)) === dep).length, dep).toBe(expected);
    }
    const [demo] = await rows(
      conn,
      `SELECT count(*) AS n FROM ${pq(national, 'territories')} WHERE code ILIKE '%DEMO%' OR name ILIKE '%(démo)%' OR name ILIKE 'quartier démo%' OR vintage ILIKE '%démo%'`,
    );
    expect(demo?.n).toBe(0);
    const [fake] = await rows(
      conn,
      `SELECT count(*) AS n FROM ${pq(national, 'services')} WHERE id ILIKE '%DEMO%' OR type <> 'france_services'`,
    );
    expect(fake?.n).toBe(0);
  });

  it('the density grid, FRR and France services are those of the reference files', async () => {
    const frr = reference('frr', ';').slice(1);
    const plus = frr.filter((r) => r[3] === 'FRR+').length;
    const [r] = await rows(
      conn,
      `SELECT count(*) FILTER (WHERE frr = 'frr_plus') AS plus,
              count(*) FILTER (WHERE rurality_source = 'grille_insee') AS grid,
              count(*) AS communes
       FROM ${pq(national, 'territories')} WHERE level = 'commune'`,
    );
    expect(Number(r?.plus)).toBeGreaterThan(plus * 0.98);
    expect(Number(r?.grid)).toBeGreaterThan(Number(r?.communes) * 0.99);
    const fs2 = reference('franceServices').slice(1);
    const [s] = await rows(
      conn,
      `SELECT count(*) AS n, count(*) FILTER (WHERE synthetic) AS fake FROM ${pq(national, 'services')}`,
    );
    expect(Number(s?.n)).toBeGreaterThan(fs2.length - 5);
    expect(s?.fake).toBe(0);
  });

  it('each experimental site is a published territory with its QPV of both lists', async () => {
    const sites = await rows(
      conn,
      `SELECT site, count(*) FILTER (WHERE level = 'commune') AS communes,
              count(*) FILTER (WHERE level = 'qpv' AND qpv_list = '2024') AS qpv2024,
              count(*) FILTER (WHERE level = 'qpv' AND qpv_list = '2015') AS qpv2015
       FROM ${pq(national, 'territories')} WHERE site IS NOT NULL AND level IN ('commune', 'qpv')
       GROUP BY site ORDER BY site`,
    );
    const by = Object.fromEntries(sites.map((s) => [s.site, s]));
    expect(by.vaulx_en_velin?.communes).toBe(1);
    expect(by.ouest_provence?.communes).toBe(6);
    expect(Number(by.plaine_commune?.qpv2024)).toBeGreaterThan(15);
    expect(Number(by.vaulx_en_velin?.qpv2024)).toBeGreaterThanOrEqual(3);
    expect(Number(by.ouest_provence?.qpv2015)).toBe(3);
    const [cells] = await rows(
      conn,
      `SELECT count(DISTINCT code) AS n FROM ${pq(national, 'cases')} WHERE level = 'site'`,
    );
    expect(cells?.n).toBe(4);
  });
});

describe('calibration against the published figures (published-figures/)', () => {
  const figures = (): string[][] =>
    parseCsv(
      readReferenceText(
        path.join(
          geodataDir(),
          'published-figures/discrimination_nonrecours_published_figures.csv',
        ),
      ),
    ).slice(1);

  /**
   * Every published national figure of 2015–2024 is either compared (±5 % for a total, ±2 points
   * for a share) or listed here with the reason it cannot be.
   */
  const NOT_COMPARABLE: Readonly<Record<string, string>> = {
    reclamations_total_all_domains: 'toutes missions du Défenseur des droits, hors du champ',
    rsa_non_recours_rate_persistent_3_quarters: 'non-recours durable : autre définition',
    rsa_unpaid_amount_per_quarter: 'montants : pas de montant dans le jeu',
    rsa_mean_entitlement_non_recourants: 'montants : pas de montant dans le jeu',
    rsa_eligible_households: 'foyers, le jeu compte des personnes',
    minimum_vieillesse_eligible_single: 'personnes seules uniquement',
    minimum_vieillesse_recipients_single: 'personnes seules uniquement',
    minimum_vieillesse_non_recourants_single: 'personnes seules uniquement',
    minimum_vieillesse_mean_unclaimed: 'montants : pas de montant dans le jeu',
    'share_by_domain:emploi_prive/2023':
      'sources en conflit (16 % ou 23 %) : le jeu retient 23 %, voir data/README.md',
    'rsa_non_recours_rate:': 'taux par type de foyer ou de logement : catégories absentes du jeu',
  };

  it('national totals and mixes of the published cells agree with every comparable figure', async () => {
    const fr = await rows(
      conn,
      `SELECT CAST(year AS INTEGER) AS year, dimension, category, "count" AS n FROM ${pq(national, 'cases')}
       WHERE level = 'france' AND part = 'tous'`,
    );
    const total = (y: number): number =>
      Number(fr.find((r) => r.year === y && r.dimension === 'total')?.n);
    const share = (y: number, dim: string, cat: string): number =>
      (100 * Number(fr.find((r) => r.year === y && r.dimension === dim && r.category === cat)?.n)) /
      total(y);
    const nr = await rows(
      conn,
      `SELECT CAST(year AS INTEGER) AS year, benefit, 100.0 * non_recipients / eligible AS rate
       FROM ${pq(national, 'non_recours')} WHERE level = 'france' AND part = 'tous'`,
    );
    let compared = 0;
    const skipped: string[] = [];
    for (const [theme, indicator = '', yearText, valueText] of figures()) {
      const year = Number(yearText);
      const value = Number(valueText);
      if (year < 2015 || year > 2024 || !theme) continue;
      const reason =
        NOT_COMPARABLE[indicator] ??
        NOT_COMPARABLE[`${indicator}/${year}`] ??
        NOT_COMPARABLE[`${indicator.split(':')[0] ?? ''}:`];
      if (reason) {
        skipped.push(`${indicator} ${year}: ${reason}`);
        continue;
      }
      const [kind, category = ''] = indicator.split(':');
      if (indicator === 'reclamations_discrimination') {
        expect(Math.abs(total(year) / value - 1), `${indicator} ${year}`).toBeLessThanOrEqual(0.05);
      } else if (kind === 'share_by_criterion' || kind === 'share_by_domain') {
        const cats: Record<string, string[]> = {
          etat_de_sante: ['etat_sante'],
          activite_syndicale: ['activites_syndicales'],
          situation_de_famille: ['situation_famille'],
          sexe_situation_de_famille_grossesse: ['sexe', 'situation_famille', 'grossesse'],
        };
        const dim = kind === 'share_by_criterion' ? 'criterion' : 'domain';
        const got = (cats[category] ?? [category]).reduce((s, c) => s + share(year, dim, c), 0);
        expect(Math.abs(got - value), `${indicator} ${year}`).toBeLessThanOrEqual(2);
      } else if (indicator === 'rsa_non_recours_rate_quarterly') {
        const got = Number(nr.find((r) => r.year === year && r.benefit === 'rsa')?.rate);
        expect(Math.abs(got - value), `${indicator} ${year}`).toBeLessThanOrEqual(2);
      } else if (indicator === 'minimum_vieillesse_non_recours_rate_single') {
        const got = Number(nr.find((r) => r.year === year && r.benefit === 'aspa')?.rate);
        expect(Math.abs(got - value), `${indicator} ${year}`).toBeLessThanOrEqual(2);
      } else {
        throw new Error(`Chiffre publié ni comparé ni écarté : ${indicator} ${year}`);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(25);
    expect(skipped.length).toBeGreaterThan(0);
  });

  it('criterion and domain shares are within ±2 points of every verified mix', async () => {
    const fr = await rows(
      conn,
      `SELECT CAST(year AS INTEGER) AS year, dimension, category, "count" AS n FROM ${pq(national, 'cases')}
       WHERE level = 'france' AND part = 'tous'`,
    );
    const check = (
      dim: string,
      verified: Readonly<Record<number, Readonly<Record<string, number | undefined>>>>,
    ): number => {
      let n = 0;
      for (const [year, mix] of Object.entries(verified)) {
        const t = Number(fr.find((r) => r.year === Number(year) && r.dimension === 'total')?.n);
        for (const [k, pct] of Object.entries(mix)) {
          const c = Number(
            fr.find((r) => r.year === Number(year) && r.dimension === dim && r.category === k)?.n,
          );
          expect(Math.abs((100 * c) / t - (pct ?? 0)), `${year} ${k}`).toBeLessThanOrEqual(2);
          n++;
        }
      }
      return n;
    };
    expect(check('criterion', VERIFIED_CRITERIA)).toBeGreaterThan(30);
    expect(check('domain', VERIFIED_DOMAINS)).toBeGreaterThan(9);
    for (const [year, target] of Object.entries(CLAIMS_PER_YEAR)) {
      const t = Number(fr.find((r) => r.year === Number(year) && r.dimension === 'total')?.n);
      expect(Math.abs(t / target - 1), year).toBeLessThanOrEqual(0.05);
    }
  });

  it('national non-recours rates are near the targets; CSS only from 2020; RSA lower in QPV', async () => {
    const got = await rows(
      conn,
      `SELECT benefit, CAST(year AS INTEGER) AS year, part, 100.0 * non_recipients / eligible AS rate
       FROM ${pq(national, 'non_recours')} WHERE level = 'france'`,
    );
    for (const r of got.filter((x) => x.part === 'tous')) {
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
    const rsa = (part: string) =>
      Number(got.find((r) => r.benefit === 'rsa' && r.year === 2022 && r.part === part)?.rate);
    expect(rsa('qpv')).toBeLessThan(rsa('hors_qpv'));
  });

  it('the grain keeps what the publication aggregates away: months, channels, QPV share', async () => {
    const [r] = await rows(
      conn,
      `SELECT
         sum("count") FILTER (WHERE channel = 'plateforme_3928' AND (year < 2021 OR (year = 2021 AND month < 2))) AS early_platform,
         sum("count") FILTER (WHERE month = 8) / (sum("count") / 12) AS august,
         sum("count") FILTER (WHERE qpv_code IS NOT NULL) / sum("count") AS qpv_share,
         count(*) FILTER (WHERE "count" <= 0) AS zero_rows
       FROM ${pq(internal, 'cases_grain')}`,
    );
    expect(r?.early_platform ?? 0).toBe(0);
    expect(Number(r?.august)).toBeLessThan(0.85);
    expect(Number(r?.qpv_share)).toBeGreaterThanOrEqual(0.1);
    expect(Number(r?.qpv_share)).toBeLessThanOrEqual(0.15);
    expect(r?.zero_rows).toBe(0);
    // Every QPV code of the grain was in force in its year.
    const [bad] = await rows(
      conn,
      `SELECT count(*) AS n FROM ${pq(internal, 'cases_grain')} g WHERE g.qpv_code IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM ${pq(national, 'territories')} q WHERE q.level = 'qpv' AND q.code = g.qpv_code
            AND g.year BETWEEN q.valid_from AND coalesce(q.valid_to, 9999))`,
    );
    expect(bad?.n).toBe(0);
  });
});

describe('determinism', () => {
  const digest = async (dir: string, t: PublishedTableName): Promise<string> => {
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
  }, 120_000);
});
