import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNodeConnector } from '../db/node';
import type { Connector } from '../db/connector';
import { isCountLike, maskColumn, maskedQuerySql, MASK_FLAG_COLUMN } from './mask';

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(() => db.close());

/** Runs the masking SQL over a VALUES list and returns the masked column and the flags. */
async function maskInDuckDB(values: readonly (number | null)[], type: string) {
  const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : v}::${type})`).join(', ');
  const sql = `SELECT * FROM (VALUES ${rows}) AS t(rank, n)`;
  const masked = await db.query(
    maskedQuerySql(
      sql,
      [
        { name: 'rank', type: 'INTEGER' },
        { name: 'n', type },
      ],
      5,
    ),
  );
  const n = masked.getChild('n');
  const flag = masked.getChild(MASK_FLAG_COLUMN);
  const pos = masked.getChild('rank');
  return values.map((_, i) => ({
    pos: Number(pos?.get(i)),
    n: n?.get(i) === null ? null : Number(n?.get(i)),
    flag: Boolean(flag?.get(i)),
  }));
}

describe('which columns count', () => {
  it.each([
    [{ name: 'n', type: 'BIGINT' }, true],
    [{ name: 'total', type: 'HUGEINT' }, true],
    [{ name: 'numerator', type: 'DOUBLE' }, true],
    [{ name: 'nb_reclamations', type: 'DECIMAL(18,0)' }, true],
    [{ name: 'value', type: 'DOUBLE' }, false],
    [{ name: 'year', type: 'SMALLINT' }, false],
    [{ name: 'commune_code', type: 'VARCHAR' }, false],
    [{ name: 'population', type: 'INTEGER' }, false],
  ])('%o → %s', (column, expected) => expect(isCountLike(column)).toBe(expected));
});

describe('reference rule', () => {
  it('masks 1–4 and, when alone, the smallest other positive cell', () => {
    expect(maskColumn([3, 10, 7, 0, null, 50], 5)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(maskColumn([3, 4, 10], 5)).toEqual([true, true, false]);
    expect(maskColumn([0, 10, 20], 5)).toEqual([false, false, false]);
  });
  it('never leaves a 0 < n < threshold cell visible, nor a lone masked cell', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 40 }))), (values) => {
        const masked = maskColumn(values, 5);
        values.forEach((v, i) => {
          if (v !== null && v > 0 && v < 5) expect(masked[i]).toBe(true);
        });
        const positives = values.filter((v) => v !== null && v > 0).length;
        const count = masked.filter(Boolean).length;
        if (count > 0 && positives > 1) expect(count).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('maskedQuerySql', () => {
  it('agrees with the reference rule in DuckDB, keeps row order and flags rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { freq: 5 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom('INTEGER', 'BIGINT', 'HUGEINT'),
        async (values, type) => {
          const reference = maskColumn(values, 5);
          const rows = await maskInDuckDB(values, type);
          rows.forEach((row, i) => {
            expect(row.pos).toBe(i);
            expect(row.n).toBe(reference[i] ? null : values[i]);
            expect(row.flag).toBe(reference[i]);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves non-count columns and a query without counts alone', async () => {
    const sql = "SELECT 'Saint-Denis' AS name, 2024 AS year, 0.5::DOUBLE AS value";
    const t = await db.query(
      maskedQuerySql(
        sql,
        [
          { name: 'name', type: 'VARCHAR' },
          { name: 'year', type: 'INTEGER' },
          { name: 'value', type: 'DOUBLE' },
        ],
        5,
      ),
    );
    expect(t.toArray().map((r) => ({ ...r }))).toEqual([
      { name: 'Saint-Denis', year: 2024, value: 0.5, [MASK_FLAG_COLUMN]: false },
    ]);
  });
});
