/**
 * non_recours.parquet — synthetic eligible populations and recipients by commune (hors-QPV part
 * and each QPV), year and benefit. Eligible counts are Poisson draws around population × an
 * eligibility share (higher in QPV); non-recipients are binomial draws at a rate that carries the
 * relative levels of the sources (RSA lower in QPV, higher in rural areas, a stable local effect),
 * rescaled so that the national rate matches the target of each year. Rows with no eligible
 * person are omitted; benefits appear from the year they exist (CSS from 2020, prime d'activité
 * from 2016, chèque énergie from 2018).
 */
import path from 'node:path';
import { BENEFITS, TABLES, columnsDdl, type TableManifest } from '../src/catalogue';
import { ELIGIBILITY, NON_RECOURS_MODIFIERS, YEARS, nonRecoursTarget } from './lib/calibration';
import { places, writePlacesTable, type BuildContext } from './lib/context';
import { keyOrder, lit, writeParquet } from './lib/duck';
import { Rng } from './lib/random';

export async function buildNonRecours(ctx: BuildContext): Promise<TableManifest> {
  const { conn, opts } = ctx;
  const spec = TABLES.non_recours;
  const list = places(ctx.model);
  await conn.run(
    `CREATE OR REPLACE TABLE nr_idx (year SMALLINT, place INTEGER, benefit UTINYINT, eligible INTEGER, recipients INTEGER)`,
  );
  const app = await conn.createAppender('nr_idx');
  const local = new Rng(opts.seed, 'non_recours:local');
  BENEFITS.forEach((benefit, b) => {
    const elig = ELIGIBILITY[benefit];
    const mod = NON_RECOURS_MODIFIERS[benefit];
    const expected = list.map(
      (p) =>
        (p.population *
          elig.share *
          opts.scale *
          (p.qpv ? elig.qpv : 1) *
          (p.rural ? elig.rural : 1)) /
        100,
    );
    // A stable local effect per commune (odds scale), the same every year.
    const effect = new Map<string, number>();
    for (const p of list)
      if (!effect.has(p.commune)) effect.set(p.commune, Math.exp(local.normal(0, 0.12)));
    const modifier = list.map(
      (p) => (p.qpv ? mod.qpv : 1) * (p.rural ? mod.rural : 1) * (effect.get(p.commune) ?? 1),
    );
    const sumE = expected.reduce((s, e) => s + e, 0);
    const sumEM = expected.reduce((s, e, i) => s + e * (modifier[i] ?? 1), 0);
    for (const year of YEARS) {
      const target = nonRecoursTarget(benefit, year);
      if (target === null) continue;
      const rng = new Rng(opts.seed, `non_recours:${benefit}:${year}`);
      const base = sumEM > 0 ? ((target / 100) * sumE) / sumEM : 0;
      const trend = 1 + 0.008 * (year - 2015);
      for (let i = 0; i < list.length; i++) {
        const eligible = rng.poisson((expected[i] ?? 0) * trend);
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
    }
  });
  app.closeSync();
  await writePlacesTable(conn, 'places_nr', list);
  const benefits = `(VALUES ${BENEFITS.map((c, i) => `(${i}, ${lit(c)})`).join(', ')}) AS bf(i, code)`;
  await conn.run(
    `DROP TABLE IF EXISTS non_recours; CREATE TABLE non_recours (${columnsDdl(spec)})`,
  );
  await conn.run(`INSERT INTO non_recours
    SELECT x.year, p.commune_code, p.qpv_code, bf.code, x.eligible, x.recipients
    FROM nr_idx x JOIN places_nr p USING (place) JOIN ${benefits} ON bf.i = x.benefit
    ORDER BY ${keyOrder(spec)}`);
  await conn.run(`DROP TABLE nr_idx; DROP TABLE places_nr`);
  const file = path.join(opts.outDir, 'non_recours.parquet');
  const { rows, bytes } = await writeParquet(conn, spec, file);
  return {
    name: 'non_recours',
    file: 'non_recours.parquet',
    rows,
    bytes,
    synthetic: true,
    provenance: `DONNÉES SYNTHÉTIQUES — populations éligibles et bénéficiaires tirées au hasard (graine ${opts.seed}) autour de parts d’éligibles estimées, avec des taux nationaux de non-recours calés sur les études publiées (DREES : RSA 34 %, prime d’activité 27 %, CSS sans participation 31 % et avec participation 67 %, ASPA 50 % ; DARES : assurance chômage 30 %) ; AAH, aides au logement et chèque énergie : taux estimés par l’équipe. Modulations : non-recours au RSA plus faible en QPV, plus élevé en zone rurale.`,
  };
}
