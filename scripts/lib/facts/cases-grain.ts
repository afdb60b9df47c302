/**
 * The synthetic claims at the finest grain (DuckDB table `cases_grain`, never published: the
 * publication step makes `cases.parquet` from it). For each year, the national total (×scale) is
 * allocated to the places of that year (hors-QPV part of each commune, each piece of a QPV in
 * force) by a multinomial draw with probabilities ∝ population × density propensity × QPV
 * over-exposure; each claim then gets a month (seasonality), a channel (39 28 only from February
 * 2021), a criterion and a domain drawn from the year's published mix. Only non-zero cells are
 * written; a QPV resident's claim carries the code of the QPV in force that year.
 */
import { CHANNELS, CRITERIA, DOMAINS, TABLES, columnsDdl } from '../../../src/catalogue';
import {
  CLAIMS_PER_YEAR,
  DENSITY_PROPENSITY,
  QPV_OVER_EXPOSURE,
  YEARS,
  channelMix,
  criterionMix,
  domainMix,
  monthWeights,
} from '../calibration';
import { places, writePlacesTable, type BuildContext, type Place } from '../context';
import { lit } from '../duck';
import { Rng, cumulative } from '../random';

/** Reference national weight (population × propensity) used when the run covers part of France. */
const NATIONAL_POPULATION = 68_000_000;

/** `n` labels (indices) in exact proportions to `weights` (largest remainder), shuffled. */
export function shuffledLabels(rng: Rng, weights: readonly number[], n: number): Uint8Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w, i) => ({ i, x: (w / total) * n }));
  const counts = raw.map((r) => Math.floor(r.x));
  let left = n - counts.reduce((s, c) => s + c, 0);
  for (const r of [...raw].sort(
    (a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || a.i - b.i,
  )) {
    if (left-- <= 0) break;
    counts[r.i] = (counts[r.i] ?? 0) + 1;
  }
  const out = new Uint8Array(n);
  let k = 0;
  counts.forEach((c, i) => out.fill(i, k, (k += c)));
  for (let j = n - 1; j > 0; j--) {
    const r = rng.int(j + 1);
    const t = out[j] ?? 0;
    out[j] = out[r] ?? 0;
    out[r] = t;
  }
  return out;
}

/** Criteria over-represented among QPV residents' claims, as a share of those claims moved. */
const QPV_SKEW: readonly [number, number][] = [
  [CRITERIA.indexOf('origine'), 0.12],
  [CRITERIA.indexOf('lieu_residence'), 0.03],
];

/**
 * Swaps labels between QPV residents' claims and other claims so that some criteria are more
 * frequent in QPV (origine, lieu de résidence) while national counts stay exactly the same.
 * Claims are laid out in place order, as they are consumed.
 */
export function skewTowardsQpv(
  rng: Rng,
  labels: Uint8Array,
  counts: Int32Array,
  list: readonly Place[],
  skew: readonly [number, number][],
): void {
  const inQpv = new Uint8Array(labels.length);
  let k = 0;
  list.forEach((p, i) => {
    const n = counts[i] ?? 0;
    if (p.qpv) inQpv.fill(1, k, k + n);
    k += n;
  });
  const qpvClaims: number[] = [];
  inQpv.forEach((q, j) => {
    if (q) qpvClaims.push(j);
  });
  for (const [label, share] of skew) {
    const donors: number[] = [];
    labels.forEach((l, j) => {
      if (l === label && !inQpv[j]) donors.push(j);
    });
    const moves = Math.min(donors.length, Math.round(share * qpvClaims.length));
    for (let m = 0; m < moves; m++) {
      const target = qpvClaims[rng.int(qpvClaims.length)] ?? 0;
      if (labels[target] === label) continue;
      const d = rng.int(donors.length - m);
      const donor = donors[d] ?? 0;
      donors[d] = donors[donors.length - m - 1] ?? 0;
      labels[donor] = labels[target] ?? 0;
      labels[target] = label;
    }
  }
}

export function placeWeight(p: Place): number {
  return (
    p.population * (DENSITY_PROPENSITY[p.rurality ?? ''] ?? 1) * (p.qpv ? QPV_OVER_EXPOSURE : 1)
  );
}

