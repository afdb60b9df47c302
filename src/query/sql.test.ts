import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../db/node';
import type { Connector } from '../db/connector';
import { sqlIdentifier, sqlInteger, sqlNumber, sqlString } from './sql';

const NASTY = [
  "L'Haÿ-les-Roses",
  'CA Test; --Nord',
  'say "hello"',
  "'; DROP TABLE territories; --",
  'line one\nline two',
  "back\\slash and ''double''",
  'Œuvre — « guillemets » 🗺️',
  '',
];

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(() => db.close());

describe('sqlString', () => {
  it('doubles single quotes and wraps the value', () => {
    expect(sqlString("L'Haÿ-les-Roses")).toBe("'L''Haÿ-les-Roses'");
    expect(sqlString('a"b;--c')).toBe("'a\"b;--c'");
    expect(sqlString('')).toBe("''");
  });

  it('refuses NUL, which DuckDB cannot store', () => {
    expect(() => sqlString('a\u0000b')).toThrow(RangeError);
  });

  it.each(NASTY)('round-trips %j through DuckDB unchanged', async (value) => {
    const t = await db.query(`SELECT ${sqlString(value)} AS v, 1 AS after`);
    expect(t.numRows).toBe(1);
    expect(t.get(0)?.v).toBe(value);
    expect(t.get(0)?.after).toBe(1);
  });

  it('keeps a nasty value inside the literal in a WHERE clause', async () => {
    await db.exec("CREATE OR REPLACE TABLE esc (name VARCHAR); INSERT INTO esc VALUES ('x')");
    for (const value of NASTY) {
      const t = await db.query(`SELECT count(*) AS n FROM esc WHERE name = ${sqlString(value)}`);
      expect(Number(t.get(0)?.n)).toBe(0);
    }
    const t = await db.query('SELECT count(*) AS n FROM esc');
    expect(Number(t.get(0)?.n)).toBe(1);
  });
});

describe('sqlNumber', () => {
  it('writes finite numbers DuckDB reads back exactly', async () => {
    const values = [0, 1, -1, 2024, 0.1, -2.5, 1e-7, 123456789.125, 1e21, Number.MAX_SAFE_INTEGER];
    const t = await db.query(`SELECT [${values.map(sqlNumber).join(', ')}]::DOUBLE[] AS v`);
    expect(Array.from(t.get(0)?.v as ArrayLike<number>)).toEqual(values);
  });

  it('wraps negatives so `- -1` cannot appear', async () => {
    expect(sqlNumber(-3)).toBe('(-3)');
    const t = await db.query(`SELECT 10 - ${sqlNumber(-3)} AS v`);
    expect(t.get(0)?.v).toBe(13);
    expect(sqlNumber(-0)).toBe('0');
  });

  it('refuses NaN, infinities and non-numbers', () => {
    expect(() => sqlNumber(Number.NaN)).toThrow(RangeError);
    expect(() => sqlNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => sqlNumber('1; DROP' as unknown as number)).toThrow(RangeError);
    expect(() => sqlInteger(2024.5)).toThrow(RangeError);
    expect(sqlInteger(2024)).toBe('2024');
  });
});

describe('sqlIdentifier', () => {
  it('quotes identifiers and doubles inner double quotes', async () => {
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
    const t = await db.query(`SELECT 1 AS ${sqlIdentifier('L\'Haÿ "x"; --')}`);
    expect(t.schema.fields[0]?.name).toBe('L\'Haÿ "x"; --');
  });
});
