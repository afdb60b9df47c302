/**
 * A synthetic national problem with the shape and size of the real ones (design.md): régions,
 * départements, EPCI and communes, QPV (some spanning two communes, whose pieces are internal
 * unknowns), France services sites (some equal to one commune or to a whole EPCI), the nine
 * parts with their pair relations, and for claims the breakdowns by criterion, domain and
 * channel above the département. Used by the benchmark and the scale tests; the geography is
 * invented, only the structure matters.
 */
import { Rng } from '../random';
import type { Relation, SuppressionProblem } from './problem';

export interface SyntheticOptions {
  readonly seed: number;
  /** `non_recours`: eligible (value) and non-recipients; `cases`: claims with breakdowns. */
  readonly kind: 'non_recours' | 'cases';
  /** Share of the 101 départements generated (1 = the whole country, ~35k communes). */
  readonly scale?: number;
  /** Facts stream (a benefit and year): same geography for a given seed, other counts. */
  readonly variant?: number;
}

const PARTS = ['tous', 'qpv', 'hors_qpv', 'rural', 'urbain', 'frr', 'hors_frr', 'zrr', 'hors_zrr'];
const PAIRS: readonly [number, number][] = [
  [1, 2],
  [3, 4],
  [5, 6],
  [7, 8],
];
/** Categories of each breakdown axis (criterion, domain, channel) and their weights. */
const AXES = [
  [5, 3, 2, 2, 1, 1],
  [4, 3, 2, 1, 1],
  [6, 3, 1],
];

interface Commune {
  readonly pop: number;
  /** Whether the commune is in the part, for parts 3…8 (rural, urbain, frr, …). */
  readonly inPart: readonly boolean[];
  /** Its QPV pieces (variables), their sum, the rest outside QPV and the whole (−1: none). */
  pieces: number[];
  qpv: number;
  hors: number;
  tous: number;
}

/** Builds the variables bottom-up, so every relation holds on the values. */
class Builder {
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly published: number[] = [];
  readonly rank: number[] = [];
  readonly relations: Relation[] = [];
  /** Readable names, for debugging and reports ("E3.12.rural", "c3.12.4.hors_qpv"…). */
  readonly names: string[] = [];
  leaf(a: number, b: number, rank: number, name: string, published = true): number {
    this.names.push(name);
    this.a.push(a);
    this.b.push(b);
    this.published.push(published ? 1 : 0);
    this.rank.push(rank);
    return this.a.length - 1;
  }
  sum(parts: readonly number[], rank: number, name: string): number {
    let a = 0;
    let b = 0;
    for (const p of parts) {
      a += this.a[p] as number;
      b += this.b[p] as number;
    }
    const total = this.leaf(a, b, rank, name);
    this.relations.push({ total, parts });
    return total;
  }
}

