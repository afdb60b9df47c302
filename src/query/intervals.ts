/**
 * 95 % confidence intervals written in SQL, so the interval travels with the figure into every
 * view and export. Inputs are SQL expressions evaluating to DOUBLE.
 */
import { sqlNumber } from './sql';

/** z of a two-sided 95 % interval (qnorm(0.975)). */
export const Z95 = 1.959963984540054;
const Z = sqlNumber(Z95);
const Z2 = sqlNumber(Z95 * Z95);

/**
 * Wilson score interval (no continuity correction) of the proportion x / n, times `factor`;
 * NULL when n ≤ 0. Same formula as `wilsonInterval` in src/stats (R: prop.test(correct = FALSE)).
 */
export function wilsonSql(x: string, n: string, factor: number): { low: string; high: string } {
  const f = sqlNumber(factor);
  const centre = `((${x}) + ${Z2} / 2) / ((${n}) + ${Z2})`;
  const half = `${Z} * sqrt(${n}) / ((${n}) + ${Z2}) * sqrt(greatest((${x}) / (${n}) * (1 - (${x}) / (${n})), 0) + ${Z2} / (4 * (${n})))`;
  return {
    low: `CASE WHEN (${n}) > 0 THEN CASE WHEN (${x}) <= 0 THEN 0 ELSE greatest(0, ${centre} - ${half}) END * ${f} END`,
    high: `CASE WHEN (${n}) > 0 THEN CASE WHEN (${x}) >= (${n}) THEN 1 ELSE least(1, ${centre} + ${half}) END * ${f} END`,
  };
}

/**
 * Byar's approximation of the exact (Garwood) Poisson 95 % interval of a count x, divided by the
 * exposure `d` and multiplied by `factor`; NULL when d ≤ 0. Accurate to a few per mille from
 * x ≈ 5, which is where counts start being shown (Breslow & Day 1987). Same formula as
 * `byarInterval` in src/stats.
 */
export function byarSql(x: string, d: string, factor: number): { low: string; high: string } {
  const f = sqlNumber(factor);
  const lowCount = `CASE WHEN (${x}) <= 0 THEN 0 ELSE (${x}) * pow(1 - 1 / (9 * (${x})) - ${Z} / (3 * sqrt(${x})), 3) END`;
  const highCount = `((${x}) + 1) * pow(1 - 1 / (9 * ((${x}) + 1)) + ${Z} / (3 * sqrt((${x}) + 1)), 3)`;
  return {
    low: `CASE WHEN (${d}) > 0 THEN ${lowCount} / (${d}) * ${f} END`,
    high: `CASE WHEN (${d}) > 0 THEN ${highCount} / (${d}) * ${f} END`,
  };
}
