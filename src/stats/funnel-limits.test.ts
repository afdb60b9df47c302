// Reference values computed with SciPy 1.17 (R is not installed here) using Spiegelhalter's
// interpolation; in R: r <- qpois(p, theta * n); a <- (ppois(r, theta * n) - p) /
// (ppois(r, theta * n) - ppois(r - 1, theta * n)); (r - a) / n   (qbinom/pbinom for binomial).
import { describe, expect, it } from 'vitest';
import { classifyFunnelPoint, funnelCurve, funnelLimits, type FunnelModel } from './funnel-limits';

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * Math.max(1e-4, expected));
};

describe('funnelLimits', () => {
  const cases: [FunnelModel, number, number, [number, number, number, number]][] = [
    [
      'poisson',
      0.0008,
      20000,
      [0.000230485785601661, 0.000407068503661174, 0.0011906594000601835, 0.0014616321709527797],
    ],
    [
      'poisson',
      0.0008,
      400000,
      [0.0006641348383753221, 0.000712294054222764, 0.0008875679279365258, 0.0009404760948494208],
    ],
    ['poisson', 0.0008, 3000, [0, 0, 0.0018144131521538143, 0.0026480901790992516]],
    [
      'binomial',
      0.3,
      150,
      [0.18522588458623265, 0.2244898226130819, 0.3713670295366858, 0.41587256162271535],
    ],
    [
      'binomial',
      0.3,
      20000,
      [0.2899902345604531, 0.2936333897179145, 0.30633554168120536, 0.31001684333637114],
    ],
  ];
  it.each(cases)('%s θ = %d, n = %d', (model, target, n, [l998, l95, h95, h998]) => {
    const inner = funnelLimits(model, target, n, 0.95);
    const outer = funnelLimits(model, target, n, 0.998);
    close(inner.low, l95);
    close(inner.high, h95);
    close(outer.low, l998);
    close(outer.high, h998);
  });
});

describe('funnelCurve', () => {
  it('narrows around the target as size grows', () => {
    const rows = funnelCurve('poisson', 0.0008, 1000, 1_000_000, 30);
    expect(rows.length).toBe(31);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      if (!a || !b) throw new Error('row');
      expect(b.high998 - b.low998).toBeLessThan(a.high998 - a.low998);
      expect(b.low998).toBeLessThanOrEqual(b.low95);
      expect(b.high95).toBeLessThanOrEqual(b.high998);
      expect(b.low95).toBeLessThan(0.0008);
      expect(b.high95).toBeGreaterThan(0.0008);
    }
  });
  it('uses whole sizes for binomial units and drops repeats', () => {
    const rows = funnelCurve('binomial', 0.3, 1, 5, 40);
    expect(rows.map((r) => r.size)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('classifyFunnelPoint', () => {
  it('tells noise from a real gap', () => {
    // 16 events where 8 are expected in a small unit: the 99.8 % limit is 17.something.
    expect(classifyFunnelPoint('poisson', 0.0008, 16, 10_000).class).toBe('beyond95');
    expect(classifyFunnelPoint('poisson', 0.0008, 10, 10_000)).toEqual({
      class: 'inside',
      side: 'above',
    });
    // Twice the national rate in a big site is far beyond chance.
    expect(classifyFunnelPoint('poisson', 0.0008, 640, 400_000)).toEqual({
      class: 'beyond998',
      side: 'above',
    });
    expect(classifyFunnelPoint('binomial', 0.3, 5000, 20000)).toEqual({
      class: 'beyond998',
      side: 'below',
    });
  });
});

describe('classifyFunnelPoint on tiny expected counts', () => {
  it('does not call one event a gap when 0.2 are expected', () => {
    // R: ppois(0, 0.2, lower.tail = FALSE) = 0.1813 > 0.025
    expect(classifyFunnelPoint('poisson', 0.00008, 1, 2_500).class).toBe('inside');
    // R: ppois(2, 0.2, lower.tail = FALSE) = 0.00115 < 0.025, > 0.001
    expect(classifyFunnelPoint('poisson', 0.00008, 3, 2_500).class).toBe('beyond95');
    // R: ppois(3, 0.2, lower.tail = FALSE) = 5.684e-05 < 0.001
    expect(classifyFunnelPoint('poisson', 0.00008, 4, 2_500).class).toBe('beyond998');
  });
});
