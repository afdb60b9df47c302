/**
 * The engine on synthetic problems shaped like the national ones (a few départements), checked
 * by the exact audit and the propagation attack, and a leak put back on purpose.
 */
import { describe, expect, it } from 'vitest';
import { auditLinear, propagationAttack } from './audit';
import { suppress } from './engine';
import type { SuppressionProblem } from './problem';
import { syntheticProblem } from './synthetic';

const kinds = ['non_recours', 'cases'] as const;
const problems = new Map(
  kinds.map((kind) => [kind, syntheticProblem({ seed: 7, kind, scale: 0.06 })] as const),
);
const results = new Map(
  kinds.map((kind) => [kind, suppress(problems.get(kind) as SuppressionProblem)]),
);

describe.each(kinds)('a synthetic %s problem', (kind) => {
  const problem = problems.get(kind) as SuppressionProblem;
  const result = results.get(kind) as ReturnType<typeof suppress>;

  it('is shaped like the real ones', () => {
    expect(problem.size).toBeGreaterThan(3000);
    expect(problem.primary.reduce((s, x) => s + x, 0)).toBeGreaterThan(500);
    expect(problem.published.some((p) => p === 0)).toBe(true);
  });

  it('hides every sensitive cell and leaves nothing determined', () => {
    for (let v = 0; v < problem.size; v++) {
      if (problem.published[v] && problem.primary[v]) expect(result.hidden[v]).toBe(1);
    }
    const audit = auditLinear(problem, result.hidden, { seed: 2024 });
    expect(audit.disclosed.length + audit.exposed.length).toBe(0);
    // Internal pieces may be determined (they are never published); hidden cells may not.
    expect([...audit.determined].filter((v) => problem.published[v])).toEqual([]);
    expect(result.unprotectable.length).toBe(0);
    expect(result.secondaryCount).toBeGreaterThan(0);
  });

  it('gives the propagation attacker no hidden or sensitive value', () => {
    for (const v of propagationAttack(problem, result.hidden).keys()) {
      expect(problem.published[v] || problem.primary[v]).toBe(0);
    }
  });

  it('catches a leak: a complement shown again gives its sensitive partner away', () => {
    const unknown = (v: number): boolean => !problem.published[v] || result.hidden[v] === 1;
    // A relation whose only unknowns are a sensitive cell and one complement.
    const pair = problem.relations
      .map((rel) => [...new Set([rel.total, ...rel.parts])].filter(unknown))
      .find(
        (vs) =>
          vs.length === 2 &&
          vs.some((v) => problem.primary[v] && problem.published[v]) &&
          vs.some((v) => !problem.primary[v] && problem.published[v]),
      );
    expect(pair).toBeDefined();
    const [sensitive, complement] = [...(pair as number[])].sort(
      (a, b) => (problem.primary[b] as number) - (problem.primary[a] as number),
    ) as [number, number];
    const leaky = result.hidden.slice();
    leaky[complement] = 0;
    expect([...auditLinear(problem, leaky).disclosed]).toContain(sensitive);
    expect(propagationAttack(problem, leaky).get(sensitive)).toBe(problem.value[sensitive]);
  });
});
