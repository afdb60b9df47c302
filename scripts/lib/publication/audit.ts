/**
 * Audits of a suppression pattern. `auditLinear` is exact: it finds every hidden or internal
 * variable that any linear combination of the published cells and the relations recomputes.
 * `propagationAttack` is the simple adversary (parent − shown children, total − shown parts),
 * which gives concrete values for tests and reports.
 */
import { buildClasses, type Classes } from './identity';
import { determinedColumns } from './nullspace';
import type { AuditResult, SuppressionProblem } from './problem';
import { bump } from './typed';

export interface AuditOptions {
  /** Seed of the random null vectors (the result is deterministic for a given seed). */
  readonly seed?: number;
  /** Identity classes of the problem, when the caller already has them. */
  readonly classes?: Classes;
}

export interface LinearAudit extends AuditResult {
  /** Sensitive published cells left visible (directly, or through an identical visible cell). */
  readonly exposed: Int32Array;
}

/**
 * Unknowns are the hidden published variables and the internal ones; the audit needs no
 * values, since determinability depends only on which cells are published.
 */
export function auditLinear(
  problem: SuppressionProblem,
  hidden: Uint8Array,
  opts: AuditOptions = {},
): LinearAudit {
  const classes = opts.classes ?? buildClasses(problem);
  const known = knownClasses(problem, classes, hidden);
  const unknown = new Uint8Array(classes.count);
  for (let k = 0; k < classes.count; k++) unknown[k] = known[k] ? 0 : 1;
  const found = determinedColumns(classes, unknown, opts.seed);
  const determined: number[] = [];
  const disclosed: number[] = [];
  const exposed: number[] = [];
  for (let v = 0; v < problem.size; v++) {
    const k = classes.classOf[v] as number;
    const sensitive = problem.primary[v] === 1 && !classes.zero[k];
    if (problem.published[v] && !hidden[v]) {
      if (sensitive) exposed.push(v);
      continue;
    }
    if (!known[k] && !found[k]) continue;
    determined.push(v);
    if (sensitive) disclosed.push(v);
  }
  return {
    determined: Int32Array.from(determined),
    disclosed: Int32Array.from(disclosed),
    exposed: Int32Array.from(exposed),
  };
}

/** A class is known when it is structurally zero or one of its published members is shown. */
function knownClasses(
  problem: SuppressionProblem,
  classes: Classes,
  hidden: Uint8Array,
): Uint8Array {
  const known = Uint8Array.from(classes.zero);
  for (let v = 0; v < problem.size; v++) {
    if (problem.published[v] && !hidden[v]) known[classes.classOf[v] as number] = 1;
  }
  return known;
}

/**
 * The propagation attacker: repeatedly solves any relation with exactly one unknown, with the
 * values recovered so far, to a fixpoint. Returns the recovered value of every hidden published
 * or internal variable it reaches (reads `problem.value` for the shown cells).
 */
export function propagationAttack(
  problem: SuppressionProblem,
  hidden: Uint8Array,
): Map<number, number> {
  const n = problem.size;
  const isKnown = new Uint8Array(n);
  const value = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    if (problem.published[v] && !hidden[v]) {
      isKnown[v] = 1;
      value[v] = problem.value[v] as number;
    }
  }
  const relationsOf: number[][] = Array.from({ length: n }, () => []);
  const unknownCount = new Int32Array(problem.relations.length);
  problem.relations.forEach((rel, r) => {
    const vars = new Set([rel.total, ...rel.parts]);
    for (const v of vars) {
      relationsOf[v]?.push(r);
      if (!isKnown[v]) bump(unknownCount, r);
    }
  });
  const queue: number[] = [];
  unknownCount.forEach((k, r) => {
    if (k === 1) queue.push(r);
  });
  const recovered = new Map<number, number>();
  for (let r = queue.pop(); r !== undefined; r = queue.pop()) {
    if (unknownCount[r] !== 1) continue;
    const rel = problem.relations[r];
    if (!rel) continue;
    // Σ coef·x = 0 with coef +1 for the total and −1 for each part.
    const coef = new Map<number, number>([[rel.total, 1]]);
    for (const part of rel.parts) coef.set(part, (coef.get(part) ?? 0) - 1);
    let target = -1;
    let rest = 0;
    for (const [v, c] of coef) {
      if (!isKnown[v]) target = v;
      else rest += c * (value[v] as number);
    }
    const a = coef.get(target) ?? 0;
    if (target < 0 || a === 0) continue;
    const x = -rest / a + 0; // + 0 turns −0 into 0
    value[target] = x;
    isKnown[target] = 1;
    recovered.set(target, x);
    for (const other of relationsOf[target] ?? []) {
      if (bump(unknownCount, other, -1) === 1) queue.push(other);
    }
  }
  return recovered;
}
