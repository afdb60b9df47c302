/**
 * Funnel-plot control limits (Spiegelhalter, "Funnel plots for comparing institutional
 * performance", Statistics in Medicine 24, 2005, appendix A.1): for a target rate θ and a unit of
 * size n, the exact p-quantile r of the count (binomial(n, θ) for proportions, Poisson(θ·n) for
 * rates per population) is interpolated to make a smooth limit
 *   α = (F(r) − p) / (F(r) − F(r − 1)),  limit = (r − α) / n.
 * A point is "beyond 95 %" outside the 2.5 %–97.5 % limits and "beyond 99.8 %" outside the
 * 0.1 %–99.9 % limits (≈ 2 and 3 standard deviations).
 */
import { binomialCdf, binomialQuantile, poissonCdf, poissonQuantile } from './discrete';

export type FunnelModel = 'binomial' | 'poisson';

/** Coverage of the inner and outer limits. */
export const FUNNEL_COVERAGES = [0.95, 0.998] as const;

export type FunnelClass = 'inside' | 'beyond95' | 'beyond998';

export interface FunnelLimitRow {
  /** Size of the unit: population (Poisson) or denominator (binomial). */
  readonly size: number;
  readonly low95: number;
  readonly high95: number;
  readonly low998: number;
  readonly high998: number;
}

export interface FunnelPointClass {
  readonly class: FunnelClass;
  /** Which side of the target the point lies. */
  readonly side: 'above' | 'below' | 'on';
}

function checkTarget(model: FunnelModel, target: number): void {
  if (!(target >= 0) || (model === 'binomial' && target > 1) || !Number.isFinite(target))
    throw new RangeError(`funnel: target rate out of range (${model}, ${target})`);
}

/**
 * The count limit at cumulative probability p for a unit of size n (interpolated, not rounded).
 */
export function funnelCountLimit(model: FunnelModel, target: number, n: number, p: number): number {
  checkTarget(model, target);
  if (!(n > 0)) throw new RangeError(`funnel: size must be > 0 (got ${n})`);
  const cdf =
    model === 'poisson'
      ? (k: number) => poissonCdf(k, target * n)
      : (k: number) => binomialCdf(k, n, target);
  const r = model === 'poisson' ? poissonQuantile(p, target * n) : binomialQuantile(p, n, target);
  const fr = cdf(r);
  const frm1 = cdf(r - 1);
  const alpha = fr > frm1 ? (fr - p) / (fr - frm1) : 0;
  return Math.max(0, r - alpha);
}

/**
 * Lower and upper limits, as a rate (count / n, not multiplied by any display factor), at a
 * two-sided coverage (0.95 or 0.998) for a unit of size n.
 */
export function funnelLimits(
  model: FunnelModel,
  target: number,
  n: number,
  coverage: number,
): { low: number; high: number } {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`funnel: coverage (${coverage})`);
  const tail = (1 - coverage) / 2;
  return {
    low: funnelCountLimit(model, target, n, tail) / n,
    high: funnelCountLimit(model, target, n, 1 - tail) / n,
  };
}

/**
 * Limits at sizes spread geometrically from `min` to `max` (steps + 1 rows), for drawing the
 * funnel; the sizes are rounded to integers for the binomial model.
 */
export function funnelCurve(
  model: FunnelModel,
  target: number,
  min: number,
  max: number,
  steps = 60,
): FunnelLimitRow[] {
  if (!(min > 0) || !(max >= min)) throw new RangeError(`funnelCurve: bad range (${min}, ${max})`);
  const rows: FunnelLimitRow[] = [];
  let previous = -1;
  for (let i = 0; i <= steps; i++) {
    const raw = min * Math.pow(max / min, i / steps);
    const size = model === 'binomial' ? Math.max(1, Math.round(raw)) : raw;
    if (size === previous) continue;
    previous = size;
    const inner = funnelLimits(model, target, size, FUNNEL_COVERAGES[0]);
    const outer = funnelLimits(model, target, size, FUNNEL_COVERAGES[1]);
    rows.push({
      size,
      low95: inner.low,
      high95: inner.high,
      low998: outer.low,
      high998: outer.high,
    });
  }
  return rows;
}

/**
 * Where a unit with `count` events out of size n lies against the target, by its exact tail
 * probability: beyond 95 % when P(X ≥ count) < 2.5 % (above) or P(X ≤ count) < 2.5 % (below),
 * beyond 99.8 % at 0.1 %. This is the discrete test the drawn (interpolated) limits smooth; for
 * tiny expected counts it is the stricter of the two, so a single event in a small unit is never
 * called a gap.
 */
export function classifyFunnelPoint(
  model: FunnelModel,
  target: number,
  count: number,
  n: number,
): FunnelPointClass {
  checkTarget(model, target);
  if (!(n > 0) || !(count >= 0)) throw new RangeError(`funnel: bad point (${count}, ${n})`);
  const x = Math.round(count);
  const rate = count / n;
  const side = rate > target ? 'above' : rate < target ? 'below' : 'on';
  const cdf =
    model === 'poisson'
      ? (k: number) => poissonCdf(k, target * n)
      : (k: number) => binomialCdf(k, n, target);
  const tail = side === 'above' ? 1 - cdf(x - 1) : side === 'below' ? cdf(x) : 1;
  const [inner, outer] = FUNNEL_COVERAGES;
  if (tail < (1 - outer) / 2) return { class: 'beyond998', side };
  if (tail < (1 - inner) / 2) return { class: 'beyond95', side };
  return { class: 'inside', side };
}
