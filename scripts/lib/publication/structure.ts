/**
 * Turns the cells of one table and year (and, for non-recours, one benefit) into a
 * `SuppressionProblem`: a variable per non-zero cell (a zero cell is published as zero and known
 * to everyone, so it adds nothing to a relation), a variable per piece of a QPV spanning several
 * communes, and the additive relations of the publication plan:
 *
 * - a département, EPCI or site, for each part = Σ of its communes' cells in that part (a
 *   commune's QPV part, its hors-QPV part — itself when it has no QPV —, or its whole for the
 *   rural, urbain, FRR and ZRR parts it belongs to);
 * - a région = Σ its départements, France = Σ régions, for each part;
 * - for every area, tous = part + complement for each pair of parts;
 * - a commune with a QPV: tous = QPV part + hors QPV; its QPV part = Σ of its QPV's pieces; a QPV
 *   spanning several communes = Σ of its pieces (a single-commune QPV is its own piece);
 * - claims by criterion, domain or channel (breakdown levels only): for each area, part and axis,
 *   the total = Σ of its categories; per category, région = Σ départements, France = Σ régions,
 *   and tous = part + complement.
 *
 * Communes' breakdowns are not published: they are free unknowns whose only constraint is to add
 * up to the commune's total, so they imply no relation beyond those above.
 *
 * Every relation is checked against the values (`total = Σ parts`): an inconsistent cell table is
 * refused rather than protected wrongly.
 */
import {
  BREAKDOWN_LEVELS,
  CHANNELS,
  CRITERIA,
  DOMAINS,
  PART_PAIRS,
  PARTS,
  partInYear,
  type Part,
} from '../../../src/catalogue';
import { COMMUNE_GROUP_LEVELS, communeInPart, type Geography } from './geography';
import type { Relation, SuppressionProblem } from './problem';

/** A non-zero cell of the table for the year. */
export interface CellInput {
  readonly level: string;
  readonly code: string;
  readonly part: Part;
  /** 'total' or a breakdown axis (claims only). */
  readonly dimension: string;
  readonly category: string | null;
}

/** A piece of a QPV spanning several communes. */
export interface PieceInput {
  readonly qpv: string;
  readonly commune: string;
}

/** The claims' breakdown axes with their category codes, as `buildProblem` takes them. */
export const CASE_AXIS_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
};

export interface BuiltProblem {
  readonly problem: SuppressionProblem;
  /** Variable → index in `cells`, or −1 − index in `pieces`. */
  readonly source: Int32Array;
}

/**
 * How much users lose when a cell is hidden, as a tier (each tier weighs 4 times the one
 * below, see the engine's `weight`): the level (commune and QPV 0, EPCI 1, département and site 2,
 * région 3, France 4), plus 2 for a territory's whole and 1 for its QPV / hors-QPV split (the
 * observatory's subject), plus 1 for a total rather than one category. A département total thus
 * costs far more than a région's rural or ZRR part, which is nearly its complement anyway.
 */
const LEVEL_TIER: Readonly<Record<string, number>> = {
  commune: 0,
  qpv: 0,
  piece: 0,
  epci: 1,
  departement: 2,
  site: 2,
  region: 3,
  france: 4,
};

export function cellTier(level: string, part: Part, dimension: string): number {
  const partTier = part === 'tous' ? 2 : part === 'qpv' || part === 'hors_qpv' ? 1 : 0;
  return (LEVEL_TIER[level] ?? 4) + partTier + (dimension === 'total' ? 1 : 0);
}

export const cellKey = (
  level: string,
  code: string,
  part: string,
  dimension = 'total',
  category: string | null = null,
): string => `${level}|${code}|${part}|${dimension}|${category ?? ''}`;

/**
 * Builds the structure of `year`'s problem: its variables and relations, with values and
 * sensitivity left at 0 for the caller to fill (one structure serves every benefit; the
 * publication checks the relations against the values, the auditor has no hidden value). `axes`
 * maps the claims' breakdown axes to their category codes (none for non-recours).
 */
