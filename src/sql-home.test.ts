/**
 * SQL lives in the query layer (src/query/), and the engine's own plumbing (loading tables,
 * transactions, `SET`) in src/db/ (ARCHITECTURE.md). This test reads every source file of src/
 * outside those two folders and fails on a string or template literal that reads as SQL, so a
 * query written in a view, a chart or the export is caught at once. French UI text does not
 * trip it: the patterns are SQL keyword pairs in capitals or DuckDB function calls (SQL written in
 * lower case is not caught; the project writes its keywords in capitals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname);
const HOMES = ['query/', 'db/'];

/**
 * Files outside the query layer allowed to hold SQL, with why. A temporary entry goes when its
 * file has moved; an entry whose file holds no SQL any more fails the last test below.
 */
const ELSEWHERE: Readonly<Record<string, string>> = {
  'catalogue/indicators.ts':
    'an indicator’s numerator is an SQL expression over the published cells: the contract states ' +
    'it and the pipeline publishes it in indicators.parquet; the query layer pastes it',
};

const SQL_PATTERNS: readonly RegExp[] = [
  /\bSELECT\b[\s\S]*\bFROM\b/,
  /\b(INSERT\s+INTO|DELETE\s+FROM)\b/i,
  /\bUPDATE\s+\S+\s+SET\b/,
  /\b(CREATE|DROP|ALTER)\s+(OR\s+REPLACE\s+)?(TEMP\w*\s+)?(TABLE|VIEW|MACRO|SEQUENCE|TYPE|INDEX)\b/i,
  /\bWITH\s+\S+\s+AS\s*\(/,
  /\bCOPY\b[\s\S]*\bTO\b/,
  /\b(read_parquet|read_csv\w*|parquet_metadata|parquet_schema|duckdb_\w+)\s*\(/i,
  /\binformation_schema\./i,
  /\b(DESCRIBE|SUMMARIZE|PRAGMA)\s+\S/,
  /\bWHERE\b[\s\S]*(=|<|>|\bIN\b|\bIS\b|\bLIKE\b)/,
  /\b(GROUP|ORDER|PARTITION)\s+BY\b/,
  /\b(TRY_)?CAST\s*\([\s\S]*\bAS\s+[A-Z]/,
];

/** The first SQL pattern `text` matches, or null. */
export function sqlIn(text: string): RegExp | null {
  return SQL_PATTERNS.find((p) => p.test(text)) ?? null;
}

interface Hit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** String and template literals of `source` that read as SQL (a template's parts joined). */
export function sqlLiterals(file: string, source: string): Hit[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const hits: Hit[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' x ');
    if (text !== null && sqlIn(text)) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      hits.push({ file, line, text: text.replace(/\s+/g, ' ').slice(0, 100) });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return hits;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));
const hitsOf = (file: string): Hit[] =>
  sqlLiterals(file, readFileSync(path.join(SRC, file), 'utf8'));

describe('SQL only in the query layer', () => {
  it('recognises SQL and leaves French UI text alone', () => {
    for (const sql of [
      'SELECT * FROM "cases" LIMIT 5',
      'SELECT code FROM territories WHERE level = $1',
      `CREATE OR REPLACE TABLE __own_text AS SELECT 1`,
      'DROP TABLE IF EXISTS __own_raw',
      'WITH t AS (SELECT 1) SELECT * FROM t',
      "read_parquet('x.parquet')",
      'DESCRIBE __own_raw',
      'count(*) FILTER (WHERE type IN (1))',
      'TRY_CAST(x AS DOUBLE)',
    ]) {
      expect(sqlIn(sql), sql).not.toBeNull();
    }
    for (const text of [
      'Sélectionnez un territoire dans la liste',
      'La console est en lecture seule : une seule requête SELECT, sans écriture.',
      'Le fichier « cas.csv » ne contient aucune ligne de données.',
      'Les données de la table sont mises à jour où il le faut',
      'Ordre de grandeur : la valeur est arrondie',
      'Colonnes ignorées (absentes du contrat) : a, b.',
      'Copier le lien vers cette vue',
    ]) {
      expect(sqlIn(text), text).toBeNull();
    }
  });

  it('finds SQL in a template literal of a source file', () => {
    const source = 'const q = (t: string) => `SELECT count(*) FROM ${t}`;\nexport default q;\n';
    expect(sqlLiterals('views/Bad.tsx', source)).toEqual([
      { file: 'views/Bad.tsx', line: 1, text: 'SELECT count(*) FROM x ' },
    ]);
  });

  it('no source file outside src/query and src/db holds SQL text', () => {
    const outside = files.filter(
      (f) => !HOMES.some((home) => f.startsWith(home)) && !(f in ELSEWHERE),
    );
    expect(outside.length).toBeGreaterThan(50);
    const hits = outside.flatMap(hitsOf).map((h) => `${h.file}:${h.line}  ${h.text}`);
    expect(hits, 'SQL belongs in src/query (ARCHITECTURE.md)').toEqual([]);
  });

  it('every file allowed SQL elsewhere still exists and still holds some', () => {
    for (const file of Object.keys(ELSEWHERE)) {
      expect(files, `${file}: remove its entry from ELSEWHERE`).toContain(file);
      expect(hitsOf(file).length, `${file} holds no SQL: remove its entry`).toBeGreaterThan(0);
    }
  });
});
