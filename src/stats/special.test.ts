// Reference values: R is not installed here, so they were computed with SciPy 1.17
// (scipy.special / scipy.stats), which implements the same functions as the R calls cited.
import { describe, expect, it } from 'vitest';
import {
  betaI,
  gammaP,
  gammaPInverse,
  gammaQ,
  logGamma,
  normalQuantile,
  zForConfidence,
} from './special';
import { binomialCdf, binomialQuantile, poissonCdf, poissonQuantile } from './discrete';

const rel = (actual: number, expected: number, tol: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

describe('logGamma', () => {
  // R: lgamma(c(0.5, 1, 2.5, 10, 123.4, 1e6))
  it.each([
    [0.5, 0.5723649429247004],
    [1, 0],
    [2.5, 0.2846828704729196],
    [10, 12.801827480081467],
    [123.4, 469.3360974421906],
    [1e6, 12815504.569147611],
  ])('lgamma(%d)', (x, expected) => rel(logGamma(x), expected, 1e-13));
  it('rejects x ≤ 0', () => expect(() => logGamma(0)).toThrow(RangeError));
});

describe('regularised incomplete gamma', () => {
  // R: pgamma(x, a)
  it.each([
    [0.5, 0.1, 0.34527915398142317],
    [3, 2, 0.32332358381693654],
    [10, 15, 0.9301463393005901],
    [100, 90, 0.15822098918643007],
    [5000, 5100, 0.9206711189223811],
  ])('P(%d, %d)', (a, x, expected) => rel(gammaP(a, x), expected, 1e-11));
  // R: pgamma(x, a, lower.tail = FALSE)
  it.each([
    [3, 2, 0.6766764161830634],
    [10, 15, 0.06985366069940986],
    [100, 120, 0.027863739890520652],
    [5000, 5300, 1.5545115785517534e-5],
  ])('Q(%d, %d)', (a, x, expected) => expect(gammaQ(a, x) / expected).toBeCloseTo(1, 9));
});

describe('gammaPInverse (qgamma)', () => {
  // R: qgamma(p, a)
  it.each([
    [0.025, 1, 0.025317807984289876],
    [0.975, 1, 3.6888794541139354],
    [0.025, 7, 2.8143630515198654],
    [0.975, 8, 14.422675361702376],
    [0.001, 0.5, 7.853985746312461e-7],
    [0.999, 1000, 1100.5780982933145],
    [0.5, 3, 2.674060313723559],
  ])('qgamma(%d, %d)', (p, a, expected) =>
    expect(gammaPInverse(p, a) / expected).toBeCloseTo(1, 10),
  );
  it('is the inverse of P', () => {
    for (const a of [0.3, 1, 4.5, 60, 2500]) {
      for (const p of [0.001, 0.05, 0.5, 0.95, 0.999])
        rel(gammaP(a, gammaPInverse(p, a)), p, 1e-10);
    }
  });
  it('handles the ends', () => {
    expect(gammaPInverse(0, 3)).toBe(0);
    expect(gammaPInverse(1, 3)).toBe(Infinity);
    expect(() => gammaPInverse(1.2, 3)).toThrow(RangeError);
  });
});

describe('betaI (pbeta)', () => {
  // R: pbeta(x, a, b)
  it.each([
    [0.3, 2, 5, 0.5798250000000003],
    [0.7, 30, 10, 0.2241297491808364],
    [0.5, 500, 480, 0.26135600646786494],
    [0.01, 1, 1000, 0.9999568287525893],
  ])('pbeta(%d, %d, %d)', (x, a, b, expected) => rel(betaI(a, b, x), expected, 1e-11));
});

describe('normalQuantile (qnorm)', () => {
  // R: qnorm(p)
  it.each([
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.5, 0],
    [0.1, -1.2815515655446004],
    [1e-10, -6.361340902404056],
    [0.3, -0.5244005127080409],
  ])('qnorm(%d)', (p, expected) => rel(normalQuantile(p), expected, 1e-14));
  it('gives the z of a confidence level', () =>
    rel(zForConfidence(0.998), 3.090232306167813, 1e-14));
});

describe('Poisson and binomial', () => {
  // R: ppois(k, lambda)
  it.each([
    [0, 2.5, 0.0820849986238988],
    [3, 2.5, 0.7575761331330662],
    [95, 100, 0.3311917340353065],
    [5200, 5000, 0.9975928168868053],
  ])('ppois(%d, %d)', (k, l, expected) => rel(poissonCdf(k, l), expected, 1e-11));
  // R: pbinom(k, n, p)
  it.each([
    [3, 10, 0.3, 0.6496107184000002],
    [45, 100, 0.5, 0.18410080866334808],
    [2000, 10000, 0.2, 0.5059837527344189],
  ])('pbinom(%d, %d, %d)', (k, n, p, expected) => rel(binomialCdf(k, n, p), expected, 1e-10));
  // R: qpois(p, lambda)
  it.each([
    [0.025, 2.5, 0],
    [0.975, 2.5, 6],
    [0.999, 100, 132],
    [0.001, 5000, 4783],
    [0.5, 0.3, 0],
  ])('qpois(%d, %d)', (p, l, expected) => expect(poissonQuantile(p, l)).toBe(expected));
  // R: qbinom(p, n, prob)
  it.each([
    [0.025, 10, 0.3, 0],
    [0.975, 100, 0.5, 60],
    [0.999, 10000, 0.2, 2124],
    [0.001, 50, 0.9, 37],
  ])('qbinom(%d, %d, %d)', (p, n, q, expected) => expect(binomialQuantile(p, n, q)).toBe(expected));
});
