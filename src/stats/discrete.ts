/**
 * Poisson and binomial distribution functions and quantiles (R's ppois/qpois, pbinom/qbinom),
 * used by the exact funnel limits.
 */
import { betaI, gammaQ, normalQuantile } from './special';

/** P(X ≤ k) for X ~ Poisson(λ): Q(k + 1, λ). R: `ppois(k, lambda)`. */
export function poissonCdf(k: number, lambda: number): number {
  if (!(lambda >= 0)) throw new RangeError(`poissonCdf: lambda must be ≥ 0 (got ${lambda})`);
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  return gammaQ(Math.floor(k) + 1, lambda);
}

/** P(X ≤ k) for X ~ Binomial(n, p): I_{1−p}(n − k, k + 1). R: `pbinom(k, n, p)`. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!(n >= 0) || !(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf: bad (${n}, ${p})`);
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return betaI(n - kk, kk + 1, 1 - p);
}

/** Smallest integer k ≥ 0 with cdf(k) ≥ p, starting the search from a normal approximation. */
function discreteQuantile(
  p: number,
  cdf: (k: number) => number,
  mean: number,
  sd: number,
  max: number,
): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1] (got ${p})`);
  if (p === 0) return 0;
  if (p === 1) return max;
  // R's fuzz, so that p = cdf(k) computed with rounding still returns k.
  const target = p * (1 - 64 * Number.EPSILON);
  const z = normalQuantile(p);
  let k = Math.min(max, Math.max(0, Math.floor(mean + z * sd)));
  if (cdf(k) >= target) {
    while (k > 0 && cdf(k - 1) >= target) k--;
  } else {
    while (k < max && cdf(k) < target) k++;
  }
  return k;
}

/** R: `qpois(p, lambda)`. */
export function poissonQuantile(p: number, lambda: number): number {
  if (lambda === 0) return 0;
  return discreteQuantile(p, (k) => poissonCdf(k, lambda), lambda, Math.sqrt(lambda), Infinity);
}

/** R: `qbinom(p, n, prob)`. */
export function binomialQuantile(p: number, n: number, prob: number): number {
  return discreteQuantile(
    p,
    (k) => binomialCdf(k, n, prob),
    n * prob,
    Math.sqrt(n * prob * (1 - prob)),
    n,
  );
}
