// Reference values computed with SciPy 1.17 (R is not installed here); each case names the R call
// that gives the same numbers.
import { describe, expect, it } from 'vitest';
import { byarInterval, poissonExactInterval, wilsonInterval, Z95 } from './intervals';
import { zForConfidence } from './special';

const close = (actual: number, expected: number, tol = 1e-12): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

describe('wilsonInterval', () => {
  // R: prop.test(x, n, correct = FALSE)$conf.int
  it.each([
    [0, 10, 0, 0.2775327998628892],
    [3, 10, 0.10779126740630099, 0.6032218525388546],
    [10, 10, 0.7224672001371107, 1],
    [45, 120, 0.29352429786446804, 0.4642304937402079],
    [1234, 5678, 0.2067955545595839, 0.22824675993219393],
  ])('x = %d, n = %d', (x, n, low, high) => {
    const i = wilsonInterval(x, n);
    close(i.low, low);
    close(i.high, high);
  });
  it('takes any z', () => {
    // R: prop.test(45, 120, conf.level = 0.99, correct = FALSE)$conf.int
    const i = wilsonInterval(45, 120, zForConfidence(0.99));
    close(i.low, 0.27054151869875387);
    close(i.high, 0.49255695727253634);
  });
  it('contains the estimate and narrows with n', () => {
    const small = wilsonInterval(30, 100);
    const large = wilsonInterval(3000, 10000);
    expect(small.low).toBeLessThan(0.3);
    expect(small.high).toBeGreaterThan(0.3);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
  });
});

describe('poissonExactInterval (Garwood)', () => {
  // R: poisson.test(x)$conf.int  (= qchisq(0.025, 2x)/2, qchisq(0.975, 2x+2)/2)
  it.each([
    [0, 0, 3.6888794541139354],
    [1, 0.025317807984289897, 5.571643390938898],
    [5, 1.623486390118421, 11.66833207932267],
    [10, 4.7953886961324335, 18.39035604201778],
    [37, 26.051414567106033, 50.999626141930825],
    [250, 219.9679956309373, 282.98770504231607],
    [4321, 4193.11286563505, 4451.796316392155],
  ])('x = %d', (x, low, high) => {
    const i = poissonExactInterval(x);
    close(i.low, low, 1e-10);
    close(i.high, high, 1e-10);
  });
  it('takes another level', () => {
    // R: poisson.test(12, conf.level = 0.9)$conf.int
    const i = poissonExactInterval(12, 0.9);
    close(i.low, 6.924212513585112, 1e-10);
    close(i.high, 19.442569329915028, 1e-10);
  });
});

describe('Byar against the exact interval', () => {
  it('agrees within 2 % from 10 events and 0.5 % from 100', () => {
    for (const x of [10, 25, 60, 100, 400, 2500]) {
      const exact = poissonExactInterval(x);
      const byar = byarInterval(x, Z95);
      const tol = x >= 100 ? 0.005 : 0.02;
      expect(Math.abs(byar.low / exact.low - 1)).toBeLessThan(tol);
      expect(Math.abs(byar.high / exact.high - 1)).toBeLessThan(tol);
    }
  });
});
