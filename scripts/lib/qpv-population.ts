/**
 * SYNTHETIC QPV populations. The reference files give no population by quartier, so each QPV's
 * inhabitants, and their split between its communes ("pieces"), are drawn here, deterministically
 * from the seed, one random stream per QPV code, always over the whole country (a restricted run
 * gets the same numbers for its départements).
 *
 * Method (territories provenance, data/README.md):
 * - 2024 list: a size weight per QPV, log-normal × √(room), room = its communes' population
 *   shared among the QPV of the list they hold; a multi-commune QPV is split between its communes
 *   ∝ population^0.6 × log-normal. Each group is scaled to its published total: metropolitan
 *   France 5.3 M in 1,362 QPV (Insee Première n° 2008), with Seine-Saint-Denis 697,700,
 *   Rhône + Métropole de Lyon 186,400 and Nord 365,000 (calibration.md §7c) as their own
 *   groups; each DROM its `OVERSEAS` total. Mayotte's 2024 QPV are whole communes: the commune's
 *   population.
 * - In every commune the QPV of one list hold at most `COMMUNE_CAP` of its inhabitants (the
 *   hors-QPV part stays populated): capped pieces are scaled down and the rest of their group
 *   scaled up, until the group meets its total.
 * - 2015 list: a 2015 QPV inherits from its successors. An unchanged QPV (`inchange`) has
 *   exactly its successor's pieces; otherwise it takes a drawn share of each successor's pieces
 *   (the successor's drawn 2015-to-2024 ratio, split between its predecessors by drawn weights).
 *   Groups are scaled to 5.4 M in the 1,436 QPV of metropolitan France and the DROM (Insee, 1
 *   January 2018) pro rata of the QPV known here, then capped per commune as above.
 */
import type { Qpv2015Row } from './reference/qpv-2015';
import { QPV_2015_LIST } from './reference/qpv-2015';
import type { Qpv2024Row } from './reference/qpv-list-2024';
import { Rng } from './random';

/** Share of a commune's inhabitants the QPV of one list may hold at most. */
export const COMMUNE_CAP = 0.7;
/** A QPV has at least 1,000 inhabitants (décret 2014-767), unless its communes are too small. */
export const MIN_QPV_POPULATION = 1_000;

/** Published totals (calibration.md §7a, §7c; V = published, E = team estimate). */
export const QPV_POPULATION_TARGETS = {
  /** Metropolitan QPV of the 2024 list, Insee Première n° 2008 (V). */
  metropole2024: 5_300_000,
  /** Départements with a published 2024 total (V). */
  departements2024: { '93': 697_700, '69': 186_400, '59': 365_000 } as Readonly<
    Record<string, number>
  >,
  /** QPV of the 2015 list in metropolitan France and the five DROM, 1 January 2018 (V). */
  inScope2015: 5_400_000,
} as const;

/**
 * Inhabitants of the QPV of each DROM (2015 list, kept for the 2024 list): La Réunion 159,300–
 * 163,500 in 49 QPV and Mayotte 170,800 in 36 (V); Guyane ≈ 47.5 %, Martinique ≈ 6.5 % of the
 * population (V, ranges 45–50 % and 6–7 %); Guadeloupe 12 % (E: the overseas total then falls in
 * the published 500,000–579,000). `listed` = size of the 2015 list when published.
 */
export const OVERSEAS: Readonly<
  Record<string, { population?: number; share?: number; listed?: number }>
> = {
  '971': { share: 0.12 },
  '972': { share: 0.065 },
  '973': { share: 0.475 },
  '974': { population: 161_400, listed: 49 },
  '976': { population: 170_800, listed: 36 },
};

export interface QpvPiece {
  readonly commune: string;
  readonly population: number;
}

interface Piece {
  readonly qpv: string;
  readonly commune: string;
  value: number;
  /** Not rescaled (a whole-commune or unchanged QPV). */
  fixed: boolean;
}

const isOverseas = (dep: string): boolean => dep.length === 3 && dep.startsWith('97');
const sum = (xs: Iterable<number>): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/**
 * Scales the free pieces of a group so that its total meets `target`, while the pieces in each
 * commune hold at most `cap(commune)`: an over-full commune's free pieces are scaled down to the
 * cap and the commune is then left alone; the other free pieces take up the difference.
 */
