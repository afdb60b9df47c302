/**
 * Confidence intervals of the observatory's rates.
 * - Proportions (non-recours): Wilson score interval without continuity correction, R's
 *   `prop.test(x, n, correct = FALSE)$conf.int`.
 * - Counts and rates per population (réclamations pour 100 000 habitants): exact Poisson
 *   interval of Garwood (1936), R's `poisson.test(x)$conf.int`:
 *   [qchisq(α/2, 2x) / 2, qchisq(1 − α/2, 2x + 2) / 2], divided by the population.
 * - Byar's approximation of the Garwood interval, the one the SQL layer uses (src/query).
 */
import { gammaPInverse, zForConfidence } from './special';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z of a 95 % two-sided interval (R: `qnorm(0.975)`). */
export const Z95 = zForConfidence(0.95);

function checkCount(x: number, what: string): void {
  if (!Number.isFinite(x) || x < 0)
    throw new RangeError(`${what} must be a finite count ≥ 0 (got ${x})`);
}

/**
 * Wilson score interval of a proportion x / n for a given z (default 95 %). Returns proportions
 * in [0, 1]. R: `prop.test(x, n, correct = FALSE)$conf.int` (for z = qnorm(0.975)).
 */
export function wilsonInterval(x: number, n: number, z: number = Z95): Interval {
  checkCount(x, 'wilsonInterval: x');
  if (!(n > 0) || x > n) throw new RangeError(`wilsonInterval: need 0 ≤ x ≤ n, n > 0 (${x}, ${n})`);
  if (!(z >= 0)) throw new RangeError(`wilsonInterval: z must be ≥ 0 (got ${z})`);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp the rounding at the ends: x = 0 gives exactly 0, x = n exactly 1.
  return {
    low: x === 0 ? 0 : Math.max(0, centre - half),
    high: x === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Exact (Garwood) interval for a Poisson count x at a confidence level (default 0.95), in
 * counts. R: `poisson.test(x, conf.level = confidence)$conf.int`. Divide by the exposure
 * (population) to get a rate interval.
 */
export function poissonExactInterval(x: number, confidence = 0.95): Interval {
  checkCount(x, 'poissonExactInterval: x');
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`poissonExactInterval: confidence in (0, 1) (got ${confidence})`);
  const alpha = 1 - confidence;
  // qchisq(q, 2k) / 2 = qgamma(q, k).
  return {
    low: x === 0 ? 0 : gammaPInverse(alpha / 2, x),
    high: gammaPInverse(1 - alpha / 2, x + 1),
  };
}

/**
 * Byar's approximation of the exact Poisson interval (Breslow & Day 1987), in counts, for a z:
 * low = x (1 − 1/(9x) − z/(3√x))³, high = (x+1) (1 − 1/(9(x+1)) + z/(3√(x+1)))³.
 */
export function byarInterval(x: number, z: number = Z95): Interval {
  checkCount(x, 'byarInterval: x');
  const high = (x + 1) * Math.pow(1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1)), 3);
  if (x === 0) return { low: 0, high };
  return { low: x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3), high };
}
