import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { lockEngine } from '../db/load-tables';
import { CONSOLE_EXAMPLES } from './console-examples';
import {
  CONSOLE_MESSAGES,
  consoleErrorDetail,
  consoleExportConnector,
  consoleSql,
  firstWord,
  runConsoleQuery,
} from './console';

interface BadCase {
  readonly input: string;
  readonly expected: string;
  readonly why: string;
}
const CORPUS = path.resolve(__dirname, '../../data/fixtures/bad/console/cases.json');
const BAD = JSON.parse(readFileSync(CORPUS, 'utf8')) as BadCase[];

/** A query that runs for hours unless stopped. */
const ENDLESS = 'SELECT count(*) FROM range(1000000000000)';

let db: Connector;
let casesRows = 0;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, path.resolve(__dirname, '../../data/fixtures'));
  // The lockdown src/db applies once the tables are loaded.
  await lockEngine(db);
  casesRows = Number((await db.query('SELECT count(*) AS n FROM cases')).getChild('n')?.get(0));
});
afterAll(() => db.close());

/** Tables of the app and the row count of `cases`: what no console text may change. */
async function fingerprint(): Promise<string> {
  const t = await db.query(
    `SELECT (SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables()) || ' / ' || (SELECT count(*) FROM cases) AS f`,
  );
  return String(t.getChild('f')?.get(0));
}

describe('console: bad-input corpus (data/fixtures/bad/console/cases.json)', () => {
  it('holds cases', () => {
    expect(BAD.length).toBeGreaterThan(30);
    expect(casesRows).toBeGreaterThan(0);
  });

  it.each(BAD.map((c) => [c.why, c] as const))('refuses: %s', async (_, bad) => {
    const before = await fingerprint();
    const outcome = await runConsoleQuery(db, bad.input);
    expect(outcome.ok, bad.input).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message, bad.input).toContain(bad.expected);
      expect(outcome.stopped).toBe(false);
    }
    expect(await fingerprint()).toBe(before);
  });
});