function fit(pieces: readonly Piece[], target: number, cap: (commune: string) => number): void {
  const byCommune = new Map<string, Piece[]>();
  for (const p of pieces) byCommune.set(p.commune, [...(byCommune.get(p.commune) ?? []), p]);
  const saturated = new Set<string>();
  for (let pass = 0; pass < 50; pass++) {
    for (const [commune, list] of byCommune) {
      if (saturated.has(commune)) continue;
      const limit = cap(commune);
      const load = sum(list.map((p) => p.value));
      if (load < limit * (1 - 1e-9)) continue;
      const fixed = sum(list.filter((p) => p.fixed).map((p) => p.value));
      const k = Math.max(0, (limit - fixed) / Math.max(load - fixed, 1e-9));
      for (const p of list) if (!p.fixed) p.value *= k;
      saturated.add(commune);
    }
    const total = sum(pieces.map((p) => p.value));
    const free = pieces.filter((p) => !p.fixed && !saturated.has(p.commune));
    const room = sum(free.map((p) => p.value));
    if (Math.abs(total - target) <= target * 1e-6 || room <= 0) return;
    const k = Math.max(0, 1 + (target - total) / room);
    for (const p of free) p.value *= k;
  }
}

/** Integer pieces, main (largest) first; a piece never rounds to zero. */
function finish(pieces: readonly Piece[]): Map<string, QpvPiece[]> {
  const out = new Map<string, QpvPiece[]>();
  for (const p of pieces) {
    const list = out.get(p.qpv) ?? [];
    list.push({ commune: p.commune, population: Math.max(1, Math.round(p.value)) });
    out.set(p.qpv, list);
  }
  for (const list of out.values())
    list.sort((a, b) => b.population - a.population || (a.commune < b.commune ? -1 : 1));
  return out;
}

export interface QpvPopulationInput {
  readonly list2024: readonly Qpv2024Row[];
  readonly list2015: readonly Qpv2015Row[];
  /** Population of a current commune (whole country). */
  readonly population: (commune: string) => number;
  /** Population of a département (whole country). */
  readonly departementPopulation: (departement: string) => number;
  readonly seed: number;
}

const streamOf = (seed: number, code: string): Rng => new Rng(seed, `qpv-population:${code}`);

