/**
 * The solve pool gives each problem the engine's answer whatever thread solves it: synthetic
 * problems of two structures (two "years"), two value sets each, solved on two worker
 * threads and in the calling thread, give the same hidden cells and a clean audit. A worker's
 * failure reaches the caller as a French error instead of a hang.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SolvePool } from './solve-pool';
import type { SuppressionProblem } from './problem';
import { syntheticProblem } from './synthetic';

/** Two structures, two value sets each: the values of variants over one relations array. */
function problems(): SuppressionProblem[] {
  const out: SuppressionProblem[] = [];
  for (const kind of ['non_recours', 'cases'] as const) {
    const base = syntheticProblem({ seed: 11, kind, scale: 0.02 });
    for (let variant = 0; variant < 2; variant++) {
      const v = syntheticProblem({ seed: 11, kind, scale: 0.02, variant });
      expect(v.size).toBe(base.size);
      out.push({ ...base, value: v.value, primary: v.primary });
    }
  }
  return out;
}

const pools: SolvePool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('SolvePool', () => {
  it('answers like the calling thread, in the caller’s order, on two workers', async () => {
    const list = problems();
    const here = new SolvePool(0);
    const threads = new SolvePool(2, 0);
    pools.push(here, threads);
    const expected = await Promise.all(list.map((p) => here.solve(p, p.value, p.primary)));
    const got = await Promise.all(list.map((p) => threads.solve(p, p.value, p.primary)));
    expect(got.map((r) => r.disclosed)).toEqual(list.map(() => 0));
    got.forEach((r, i) => {
      expect(Buffer.from(r.hidden).equals(Buffer.from(expected[i]?.hidden ?? []))).toBe(true);
    });
    // Not trivial: secondary cells were added beyond the sensitive ones.
    const sensitive = list[0]?.primary.reduce((s, x) => s + x, 0) ?? 0;
    expect(got[0]?.hidden.reduce((s, x) => s + x, 0)).toBeGreaterThan(sensitive);
  }, 120_000);

  it('rejects with a French message when a worker fails, and after closing', async () => {
    const pool = new SolvePool(1, 0);
    pools.push(pool);
    const [p] = problems();
    if (!p) throw new Error('no problem');
    // A relation naming a variable out of range: the engine throws inside the worker.
    const broken = { ...p, relations: [...p.relations, { total: p.size + 5, parts: [0] }] };
    await expect(pool.solve(broken, p.value, p.primary)).rejects.toThrow(/calcul du secret/);
    await pool.close();
    await expect(pool.solve(p, p.value, p.primary)).rejects.toThrow(/pool fermé/);
  }, 120_000);
});
