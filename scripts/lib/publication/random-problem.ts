/**
 * Small random problems for the property tests, shaped like the real ones: leaves (communes)
 * summed in groups (EPCI) and a total (France), split in two parts (rural / urbain) with the pair
 * relations, cross-cut by sites (arbitrary sets of leaves), and pieces of leaves shared by a
 * "QPV" that are internal unknowns. Empty and one-leaf groups give zero and identical cells.
 * Values are consistent (every relation holds), so attacks can be checked against them.
 */
import { Rng } from '../random';
import type { Relation, SuppressionProblem } from './problem';

export interface RandomProblemOptions {
  readonly leaves: number;
  readonly groups: number;
  readonly sites: number;
  /** Number of two-leaf "QPV" whose pieces are internal. */
  readonly shared: number;
}

export function randomProblem(seed: number, opts: RandomProblemOptions): SuppressionProblem {
  const rng = new Rng(seed, 'random-problem');
  const values: number[] = [];
  const published: number[] = [];
  const rank: number[] = [];
  const relations: Relation[] = [];
  const variable = (value: number, r: number, isPublished = true): number => {
    values.push(value);
    published.push(isPublished ? 1 : 0);
    rank.push(r);
    return values.length - 1;
  };
  const sum = (parts: readonly number[]): number =>
    parts.reduce((s, p) => s + (values[p] as number), 0);
  const relation = (parts: readonly number[], r: number): number => {
    const total = variable(sum(parts), r);
    relations.push({ total, parts });
    return total;
  };
  const draw = (): number => {
    const u = rng.next();
    if (u < 0.1) return 0;
    if (u < 0.5) return 1 + rng.int(4);
    return 5 + rng.int(60);
  };

  const leaves: number[] = [];
  const group: number[] = [];
  const part: number[] = [];
  for (let i = 0; i < opts.leaves; i++) {
    leaves.push(variable(draw(), 0));
    group.push(rng.int(opts.groups));
    part.push(rng.int(2));
  }
  // A shared "QPV" over two leaves: each leaf = its piece + the rest, the QPV = both pieces.
  for (let q = 0; q < opts.shared && opts.leaves >= 2; q++) {
    const a = rng.int(opts.leaves);
    const b = (a + 1 + rng.int(opts.leaves - 1)) % opts.leaves;
    const pieces = [a, b].map((i) => {
      const leaf = leaves[i] as number;
      const piece = variable(Math.floor((values[leaf] as number) / 2), 0, false);
      const rest = variable((values[leaf] as number) - (values[piece] as number), 0, false);
      relations.push({ total: leaf, parts: [piece, rest] });
      return piece;
    });
    relation(pieces, 0);
  }
  const totals: number[][] = [[], [], []];
  for (let g = 0; g < opts.groups; g++) {
    const members = leaves.filter((_, i) => group[i] === g);
    const all = relation(members, 1);
    const split = [0, 1].map((p) =>
      relation(
        members.filter((_, i) => part[i] === p),
        1,
      ),
    );
    relations.push({ total: all, parts: split });
    totals[0]?.push(all);
    split.forEach((v, p) => totals[p + 1]?.push(v));
  }
  const top = totals.map((parts) => relation(parts, 3));
  relations.push({ total: top[0] as number, parts: top.slice(1) });
  for (let s = 0; s < opts.sites; s++) {
    relation(
      leaves.filter(() => rng.next() < 0.3),
      2,
    );
  }
  const primary = values.map((x) => (x >= 1 && x < 5 ? 1 : 0));
  return {
    size: values.length,
    value: Float64Array.from(values),
    published: Uint8Array.from(published),
    primary: Uint8Array.from(primary),
    rank: Uint8Array.from(rank),
    relations,
  };
}

/** A random hiding of the published variables, each with probability `p`. */
export function randomHidden(problem: SuppressionProblem, seed: number, p: number): Uint8Array {
  const rng = new Rng(seed, 'random-hidden');
  const hidden = new Uint8Array(problem.size);
  for (let v = 0; v < problem.size; v++) {
    if (problem.published[v] && rng.next() < p) hidden[v] = 1;
  }
  return hidden;
}
