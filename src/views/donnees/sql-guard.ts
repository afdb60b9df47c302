/**
 * The SQL console accepts one read-only statement. Three locks, each enough on its own for the
 * common cases: a keyword guard on the text (comments and literals removed), DuckDB's own parser
 * and binder (the statement must bind as a subquery, which only a query can), and the engine
 * settings (`enable_external_access = false`,
 * `lock_configuration = true`, set by src/db after loading).
 */
import type { Connector } from '../../db/connector';

export type GuardResult =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly message: string; readonly detail: string };

/** Statement keywords the console never runs, and table functions that read files or URLs. */
const FORBIDDEN_WORDS = [
  'attach',
  'detach',
  'copy',
  'export',
  'import',
  'install',
  'load',
  'pragma',
  'set',
  'reset',
  'call',
  'create',
  'drop',
  'alter',
  'insert',
  'update',
  'delete',
  'truncate',
  'checkpoint',
  'vacuum',
  'use',
  'begin',
  'commit',
  'rollback',
  'prepare',
  'execute',
  'deallocate',
];
const FORBIDDEN_FUNCTION =
  /^(read_\w+|\w+_scan|glob|sniff_csv|parquet_\w+|query|query_table|iceberg_\w+|delta_\w+|getenv|http_\w+)$/;
const STARTS = /^(select|with|from|describe|summarize|show|values|table|pivot|unpivot|\()/i;

/** The text with comments, string literals and quoted identifiers blanked, for keyword checks. */
export function stripLiterals(sql: string): string {
  // One left-to-right pass: whichever of `--`, `/*`, `'`, `"` comes first wins, as in the parser.
  // Blanked text keeps its length so offsets in the result are offsets in `sql`.
  let out = '';
  let i = 0;
  const blank = (from: number, to: number): string => ' '.repeat(Math.max(0, to - from));
  while (i < sql.length) {
    const two = sql.slice(i, i + 2);
    const c = sql[i] ?? '';
    if (two === '--') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += blank(i, stop);
      i = stop;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      const stop = Math.min(j + 1, sql.length);
      out += c + blank(i + 2, stop) + (stop - i >= 2 ? c : '');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The first statement keyword problem in `sql`, or null. Pure; run before DuckDB sees it. */
export function keywordProblem(sql: string): GuardResult | null {
  const text = stripLiterals(sql).trim().replace(/;\s*$/, '');
  if (text === '') return { ok: false, message: 'La requête est vide.', detail: '' };
  if (text.includes(';')) {
    return {
      ok: false,
      message: 'Une seule instruction à la fois : retirez les points-virgules intermédiaires.',
      detail: 'multiple statements',
    };
  }
  if (!STARTS.test(text)) {
    return {
      ok: false,
      message:
        'La console n’accepte que les requêtes de lecture : SELECT, WITH, DESCRIBE, SUMMARIZE ou SHOW.',
      detail: `statement starts with « ${text.split(/\s+/)[0] ?? ''} »`,
    };
  }
  const words = text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? [];
  const word = words.find((w) => FORBIDDEN_WORDS.includes(w));
  if (word) {
    return {
      ok: false,
      message: `Le mot-clé « ${word.toUpperCase()} » est refusé : la console est en lecture seule (ni modification des tables, ni réglage du moteur, ni accès aux fichiers).`,
      detail: `forbidden keyword ${word}`,
    };
  }
  const calls = text.toLowerCase().matchAll(/([a-z_][a-z0-9_]*)\s*\(/g);
  for (const [, name = ''] of calls) {
    if (FORBIDDEN_FUNCTION.test(name)) {
      return {
        ok: false,
        message: `La fonction « ${name} » est refusée : la console ne lit que les tables chargées, jamais de fichier ni d’adresse réseau.`,
        detail: `forbidden table function ${name}`,
      };
    }
  }
  return null;
}

/**
 * The statement without its final semicolon, even when comments follow it (`SELECT 1; -- fin`).
 * The keyword guard has already made sure no other semicolon is outside a literal or comment.
 */
export function withoutFinalSemicolon(sql: string): string {
  const stripped = stripLiterals(sql);
  const last = stripped.lastIndexOf(';');
  if (last < 0 || stripped.slice(last + 1).trim() !== '') return sql.trim();
  return sql.slice(0, last).trim();
}

/** The console's statement as a subquery: DuckDB's parser accepts only a query there. */
export function wrapConsoleSql(statement: string): string {
  // The newline keeps a trailing `--` comment from swallowing the closing parenthesis.
  return `SELECT * FROM (${statement}\n) AS "__console"`;
}

export interface ConsoleColumn {
  readonly name: string;
  readonly type: string;
}

export type CheckedSql =
  | { readonly ok: true; readonly sql: string; readonly columns: readonly ConsoleColumn[] }
  | { readonly ok: false; readonly message: string; readonly detail: string };

/**
 * Checks `sql` with the keyword guard, then with DuckDB's parser and binder: the statement is
 * described as a subquery, which only a query survives (DESCRIBE, SUMMARIZE, SHOW, PIVOT and
 * FROM-first included). `json_serialize_sql` would do the same but lives in the json extension,
 * which DuckDB-WASM does not bundle and which we never download. Resolves to the wrapped query to
 * run and its columns, or to a French message plus DuckDB's own text.
 */
export async function checkConsoleSql(connector: Connector, sql: string): Promise<CheckedSql> {
  const problem = keywordProblem(sql);
  if (problem && !problem.ok) return problem;
  const wrapped = wrapConsoleSql(withoutFinalSemicolon(sql));
  try {
    const described = await connector.query(`DESCRIBE ${wrapped}`);
    const names = described.getChild('column_name');
    const types = described.getChild('column_type');
    const columns: ConsoleColumn[] = [];
    for (let i = 0; i < described.numRows; i++) {
      columns.push({ name: String(names?.get(i)), type: String(types?.get(i)) });
    }
    return { ok: true, sql: wrapped, columns };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const message = /Parser Error/i.test(detail)
      ? 'Cette instruction n’est pas une requête de lecture valide : DuckDB ne peut pas l’exécuter comme un SELECT.'
      : /Permission Error|file system|external access/i.test(detail)
        ? 'Accès refusé : la console ne lit que les tables chargées, jamais de fichier ni d’adresse réseau.'
        : 'DuckDB refuse cette requête.';
    return { ok: false, message, detail };
  }
}