/** Synthetic pieces of every QPV of both lists, by code. */
export function estimateQpvPopulations(input: QpvPopulationInput): Map<string, QpvPiece[]> {
  const { list2024, list2015, population, seed } = input;
  const cap = (c: string): number => COMMUNE_CAP * population(c);
  const rngs = new Map<string, Rng>();
  const rngOf = (code: string): Rng => {
    const r = rngs.get(code) ?? streamOf(seed, code);
    rngs.set(code, r);
    return r;
  };

  // 2024 list.
  const holders = new Map<string, number>();
  for (const q of list2024) for (const c of q.communes) holders.set(c, (holders.get(c) ?? 0) + 1);
  const groups2024 = new Map<string, { target: number; pieces: Piece[] }>();
  const known2024 = QPV_POPULATION_TARGETS.departements2024;
  const metroTarget = QPV_POPULATION_TARGETS.metropole2024 - sum(Object.values(known2024));
  const weights = new Map<string, number>();
  const all2024: Piece[] = [];
  for (const q of list2024) {
    const rng = rngOf(q.code);
    const size = Math.exp(rng.normal(0, 0.5));
    const split = q.communes.map(
      (c) => Math.max(1, population(c)) ** 0.6 * Math.exp(rng.normal(0, 0.4)),
    );
    if (q.status === 'commune') {
      for (const c of q.communes)
        all2024.push({ qpv: q.code, commune: c, value: population(c), fixed: true });
      continue;
    }
    const room = sum(q.communes.map((c) => population(c) / (holders.get(c) ?? 1)));
    weights.set(q.code, size * Math.sqrt(room));
    const key =
      known2024[q.departement] !== undefined
        ? q.departement
        : isOverseas(q.departement)
          ? q.departement
          : 'metropole';
    const g = groups2024.get(key) ?? { target: 0, pieces: [] };
    const total = sum(split);
    q.communes.forEach((c, i) => {
      const piece: Piece = {
        qpv: q.code,
        commune: c,
        value: (split[i] ?? 0) / total,
        fixed: false,
      };
      g.pieces.push(piece);
      all2024.push(piece);
    });
    groups2024.set(key, g);
  }
  const overseasTotal = (dep: string): number => {
    const o = OVERSEAS[dep];
    return o?.population ?? (o?.share ?? 0) * input.departementPopulation(dep);
  };
  for (const [key, g] of groups2024) {
    g.target = key === 'metropole' ? metroTarget : (known2024[key] ?? overseasTotal(key));
    // Initial sizes: the group's total ∝ weight, at least MIN_QPV_POPULATION each.
    const codes = [...new Set(g.pieces.map((p) => p.qpv))];
    const w = sum(codes.map((c) => weights.get(c) ?? 0));
    const popOf = new Map(
      codes.map((c) => [c, Math.max(MIN_QPV_POPULATION, (g.target * (weights.get(c) ?? 0)) / w)]),
    );
    for (const p of g.pieces) p.value *= popOf.get(p.qpv) ?? 0;
    fit(g.pieces, g.target, cap);
  }
  const pieces2024 = finish(all2024);

  // 2015 list: shares of the successors' pieces.
  const by2024 = new Map(list2024.map((q) => [q.code, q]));
  const ratio = new Map<string, number>();
  for (const q of list2024)
    if (q.predecessors.length) ratio.set(q.code, rngOf(q.code).uniform(0.8, 1.1));
  const linkWeight = new Map<string, number>();
  const weightSum = new Map<string, number>();
  for (const p of list2015) {
    const rng = rngOf(p.code);
    for (const s of p.successors) {
      const w = rng.uniform(0.5, 1.5);
      linkWeight.set(`${p.code}>${s}`, w);
      weightSum.set(s, (weightSum.get(s) ?? 0) + w);
    }
  }
  const groups2015 = new Map<string, { pieces: Piece[]; known: number }>();
  for (const p of list2015) {
    const key = isOverseas(p.departement) ? p.departement : 'metropole';
    const g = groups2015.get(key) ?? { pieces: [], known: 0 };
    g.known++;
    const values = new Map<string, { value: number; fixed: boolean }>();
    for (const s of p.successors) {
      const succ = by2024.get(s);
      const unchanged =
        succ?.status === 'inchange' && succ.predecessors.length === 1 && p.successors.length === 1;
      const share = unchanged
        ? 1
        : ((ratio.get(s) ?? 1) * (linkWeight.get(`${p.code}>${s}`) ?? 0)) / (weightSum.get(s) ?? 1);
      for (const piece of pieces2024.get(s) ?? []) {
        const v = values.get(piece.commune) ?? { value: 0, fixed: unchanged };
        v.value += share * piece.population;
        values.set(piece.commune, v);
      }
    }
    for (const [commune, v] of values) g.pieces.push({ qpv: p.code, commune, ...v });
    groups2015.set(key, g);
  }
  const drom = Object.keys(OVERSEAS);
  const dromFull2015 = sum(drom.map(overseasTotal));
  const listedOthers =
    QPV_2015_LIST.total -
    QPV_2015_LIST.metropole -
    QPV_2015_LIST.outOfScope -
    sum(drom.map((d) => OVERSEAS[d]?.listed ?? 0));
  const knownOthers = sum(
    drom.filter((d) => !OVERSEAS[d]?.listed).map((d) => groups2015.get(d)?.known ?? 0),
  );
  const all2015: Piece[] = [];
  for (const [key, g] of groups2015) {
    const listed = OVERSEAS[key]?.listed;
    const target =
      key === 'metropole'
        ? ((QPV_POPULATION_TARGETS.inScope2015 - dromFull2015) * g.known) / QPV_2015_LIST.metropole
        : overseasTotal(key) * (listed ? g.known / listed : knownOthers / listedOthers);
    fit(g.pieces, target, cap);
    all2015.push(...g.pieces);
  }
  const out = finish(all2015);
  for (const [code, list] of pieces2024) out.set(code, list);
  return out;
}
