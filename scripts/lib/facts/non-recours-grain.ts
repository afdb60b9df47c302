/**
 * The synthetic non-recours at the finest grain (DuckDB table `non_recours_grain`, never
 * published: the publication step makes `non_recours.parquet` from it): eligible populations and
 * recipients by place of each year (a commune's hors-QPV part, each piece of a QPV in force) and
 * benefit. Eligible counts are Poisson draws around population × an eligibility share (higher in
 * QPV); non-recipients are binomial draws at a rate that carries the relative levels of the
 * sources (RSA lower in QPV, higher in rural areas, a stable local effect per commune), rescaled
 * so that the national rate matches the target of each year. Rows with no eligible person are
 * omitted; benefits appear from the year they exist (CSS from 2020, prime d'activité from 2016,
 * chèque énergie from 2018).
 */
import { BENEFITS, TABLES, columnsDdl } from '../../../src/catalogue';
import { ELIGIBILITY, NON_RECOURS_MODIFIERS, YEARS, nonRecoursTarget } from '../calibration';
import { places, writePlacesTable, type BuildContext, type Place } from '../context';
import { lit } from '../duck';
import { Rng } from '../random';

/** Writes the DuckDB table `non_recours_grain` (contract `NON_RECOURS_GRAIN`); returns its rows. */
export async function generateNonRecoursGrain(ctx: BuildContext): Promise<number> {
  const { conn, opts } = ctx;
  const spec = TABLES.non_recours_grain;
  await conn.run(
    `CREATE OR REPLACE TABLE nr_idx (year SMALLINT, place INTEGER, benefit UTINYINT, eligible INTEGER, recipients INTEGER)`,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE nr_places (year SMALLINT, place INTEGER, commune_code VARCHAR, qpv_code VARCHAR)`,
  );
  // A stable local effect per commune and benefit (odds scale), the same every year.
  const local = new Rng(opts.seed, 'non_recours:local');
  const communes = [...new Set(places(ctx.model, YEARS[0]).map((p) => p.commune))].sort();
  const effects = BENEFITS.map(() => {
    const m = new Map<string, number>();
    for (const c of communes) m.set(c, Math.exp(local.normal(0, 0.12)));
    return m;
  });
  for (const year of YEARS) {
    const list: readonly Place[] = places(ctx.model, year);
    await writePlacesTable(conn, 'nr_places_y', list);
    await conn.run(`INSERT INTO nr_places SELECT ${year}, * FROM nr_places_y`);
    const app = await conn.createAppender('nr_idx');
    BENEFITS.forEach((benefit, b) => {
      const target = nonRecoursTarget(benefit, year);
      if (target === null) return;
      const elig = ELIGIBILITY[benefit];
      const mod = NON_RECOURS_MODIFIERS[benefit];
      const effect = effects[b] ?? new Map<string, number>();
      const trend = 1 + 0.008 * (year - 2015);
      const expected = list.map(
        (p) =>
          (p.population *
            elig.share *
            opts.scale *
            trend *
            (p.qpv ? elig.qpv : 1) *
            (p.rural ? elig.rural : 1)) /
          100,
      );
      const modifier = list.map(
        (p) => (p.qpv ? mod.qpv : 1) * (p.rural ? mod.rural : 1) * (effect.get(p.commune) ?? 1),
      );
      const sumE = expected.reduce((s, e) => s + e, 0);
      const sumEM = expected.reduce((s, e, i) => s + e * (modifier[i] ?? 1), 0);
      const rng = new Rng(opts.seed, `non_recours:${benefit}:${year}`);
      const base = sumEM > 0 ? ((target / 100) * sumE) / sumEM : 0;
      for (let i = 0; i < list.length; i++) {
        const eligible = rng.poisson(expected[i] ?? 0);
        if (eligible === 0) continue;
        const rate = Math.min(0.97, Math.max(0.02, base * (modifier[i] ?? 1)));
        const non = rng.binomial(eligible, rate);
        app.appendSmallInt(year);
        app.appendInteger(i);
        app.appendUTinyInt(b);
        app.appendInteger(eligible);
        app.appendInteger(eligible - non);
        app.endRow();
      }
    });
    app.closeSync();
  }
  const benefits = `(VALUES ${BENEFITS.map((c, i) => `(${i}, ${lit(c)})`).join(', ')}) AS bf(i, code)`;
  await conn.run(
    `DROP TABLE IF EXISTS non_recours_grain; CREATE TABLE non_recours_grain (${columnsDdl(spec)})`,
  );
  await conn.run(`INSERT INTO non_recours_grain
    SELECT x.year, p.commune_code, p.qpv_code, bf.code, x.eligible, x.recipients
    FROM nr_idx x JOIN nr_places p ON p.year = x.year AND p.place = x.place
    JOIN ${benefits} ON bf.i = x.benefit`);
  await conn.run(`DROP TABLE nr_idx; DROP TABLE nr_places; DROP TABLE nr_places_y`);
  const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM non_recours_grain');
  return Number(r.getRowObjects()[0]?.n ?? 0);
}

/** French provenance of the synthetic non-recours, for the published table's manifest entry. */
export function nonRecoursProvenance(seed: number): string {
  return `DONNÉES SYNTHÉTIQUES — populations éligibles et bénéficiaires tirées au hasard (graine ${seed}) autour de parts d’éligibles estimées, dans les communes et les QPV réels en vigueur chaque année, avec des taux nationaux de non-recours calés sur les études publiées (DREES : RSA 34 %, prime d’activité 27 %, CSS sans participation 31 % et avec participation 67 %, ASPA 50 % ; DARES : assurance chômage 30 %) ; AAH, aides au logement et chèque énergie : taux estimés par l’équipe. Modulations : non-recours au RSA plus faible en QPV, plus élevé en zone rurale. Publiées après secret statistique primaire et secondaire.`;
}