describe('console: read queries', () => {
  it.each([
    'SELECT count(*) FROM cases',
    'with t as (select 1 as x) select * from t;',
    'FROM cases LIMIT 3',
    'DESCRIBE cases',
    'SUMMARIZE non_recours',
    'SHOW TABLES',
    "SELECT * FROM (PIVOT (SELECT year, level FROM cases) ON level IN ('france', 'commune') USING count(*))",
    "SELECT 'DROP TABLE cases; --' AS texte -- un commentaire ; avec DELETE",
    'SELECT 1 AS un; -- fin',
    // A `;` and keywords inside dollar-quoted and escape strings are text.
    'SELECT $$a; DROP TABLE cases$$ AS texte',
    "SELECT $t$ ' ; DELETE FROM cases; $$ $t$ AS texte",
    "SELECT E'L\\'Haÿ-les-Roses ; DROP' AS nom",
  ])('runs %s', async (sql) => {
    const outcome = await runConsoleQuery(db, sql);
    expect(outcome).toMatchObject({ ok: true });
    if (outcome.ok) expect(outcome.table.numRows).toBeGreaterThan(0);
  });

  it('reads dollar-quoted and escape strings as DuckDB does', async () => {
    const outcome = await runConsoleQuery(
      db,
      "SELECT $$a;b$$ AS d, $t$x$$y$t$ AS t, E'l\\'a' AS e, 'L''Haÿ' AS s",
    );
    expect(outcome.ok && outcome.table.toArray()[0]?.toJSON()).toEqual({
      d: 'a;b',
      t: 'x$$y',
      e: "l'a",
      s: "L'Haÿ",
    });
  });

  it('runs every example, with its total row count', async () => {
    for (const ex of CONSOLE_EXAMPLES) {
      const outcome = await runConsoleQuery(db, ex.sql);
      expect(outcome, ex.label).toMatchObject({ ok: true });
    }
    // More rows than shown: the total comes from a count of the whole result.
    expect(casesRows).toBeGreaterThan(500);
    const all = await runConsoleQuery(db, 'SELECT * FROM cases');
    expect(all.ok && all.total).toBe(casesRows);
    expect(all.ok && all.table.numRows).toBe(500);
  });

  it('gives the exports one SELECT that reruns the same query on any connection', async () => {
    const outcome = await runConsoleQuery(db, "SELECT count(*) AS n FROM cases WHERE code = 'FR'");
    expect(outcome.ok && outcome.exportSql).toBe(
      consoleSql("SELECT count(*) AS n FROM cases WHERE code = 'FR'"),
    );
    if (outcome.ok) {
      const again = await db.query(outcome.exportSql);
      expect(again.getChild('n')?.get(0)).toBe(outcome.table.getChild('n')?.get(0));
    }
  });

  it('runs the exports on the read-only connection, in the time limit', async () => {
    const outcome = await runConsoleQuery(db, 'SELECT code, "count" FROM cases ORDER BY ALL');
    if (!outcome.ok) throw new Error(outcome.detail);
    const exports = consoleExportConnector(db);
    expect((await exports.query(outcome.exportSql)).numRows).toBe(outcome.total);
    const described = await exports.query(`DESCRIBE ${outcome.exportSql}`);
    expect(described.getChild('column_name')?.toArray()).toEqual(['code', 'count']);
    await expect(exports.query('DROP TABLE cases')).rejects.toThrow(/read-only mode/);
    await expect(exports.exec('DROP TABLE cases')).rejects.toThrow(/lecture seule/);
    await expect(consoleExportConnector(db, 200).query(consoleSql(ENDLESS))).rejects.toThrow(
      /Requête arrêtée : elle a dépassé la limite/,
    );
    expect(await fingerprint()).toMatch(new RegExp(` / ${casesRows}$`));
  });

  it('shows DuckDB’s text without the excerpt of the wrapper', async () => {
    const outcome = await runConsoleQuery(db, 'SELECT FROM WHERE');
    expect(outcome).toMatchObject({ ok: false, message: CONSOLE_MESSAGES.invalid });
    if (!outcome.ok) {
      expect(outcome.detail).toMatch(/^Parser Error: syntax error/);
      expect(outcome.detail).not.toMatch(/query\(/);
    }
    expect(consoleErrorDetail('Binder Error: x\n\nLINE 1: SELECT * FROM query(\n   ^')).toBe(
      'Binder Error: x',
    );
  });

  it('names the first word after comments and parentheses', () => {
    expect(firstWord('  /* a */ -- b\n ((DELETE')).toBe('DELETE');
    expect(firstWord('-- rien')).toBeNull();
    expect(firstWord('$$x$$')).toBe('$');
  });
});

describe('console: the read-only connection (parser check bypassed)', () => {
  const never = new AbortController().signal;
  it.each([
    'DROP TABLE cases',
    'DELETE FROM cases',
    'INSERT INTO cases SELECT * FROM cases',
    'CREATE TABLE t AS SELECT 1',
    'CREATE OR REPLACE VIEW cases AS SELECT 1',
    'ALTER TABLE cases RENAME TO old_cases',
    'COMMIT; DROP TABLE cases',
    'ROLLBACK; DELETE FROM cases',
    'SELECT 1; DROP TABLE cases',
    'SET lock_configuration = false',
  ])('refuses %s even without the parser check', async (sql) => {
    const before = await fingerprint();
    await expect(db.queryReadOnly(sql, never)).rejects.toThrow(
      /read-only mode|Cannot prepare multiple statements|configuration has been locked/,
    );
    expect(await fingerprint()).toBe(before);
  });

  it('a COMMIT alone ends nothing that lets the next statement write', async () => {
    await db.queryReadOnly('COMMIT', never).catch(() => undefined);
    await expect(db.queryReadOnly('DROP TABLE cases', never)).rejects.toThrow(/read-only mode/);
    expect(await fingerprint()).toMatch(new RegExp(` / ${casesRows}$`));
  });

  it('leaves the app’s own connection able to write', async () => {
    await db.queryReadOnly('SELECT 1', never);
    await db.exec('CREATE TABLE console_probe AS SELECT 1 AS x');
    await db.exec('DROP TABLE console_probe');
  });
});

describe('console: stopping a query', () => {
  it('the « Arrêter » signal cancels a runaway query promptly; the connection works after', async () => {
    const stop = new AbortController();
    let underWay = (): void => undefined;
    const started = new Promise<void>((resolve) => (underWay = resolve));
    const running = runConsoleQuery(db, ENDLESS, { signal: stop.signal, onUnderWay: underWay });
    await started;
    // While DuckDB runs it, the app's own connection answers.
    const n = await db.query('SELECT count(*) AS n FROM cases');
    expect(Number(n.getChild('n')?.get(0))).toBe(casesRows);
    stop.abort();
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, stopped: true, message: CONSOLE_MESSAGES.stopped });
    expect(await runConsoleQuery(db, 'SELECT 42 AS x')).toMatchObject({ ok: true, total: 1 });
  });

  it('the time limit cancels it with a French message', async () => {
    const outcome = await runConsoleQuery(db, ENDLESS, { timeLimitMs: 300 });
    expect(outcome).toMatchObject({ ok: false, stopped: true });
    if (!outcome.ok) expect(outcome.message).toMatch(/Requête arrêtée : elle a dépassé la limite/);
    expect(await runConsoleQuery(db, 'SELECT 42 AS x')).toMatchObject({ ok: true });
  });

  it('the connector rejects with the abort reason and DuckDB drops the query', async () => {
    const stop = new AbortController();
    const reason = new Error('arrêt');
    const running = db.queryReadOnly(`${consoleSql(ENDLESS)}`, stop.signal);
    setTimeout(() => stop.abort(reason), 50);
    await expect(running).rejects.toBe(reason);
    const t = await db.queryReadOnly(consoleSql('SELECT 7 AS x'), stop.signal).catch((e) => e);
    // An aborted signal stops a query before it starts; a fresh one runs.
    expect(t).toBe(reason);
    const fresh = await db.queryReadOnly(consoleSql('SELECT 7 AS x'), new AbortController().signal);
    expect(fresh.getChild('x')?.get(0)).toBe(7);
  });
});