export function syntheticProblem(
  opts: SyntheticOptions,
): SuppressionProblem & { readonly names: readonly string[] } {
  const scale = opts.scale ?? 1;
  const geo = new Rng(opts.seed, 'geography');
  const facts = new Rng(opts.seed, `facts-${opts.kind}-${opts.variant ?? 0}`);
  const build = new Builder();
  const cases = opts.kind === 'cases';
  const rate = cases ? 0.003 : facts.uniform(0.04, 0.12);
  const nonRecours = facts.uniform(0.2, 0.4);
  // A unit (commune outside QPV, or one QPV piece) gets its facts, and for claims its split.
  const splits = new Map<number, number[][]>();
  const unit = (pop: number, name: string, published: boolean): number => {
    if (!cases) {
      const eligible = facts.binomial(pop, rate);
      return build.leaf(eligible, facts.binomial(eligible, nonRecours), 0, name, published);
    }
    const n = facts.poisson(pop * rate);
    const v = build.leaf(n, 0, 0, name, published);
    splits.set(
      v,
      AXES.map((w) => multinomial(facts, n, w)),
    );
    return v;
  };

  const metro = Math.max(1, Math.round(96 * scale));
  const overseas = Math.round(5 * scale);
  const regionOf: number[] = [];
  for (let d = 0; d < metro; d++)
    regionOf.push(Math.floor((d * Math.max(1, Math.round(13 * scale))) / metro));
  const metroRegions = (regionOf[metro - 1] ?? 0) + 1;
  for (let d = 0; d < overseas; d++) regionOf.push(metroRegions + d);

  const departements: { communes: Commune[][]; sites: Commune[][] }[] = [];
  for (let d = 0; d < metro + overseas; d++) {
    const epcis: Commune[][] = [];
    const nEpci = d < metro ? 5 + geo.int(18) : 3 + geo.int(3);
    for (let e = 0; e < nEpci; e++) {
      const frr = geo.next() < 0.3 ? 0.9 : 0.05;
      const zrr = geo.next() < 0.35 ? 0.8 : 0.03;
      const size = 1 + Math.floor(-Math.log(1 - geo.next()) * 26);
      const communes: Commune[] = [];
      for (let i = 0; i < size; i++) {
        const pop = Math.max(10, Math.round(Math.exp(geo.normal(6.2, 1.3))));
        const rural = geo.next() < (pop < 2000 ? 0.85 : pop < 10000 ? 0.4 : 0.05);
        const inFrr = rural && geo.next() < frr;
        const inZrr = rural && geo.next() < zrr;
        communes.push({
          pop,
          inPart: [rural, !rural, inFrr, !inFrr, inZrr, !inZrr],
          pieces: [],
          qpv: -1,
          hors: -1,
          tous: -1,
        });
      }
      epcis.push(communes);
    }
    departements.push({ communes: epcis, sites: sitesOf(geo, epcis) });
  }

  // Communes: the QPV pieces first (a QPV spanning two communes has internal pieces).
  departements.forEach(({ communes: epcis }, d) => {
    epcis.forEach((communes, e) => {
      const at = (i: number): string => `c${d}.${e}.${i}`;
      communes.forEach((c, i) => {
        const count = c.pop > 8000 ? Math.min(4, geo.poisson(c.pop / 20000) + 1) : 0;
        for (let q = 0; q < count; q++) {
          const share = Math.round(c.pop * geo.uniform(0.05, 0.2));
          const j = geo.int(communes.length);
          if (geo.next() < 0.1 && j !== i) {
            const other = communes[j] as Commune;
            const here = unit(share, `${at(i)}.piece${q}`, false);
            const there = unit(Math.round(other.pop * 0.05), `${at(j)}.piece-of-${i}.${q}`, false);
            c.pieces.push(here);
            other.pieces.push(there);
            build.sum([here, there], 0, `Q${d}.${e}.${i}.${q}`);
          } else c.pieces.push(unit(share, `Q${d}.${e}.${i}.${q}`, true));
        }
      });
      communes.forEach((c, i) => {
        const mine = c.pieces;
        const inQpv = mine.reduce((s, p) => s + (build.a[p] as number), 0);
        if (mine.length === 0) {
          c.tous = unit(c.pop, `${at(i)}.tous`, true);
          return;
        }
        c.qpv = build.sum(mine, 0, `${at(i)}.qpv`);
        c.hors = unit(Math.max(0, c.pop - inQpv), `${at(i)}.hors_qpv`, true);
        c.tous = build.sum([c.qpv, c.hors], 0, `${at(i)}.tous`);
      });
    });
  });
  // A commune's cell in a part, or −1 when it is not in it.
  const cellOf = (c: Commune, p: number): number => {
    if (p === 0) return c.tous;
    if (p === 1) return c.qpv;
    if (p === 2) return c.hors >= 0 ? c.hors : c.tous;
    return c.inPart[p - 3] ? c.tous : -1;
  };
  // The units (commune outside QPV, QPV pieces) a commune brings to a part.
  const unitsIn = (c: Commune, p: number): number[] => {
    if (p >= 3 && !c.inPart[p - 3]) return [];
    if (c.pieces.length === 0) return p === 1 ? [] : [c.tous];
    if (p === 1) return c.pieces;
    return p === 2 ? [c.hors] : [...c.pieces, c.hors];
  };
  const area = (communes: readonly Commune[], rank: number, name: string): number[] => {
    const cells = PARTS.map((part, p) =>
      build.sum(
        communes.map((c) => cellOf(c, p)).filter((v) => v >= 0),
        rank,
        `${name}.${part}`,
      ),
    );
    pairs(build, cells);
    return cells;
  };
  const above = (children: readonly number[][], rank: number, name: string): number[] => {
    const cells = PARTS.map((part, p) =>
      build.sum(
        children.map((cs) => cs[p] as number),
        rank,
        `${name}.${part}`,
      ),
    );
    pairs(build, cells);
    return cells;
  };

  const deps = departements.map(({ communes: epcis, sites }, d) => {
    epcis.forEach((communes, e) => area(communes, 1, `E${d}.${e}`));
    sites.forEach((members, s) => area(members, 2, `S${d}.${s}`));
    return area(epcis.flat(), 2, `D${d}`);
  });
  const byRegion: number[][][] = [];
  deps.forEach((cells, d) => (byRegion[regionOf[d] as number] ??= []).push(cells));
  const regions = byRegion.map((ds, r) => above(ds, 3, `R${r}`));
  const france = above(regions, 4, 'FR');
  if (cases) {
    const split = (v: number): number[][] => splits.get(v) ?? AXES.map((w) => w.map(() => 0));
    const leaves = departements.map(({ communes: epcis }, d) =>
      PARTS.map((part, p) =>
        AXES.map((w, axis) =>
          w.map((_, k) => {
            let n = 0;
            for (const c of epcis.flat()) {
              for (const u of unitsIn(c, p)) n += split(u)[axis]?.[k] ?? 0;
            }
            return build.leaf(n, 0, 3, `D${d}.${part}.${axis}.${k}`);
          }),
        ),
      ),
    );
    breakdowns(build, deps, leaves, regionOf, regions, france);
  }
  const size = build.a.length;
  const primary = new Uint8Array(size);
  for (let v = 0; v < size; v++) {
    const a = build.a[v] as number;
    const b = build.b[v] as number;
    const small = (x: number, min: number): boolean => x >= 1 && x < min;
    primary[v] = (cases ? small(a, 5) : small(a, 30) || small(b, 5) || small(a - b, 5)) ? 1 : 0;
  }
  return {
    size,
    value: Float64Array.from(build.a),
    published: Uint8Array.from(build.published),
    primary,
    rank: Uint8Array.from(build.rank),
    relations: shared(`${opts.seed}:${opts.kind}:${scale}`, build.relations),
    names: build.names,
  };
}

