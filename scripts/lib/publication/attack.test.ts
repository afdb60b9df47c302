/**
 * The adversary's audit on a real (tiny) publication: the committed fixtures, which went through
 * the publication step, resist it; the same files with the secret broken on purpose do not —
 * every hidden claims cell of a year shown again but one, which the relations then give away.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../options';
import { lit, openDuck } from '../duck';
import { attackPublication } from './attack';
import { cellKey } from './structure';

const fixtures = path.join(REPO_ROOT, 'data', 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-attack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('attackPublication', () => {
  it('finds nothing in a publication made by the publication step', async () => {
    const attacks = await attackPublication(fixtures);
    expect(new Set(attacks.map((a) => a.table))).toEqual(new Set(['cases', 'non_recours']));
    expect(attacks.reduce((s, a) => s + a.hidden, 0)).toBeGreaterThan(0);
    expect(attacks.flatMap((a) => [...a.determined, ...a.recovered.map((r) => r.key)])).toEqual([]);
  }, 120_000);

  it('recomputes a hidden cell once the cells that protected it are shown', async () => {
    for (const f of ['territories', 'non_recours'])
      fs.copyFileSync(path.join(fixtures, `${f}.parquet`), path.join(tmp, `${f}.parquet`));
    const { db, conn } = await openDuck();
    let kept = '';
    let year = 0;
    try {
      const src = `read_parquet(${lit(path.join(fixtures, 'cases.parquet'))})`;
      const first = await conn.runAndReadAll(
        `SELECT CAST(year AS INTEGER), level, code, part, dimension, category FROM ${src}
         WHERE suppressed ORDER BY ALL LIMIT 1`,
      );
      const [y, level, code, part, dimension, category] = first.getRowsJS()[0] ?? [];
      year = Number(y);
      kept = cellKey(
        String(level),
        String(code),
        String(part),
        String(dimension),
        category === null ? null : String(category),
      );
      // Every other hidden cell of that year shown again (the attacker needs no true value:
      // what a cell is worth does not change what the relations determine).
      await conn.run(
        `COPY (SELECT * EXCLUDE (keep) REPLACE (
                 CASE WHEN keep THEN "count" WHEN suppressed AND year = ${year} THEN 7 ELSE "count" END AS "count",
                 suppressed AND (keep OR year <> ${year}) AS suppressed)
               FROM (SELECT *, (year = ${year} AND level = ${lit(String(level))} AND code = ${lit(String(code))}
                               AND part = ${lit(String(part))} AND dimension = ${lit(String(dimension))}
                               AND category IS NOT DISTINCT FROM ${category === null ? 'NULL' : lit(String(category))}) AS keep
                     FROM ${src}))
         TO ${lit(path.join(tmp, 'cases.parquet'))} (FORMAT parquet)`,
      );
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    const attacks = await attackPublication(tmp);
    const broken = attacks.find((a) => a.table === 'cases' && a.year === year);
    expect(broken?.hidden).toBe(1);
    expect(broken?.determined).toEqual([kept]);
    // Untouched years and the non-recours still resist.
    expect(attacks.filter((a) => a !== broken).flatMap((a) => a.determined)).toEqual([]);
  }, 120_000);
});