export function buildProblem(
  geo: Geography,
  year: number,
  cells: readonly CellInput[],
  pieces: readonly PieceInput[],
  axes: Readonly<Record<string, readonly string[]>> = {},
): BuiltProblem {
  const index = new Map<string, number>();
  const size = cells.length + pieces.length;
  const value = new Float64Array(size);
  const published = new Uint8Array(size);
  const primary = new Uint8Array(size);
  const rank = new Uint8Array(size);
  const source = new Int32Array(size);
  cells.forEach((c, i) => {
    const key = cellKey(c.level, c.code, c.part, c.dimension, c.category);
    if (index.has(key)) throw new Error(`Cellule en double : ${key} (${year})`);
    index.set(key, i);
    published[i] = 1;
    rank[i] = cellTier(c.level, c.part, c.dimension);
    source[i] = i;
  });
  const pieceIndex = new Map<string, number>();
  pieces.forEach((p, j) => {
    const i = cells.length + j;
    pieceIndex.set(`${p.qpv}|${p.commune}`, i);
    source[i] = -1 - j;
  });

  const relations: Relation[] = [];
  const v = (key: string): number => index.get(key) ?? -1;
  /** Adds `total = Σ parts`, skipping zero cells (they are no variable). */
  const relate = (totalKey: string | number, partVars: readonly number[]): void => {
    const total = typeof totalKey === 'number' ? totalKey : v(totalKey);
    if (total < 0) return;
    relations.push({ total, parts: partVars.filter((p) => p >= 0) });
  };

  const qpvInForce = geo.qpvInForce(year);
  const qpvOfCommune = new Map<string, string[]>();
  for (const q of qpvInForce)
    for (const c of q.communes) {
      const list = qpvOfCommune.get(c);
      if (list) list.push(q.code);
      else qpvOfCommune.set(c, [q.code]);
    }
  const singleCommune = new Set(
    qpvInForce.filter((q) => q.communes.length === 1).map((q) => q.code),
  );
  const parts = PARTS.filter((p) => partInYear(p, year));

  /** The variable of commune `c`'s cell counted in area part `p` (−1: none or zero). */
  const communeChild = (c: string, p: Part): number => {
    const info = geo.communes.get(c);
    if (!info) return -1;
    const split = qpvOfCommune.has(c);
    if (p === 'qpv') return split ? v(cellKey('commune', c, 'qpv')) : -1;
    if (p === 'hors_qpv') return v(cellKey('commune', c, split ? 'hors_qpv' : 'tous'));
    return communeInPart(info, p, year) ? v(cellKey('commune', c, 'tous')) : -1;
  };

  // Areas made of communes, for each part.
  for (const level of COMMUNE_GROUP_LEVELS)
    for (const [code, members] of geo.communesOf[level])
      for (const p of parts)
        relate(
          cellKey(level, code, p),
          members.map((c) => communeChild(c, p)),
        );
  // Régions and France, for the totals and, at the breakdown levels, every category.
  const hierarchy = (p: Part, dimension: string, category: string | null): void => {
    for (const r of geo.regions)
      relate(
        cellKey('region', r, p, dimension, category),
        (geo.departementsOfRegion.get(r) ?? []).map((d) =>
          v(cellKey('departement', d, p, dimension, category)),
        ),
      );
    relate(
      cellKey('france', 'FR', p, dimension, category),
      geo.regions.map((r) => v(cellKey('region', r, p, dimension, category))),
    );
  };
  for (const p of parts) hierarchy(p, 'total', null);
  // Pairs of parts, for every area.
  const areas: [string, string][] = [['france', 'FR']];
  for (const r of geo.regions) areas.push(['region', r]);
  for (const level of COMMUNE_GROUP_LEVELS)
    for (const code of geo.communesOf[level].keys()) areas.push([level, code]);
  const pairs = PART_PAIRS.filter(([a]) => partInYear(a, year));
  for (const [level, code] of areas)
    for (const [a, b] of pairs)
      relate(cellKey(level, code, 'tous'), [
        v(cellKey(level, code, a)),
        v(cellKey(level, code, b)),
      ]);
  // Communes with a QPV, their QPV's pieces, and the QPV spanning several communes.
  const pieceVar = (q: string, c: string, single: boolean): number =>
    single ? v(cellKey('qpv', q, 'tous')) : (pieceIndex.get(`${q}|${c}`) ?? -1);
  for (const [c, qs] of qpvOfCommune) {
    if (!geo.communes.has(c)) continue;
    relate(cellKey('commune', c, 'tous'), [
      v(cellKey('commune', c, 'qpv')),
      v(cellKey('commune', c, 'hors_qpv')),
    ]);
    relate(
      cellKey('commune', c, 'qpv'),
      qs.map((q) => pieceVar(q, c, singleCommune.has(q))),
    );
  }
  for (const q of qpvInForce)
    if (q.communes.length > 1)
      relate(
        cellKey('qpv', q.code, 'tous'),
        q.communes.map((c) => pieceIndex.get(`${q.code}|${c}`) ?? -1),
      );
  // Breakdowns of the claims.
  const breakdownAreas = areas.filter(([level]) => BREAKDOWN_LEVELS.includes(level as never));
  for (const [axis, categories] of Object.entries(axes)) {
    for (const p of parts) {
      for (const k of categories) hierarchy(p, axis, k);
      for (const [level, code] of breakdownAreas)
        relate(
          cellKey(level, code, p),
          categories.map((k) => v(cellKey(level, code, p, axis, k))),
        );
    }
    for (const [level, code] of breakdownAreas)
      for (const [a, b] of pairs)
        for (const k of categories)
          relate(cellKey(level, code, 'tous', axis, k), [
            v(cellKey(level, code, a, axis, k)),
            v(cellKey(level, code, b, axis, k)),
          ]);
  }
  return { problem: { size, value, published, primary, rank, relations }, source };
}