/**
 * The relations depend on the geography only: variants (benefits, years of one structure)
 * get the same array, as the publication should pass them, so the engine builds the
 * structure once (identity.ts caches it by array).
 */
const relationsByGeography = new Map<string, Relation[]>();
function shared(key: string, relations: Relation[]): Relation[] {
  const known = relationsByGeography.get(key);
  if (known && known.length === relations.length) return known;
  relationsByGeography.set(key, relations);
  return relations;
}

function pairs(build: Builder, cells: readonly number[]): void {
  for (const [a, b] of PAIRS) {
    build.relations.push({
      total: cells[0] as number,
      parts: [cells[a] as number, cells[b] as number],
    });
  }
}

/**
 * France services sites of a département: mostly a few communes of one EPCI, sometimes one
 * commune (the site is the commune) or a whole EPCI (the site is the EPCI), sometimes reaching
 * into the next EPCI. About three communes in five belong to a site.
 */
function sitesOf(rng: Rng, epcis: readonly Commune[][]): Commune[][] {
  const sites: Commune[][] = [];
  epcis.forEach((communes, e) => {
    const free = communes.slice();
    for (let s = rng.poisson(1.6); s > 0 && free.length > 0; s--) {
      const u = rng.next();
      if (u < 0.05 && free.length === communes.length) {
        sites.push(free.splice(0));
        continue;
      }
      const size = u < 0.3 ? 1 : 2 + rng.int(9);
      const members = free.splice(rng.int(free.length), size);
      const next = epcis[e + 1];
      if (rng.next() < 0.1 && next && next.length > 0)
        members.push(next[rng.int(next.length)] as Commune);
      sites.push(members);
    }
  });
  return sites;
}

function multinomial(rng: Rng, n: number, weights: readonly number[]): number[] {
  let left = n;
  let mass = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => {
    const k = mass > 0 ? rng.binomial(left, w / mass) : 0;
    left -= k;
    mass -= w;
    return k;
  });
}

/**
 * Claims by criterion, domain and channel for the départements (leaves: the commune split is not
 * published), the régions and France, every part: each axis sums to the area's cell, each
 * category is summed upwards and split by the part pairs.
 */
function breakdowns(
  build: Builder,
  deps: readonly number[][],
  leaves: readonly number[][][][],
  regionOf: readonly number[],
  regions: readonly number[][],
  france: readonly number[],
): void {
  const up = (children: readonly number[][][][], rank: number, name: string): number[][][] =>
    PARTS.map((part, p) =>
      AXES.map((w, axis) =>
        w.map((_, k) =>
          build.sum(
            children.map((ch) => ch[p]?.[axis]?.[k] as number),
            rank,
            `${name}.${part}.${axis}.${k}`,
          ),
        ),
      ),
    );
  const byRegion: number[][][][][] = [];
  leaves.forEach((cells, d) => (byRegion[regionOf[d] as number] ??= []).push(cells));
  const regionCells = byRegion.map((ds, r) => up(ds, 4, `R${r}`));
  const levels: [readonly number[], number[][][]][] = [
    ...deps.map((t, d): [readonly number[], number[][][]] => [t, leaves[d] as number[][][]]),
    ...regions.map((t, r): [readonly number[], number[][][]] => [
      t,
      regionCells[r] as number[][][],
    ]),
    [france, up(regionCells, 5, 'FR')],
  ];
  for (const [totals, cells] of levels) {
    PARTS.forEach((_, p) =>
      AXES.forEach((_, axis) =>
        build.relations.push({ total: totals[p] as number, parts: cells[p]?.[axis] ?? [] }),
      ),
    );
    AXES.forEach((w, axis) =>
      w.forEach((_, k) => {
        const at = (p: number): number => cells[p]?.[axis]?.[k] as number;
        for (const [a, b] of PAIRS) build.relations.push({ total: at(0), parts: [at(a), at(b)] });
      }),
    );
  }
}
