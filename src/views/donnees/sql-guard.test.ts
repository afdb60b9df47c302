import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../../db/node';
import type { Connector } from '../../db/connector';
import { checkConsoleSql, keywordProblem, stripLiterals, withoutFinalSemicolon } from './sql-guard';

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, path.resolve(__dirname, '../../../data/fixtures'));
  // The lockdown src/db applies once the tables are loaded.
  await db.exec('SET enable_external_access = false');
  await db.exec('SET lock_configuration = true');
});
afterAll(() => db.close());

describe('console guard', () => {
  it.each([
    'SELECT count(*) FROM cases',
    'with t as (select 1 as x) select * from t;',
    'DESCRIBE cases',
    'SUMMARIZE non_recours',
    'SHOW TABLES',
    "SELECT 'DROP TABLE cases; --' AS texte -- un commentaire ; avec DELETE",
  ])('accepts the read query %s', async (sql) => {
    const result = await checkConsoleSql(db, sql);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) await expect(db.query(result.sql)).resolves.toBeDefined();
  });

  it.each([
    ['SET enable_external_access = true', /lecture/],
    ["COPY cases TO 'x.csv'", /lecture/],
    ["ATTACH 'x.db'", /lecture/],
    ['INSTALL httpfs', /lecture/],
    ["SELECT * FROM read_csv('http://example.org/x.csv')", /read_csv/],
    ["SELECT * FROM 'http://example.org/x.parquet'", /refus/],
    ['CREATE TABLE t AS SELECT 1', /lecture/],
    ['SELECT 1; DROP TABLE cases', /Une seule instruction/],
    ['WITH x AS (SELECT 1) DELETE FROM cases', /DELETE/],
    ["SELECT * FROM query('SELECT 1')", /query/],
  ])('rejects %s with a French message', async (sql, message) => {
    const result = await checkConsoleSql(db, sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('passes DuckDB’s own parser error through when the keyword guard cannot tell', async () => {
    const result = await checkConsoleSql(db, 'SELECT FROM WHERE');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/pas une requête de lecture valide/);
      expect(result.detail).toMatch(/Parser Error/);
    }
  });

  it('returns the result columns with their DuckDB types', async () => {
    const result = await checkConsoleSql(
      db,
      'SELECT category, sum("count") AS n FROM cases GROUP BY 1',
    );
    expect(result.ok && result.columns).toEqual([
      { name: 'category', type: 'VARCHAR' },
      { name: 'n', type: 'HUGEINT' },
    ]);
  });

  it('the engine itself refuses what the guard would miss, with its own text', async () => {
    await expect(db.exec('SET enable_external_access = true')).rejects.toThrow(/locked/);
    await expect(db.query("SELECT * FROM read_csv('http://example.org/x.csv')")).rejects.toThrow(
      /Permission Error/,
    );
  });

  it('drops a final semicolon even when a comment follows', async () => {
    expect(withoutFinalSemicolon("SELECT ';' AS x; -- fin ; ici")).toBe("SELECT ';' AS x");
    expect(withoutFinalSemicolon('SELECT 1 -- pas de point-virgule ;')).toBe(
      'SELECT 1 -- pas de point-virgule ;',
    );
    expect(stripLiterals("a 'b;c' /* d */ e").length).toBe("a 'b;c' /* d */ e".length);
    await expect(checkConsoleSql(db, 'SELECT 1 AS un; -- fin')).resolves.toMatchObject({
      ok: true,
    });
  });

  it('ignores keywords inside literals and comments', () => {
    expect(keywordProblem("SELECT 'COPY' AS c /* ATTACH */")).toBeNull();
    expect(keywordProblem('SELECT "set" FROM (SELECT 1 AS "set")')).toBeNull();
  });
});
