/**
 * Property tests over random problems shaped like the real ones (random-problem.ts): the modular
 * audit against an exact rational rank test, the engine against the audit, the propagation
 * attack against the true values, and determinism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditLinear, propagationAttack } from './audit';
import { suppress } from './engine';
import { exactDetermined } from './fixtures';
import { randomHidden, randomProblem, type RandomProblemOptions } from './random-problem';

const small: RandomProblemOptions = { leaves: 12, groups: 3, sites: 2, shared: 1 };
const medium: RandomProblemOptions = { leaves: 60, groups: 8, sites: 6, shared: 4 };
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('random problems', () => {
  it('the audit agrees with an exact rational rank test', () => {
    fc.assert(
      fc.property(seeds, fc.double({ min: 0.1, max: 0.8, noNaN: true }), (seed, p) => {
        const problem = randomProblem(seed, small);
        const hidden = randomHidden(problem, seed, p);
        const exact = [...exactDetermined(problem, hidden)].sort((a, b) => a - b);
        expect([...auditLinear(problem, hidden, { seed }).determined]).toEqual(exact);
      }),
      { numRuns: 300 },
    );
    // Larger problems exercise the reductions (interchangeable groups, peeling) more.
    fc.assert(
      fc.property(seeds, fc.double({ min: 0.2, max: 0.6, noNaN: true }), (seed, p) => {
        const problem = randomProblem(seed, medium);
        const hidden = randomHidden(problem, seed, p);
        const exact = [...exactDetermined(problem, hidden)].sort((a, b) => a - b);
        expect([...auditLinear(problem, hidden, { seed }).determined]).toEqual(exact);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves nothing determined after suppression', () => {
    fc.assert(
      fc.property(seeds, fc.boolean(), (seed, big) => {
        const problem = randomProblem(seed, big ? medium : small);
        // The audit is checked by the exact test too, so this does not rely on the audit alone.
        const result = suppress(problem);
        const audit = auditLinear(problem, result.hidden, { seed: seed + 7 });
        expect([...audit.determined]).toEqual([]);
        expect([...audit.exposed]).toEqual([]);
        expect(result.unprotectable.length).toBe(0);
        // Every sensitive published cell is hidden, and the counts add up.
        for (let v = 0; v < problem.size; v++) {
          if (problem.published[v] && problem.primary[v]) expect(result.hidden[v]).toBe(1);
        }
        const hidden = result.hidden.reduce((s, x) => s + x, 0);
        expect(result.primaryCount + result.secondaryCount).toBe(hidden);
        expect(exactDetermined(problem, result.hidden).size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('the propagation attack recovers true values only, and finds nothing after suppression', () => {
    fc.assert(
      fc.property(seeds, fc.double({ min: 0.1, max: 0.8, noNaN: true }), (seed, p) => {
        const problem = randomProblem(seed, medium);
        const hidden = randomHidden(problem, seed, p);
        const recovered = propagationAttack(problem, hidden);
        const determined = new Set(auditLinear(problem, hidden).determined);
        for (const [v, x] of recovered) {
          expect(x).toBe(problem.value[v]);
          expect(determined.has(v)).toBe(true);
        }
        expect(propagationAttack(problem, suppress(problem).hidden).size).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const problem = randomProblem(seed, medium);
        const { timings: _a, ...a } = suppress(problem);
        const { timings: _b, ...b } = suppress(randomProblem(seed, medium));
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });
});