/** Writes the DuckDB table `cases_grain` (contract `CASES_GRAIN`); returns its row count. */
export async function generateCasesGrain(ctx: BuildContext): Promise<number> {
  const { conn, opts } = ctx;
  const spec = TABLES.cases_grain;
  await conn.run(
    `CREATE OR REPLACE TABLE cases_idx (year SMALLINT, month SMALLINT, place INTEGER, criterion UTINYINT, domain UTINYINT, channel UTINYINT, n INTEGER)`,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE cases_places (year SMALLINT, place INTEGER, commune_code VARCHAR, qpv_code VARCHAR)`,
  );
  const nC = CRITERIA.length;
  const nD = DOMAINS.length;
  const nCh = CHANNELS.length;
  for (const year of YEARS) {
    const list = places(ctx.model, year);
    await writePlacesTable(conn, 'cases_places_y', list);
    await conn.run(`INSERT INTO cases_places SELECT ${year}, * FROM cases_places_y`);
    const weights = list.map(placeWeight);
    const total = weights.reduce((s, w) => s + w, 0);
    const reference = opts.departements === null ? total : NATIONAL_POPULATION;
    const placeCum = cumulative(weights);
    const app = await conn.createAppender('cases_idx');
    const rng = new Rng(opts.seed, `cases:${year}`);
    const lambdaPerWeight = ((CLAIMS_PER_YEAR[year] ?? 0) * opts.scale) / reference;
    const monthCum = cumulative(monthWeights(year));
    const chanCum = Array.from({ length: 12 }, (_, m) => {
      const mix = channelMix(year, m + 1);
      return cumulative(CHANNELS.map((c) => mix[c]));
    });
    // Exact national criterion and domain counts for the year (largest remainder), shuffled
    // over the claims: the published mixes hold nationally, local mixes vary at random.
    const cMix = criterionMix(year);
    const dMix = domainMix(year);
    const claims = Math.round(lambdaPerWeight * total);
    const critOf = shuffledLabels(
      rng,
      CRITERIA.map((c) => cMix[c]),
      claims,
    );
    const domOf = shuffledLabels(
      rng,
      DOMAINS.map((d) => dMix[d]),
      claims,
    );
    // Multinomial allocation of the year's total over places (∝ weight), claim by claim.
    const counts = new Int32Array(list.length);
    for (let k = 0; k < claims; k++) {
      const i = rng.pick(placeCum);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    skewTowardsQpv(rng, critOf, counts, list, QPV_SKEW);
    let next = 0;
    const cells = new Map<number, number>();
    for (let i = 0; i < list.length; i++) {
      const n = counts[i] ?? 0;
      if (n === 0) continue;
      cells.clear();
      for (let k = 0; k < n; k++) {
        const month = rng.pick(monthCum);
        const ch = rng.pick(chanCum[month] as Float64Array);
        const cr = critOf[next] ?? 0;
        const dm = domOf[next] ?? 0;
        next++;
        const key = ((month * nCh + ch) * nC + cr) * nD + dm;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
      for (const [key, count] of cells) {
        const dm = key % nD;
        const cr = Math.floor(key / nD) % nC;
        const ch = Math.floor(key / (nD * nC)) % nCh;
        const month = Math.floor(key / (nD * nC * nCh));
        app.appendSmallInt(year);
        app.appendSmallInt(month + 1);
        app.appendInteger(i);
        app.appendUTinyInt(cr);
        app.appendUTinyInt(dm);
        app.appendUTinyInt(ch);
        app.appendInteger(count);
        app.endRow();
      }
    }
    app.closeSync();
  }
  const codes = (name: string, values: readonly string[]): string =>
    `(VALUES ${values.map((c, i) => `(${i}, ${lit(c)})`).join(', ')}) AS ${name}(i, code)`;
  // The contract's DDL, so the types are exactly the contract's.
  await conn.run(
    `DROP TABLE IF EXISTS cases_grain; CREATE TABLE cases_grain (${columnsDdl(spec)})`,
  );
  await conn.run(`INSERT INTO cases_grain
    SELECT x.year, x.month, p.commune_code, p.qpv_code, cr.code, dm.code, ch.code, x.n
    FROM cases_idx x JOIN cases_places p ON p.year = x.year AND p.place = x.place
    JOIN ${codes('cr', CRITERIA)} ON cr.i = x.criterion
    JOIN ${codes('dm', DOMAINS)} ON dm.i = x.domain
    JOIN ${codes('ch', CHANNELS)} ON ch.i = x.channel`);
  await conn.run(`DROP TABLE cases_idx; DROP TABLE cases_places; DROP TABLE cases_places_y`);
  const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM cases_grain');
  return Number(r.getRowObjects()[0]?.n ?? 0);
}

/** French provenance of the synthetic claims, for the published table's manifest entry. */
export function casesProvenance(seed: number, scale: number): string {
  return `DONNÉES SYNTHÉTIQUES — réclamations tirées au hasard (générateur pseudo-aléatoire, graine ${seed}${scale !== 1 ? `, échelle ×${scale}` : ''}) et calibrées sur les totaux annuels publiés du Défenseur des droits (2015 ≈ 4 850 … 2024 : 5 679), ses parts par critère et par domaine, la saisonnalité et le lancement de la plateforme 39 28 (février 2021) ; réparties entre les communes et les QPV réels en vigueur chaque année (liste 2015 puis 2024) selon la population, la densité et une sur-exposition des habitants des QPV ; publiées après secret statistique primaire et secondaire.`;
}
