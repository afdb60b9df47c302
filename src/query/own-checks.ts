/**
 * Checks a staged user file against the contract, in SQL over the staging table, and says in
 * French which column, which rows (first five line numbers and the count) and what was expected.
 *
 * The staging table `__own_text` (a plain table: the loader's connection writes it, the views'
 * one drops it) holds every contract column as trimmed text (NULL when empty)
 * plus `__line`, the line (CSV) or row (Parquet) number the user can find in their file. Typing
 * is done here, not by the reader, so a bad cell is reported instead of failing the whole load.
 */
import {
  CODE_LISTS,
  FIRST_YEAR,
  TABLES,
  type ColumnSpec,
  type ColumnType,
  type LoadableTable,
  type TableSpec,
} from '../catalogue';
import type { Table } from 'apache-arrow';
import { sqlIdentifier as id, sqlString } from './sql';

export const TEXT_TABLE = '__own_text';
export const TYPED_TABLE = '__own_typed';

export interface Problem {
  /** Contract column concerned (null for whole-row rules such as key uniqueness). */
  readonly column: string | null;
  readonly rule:
    'type' | 'required' | 'code' | 'reference' | 'min' | 'max' | 'range' | 'consistency' | 'key';
  /** Number of rows concerned. */
  readonly count: number;
  /** First five line numbers. */
  readonly lines: readonly number[];
  /** Up to five offending values, when showing them helps. */
  readonly values: readonly string[];
  /** The complete French message. */
  readonly message: string;
}

const TYPE_WORDS: Readonly<Record<ColumnType, string>> = {
  VARCHAR: 'un texte',
  SMALLINT: 'un nombre entier',
  INTEGER: 'un nombre entier',
  BIGINT: 'un nombre entier',
  DOUBLE: 'un nombre (décimal possible)',
  BOOLEAN: 'un booléen (true/false, vrai/faux, oui/non, 1/0)',
  DATE: 'une date (AAAA-MM-JJ ou JJ/MM/AAAA)',
};

/** Numeric text: spaces (thousands) removed, decimal comma turned into a dot when asked. */
function numericText(col: string, decimal: ',' | '.'): string {
  const stripped = `regexp_replace(${col}, '[\\s\u00a0\u202f]', '', 'g')`;
  return decimal === ',' ? `replace(${stripped}, ',', '.')` : stripped;
}

/** SQL turning the text column into the contract type; NULL when the text does not fit. */
export function typedExpression(spec: ColumnSpec, decimal: ',' | '.'): string {
  const col = id(spec.name);
  switch (spec.type) {
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const n = numericText(col, decimal);
      return `CASE WHEN regexp_full_match(${n}, '[-+]?[0-9]+(\\.0+)?') THEN TRY_CAST(TRY_CAST(${n} AS DOUBLE) AS ${spec.type}) END`;
    }
    case 'DOUBLE':
      return `TRY_CAST(${numericText(col, decimal)} AS DOUBLE)`;
    case 'BOOLEAN':
      return `CASE WHEN lower(${col}) IN ('true','vrai','oui','1','t','yes','o') THEN true WHEN lower(${col}) IN ('false','faux','non','0','f','no','n') THEN false END`;
    case 'DATE':
      // ISO dates, timestamps from Parquet or spreadsheets, and French day-first dates.
      return `coalesce(TRY_CAST(${col} AS DATE), CAST(TRY_CAST(${col} AS TIMESTAMP) AS DATE), CAST(try_strptime(${col}, '%d/%m/%Y') AS DATE))`;
    case 'VARCHAR':
      return col;
  }
}

/** Creates `__own_typed`: `__line`, `__t_<col>` (text) and `<col>` (typed) for every column. */
export function typedTableSql(spec: TableSpec, decimal: ',' | '.'): string {
  const cols = spec.columns.flatMap((c) => [
    `${id(c.name)} AS ${id(`__t_${c.name}`)}`,
    `${typedExpression(c, decimal)} AS ${id(c.name)}`,
  ]);
  return `CREATE OR REPLACE TABLE ${TYPED_TABLE} AS SELECT "__line", ${cols.join(', ')} FROM ${TEXT_TABLE}`;
}

interface Check {
  readonly column: string | null;
  readonly rule: Problem['rule'];
  /** Row condition on TYPED_TABLE (unused when `rows` is given). */
  readonly where: string;
  /** A query giving the bad rows of TYPED_TABLE, when a WHERE condition cannot say it well. */
  readonly rows?: string;
  /** Expression whose distinct values are listed in the message. */
  readonly value?: string;
  readonly describe: (count: number, lines: string, values: string) => string;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

/** The verb agreeing with the number of lines. */
function agree(n: number, one: string, many: string): string {
  return n > 1 ? many : one;
}

function rowsWord(count: number, lines: string): string {
  return `${plural(count, 'ligne', 'lignes')} (${count > 5 ? 'premières : ' : ''}${lines})`;
}

/** The checks of one table, in the order a user should fix them. */
export function checksFor(table: LoadableTable): Check[] {
  const spec = TABLES[table];
  const checks: Check[] = [];
  for (const c of spec.columns) {
    const t = id(`__t_${c.name}`);
    const v = id(c.name);
    checks.push({
      column: c.name,
      rule: 'type',
      where: `${t} IS NOT NULL AND ${v} IS NULL`,
      value: t,
      describe: (n, lines, values) =>
        `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'ne contient', 'ne contiennent')} pas ${TYPE_WORDS[c.type]}. Valeurs lues : ${values}.`,
    });
    if (!c.nullable) {
      checks.push({
        column: c.name,
        rule: 'required',
        where: `${t} IS NULL`,
        describe: (n, lines) =>
          `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'est vide', 'sont vides')} alors que la valeur est obligatoire (${c.description.toLowerCase()}).`,
      });
    }
    if (c.codes) {
      const list: readonly string[] = CODE_LISTS[c.codes];
      checks.push({
        column: c.name,
        rule: 'code',
        where: `${v} IS NOT NULL AND ${v} NOT IN (${list.map(sqlString).join(', ')})`,
        value: v,
        describe: (n, lines, values) =>
          `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} un code inconnu (${values}). Codes attendus : ${list.join(', ')}.`,
      });
    }
    if (c.references) {
      // A user's territories file is checked against itself; facts against the loaded referential.
      const source = table === 'territories' ? TYPED_TABLE : 'territories';
      checks.push({
        column: c.name,
        rule: 'reference',
        where: `${v} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${source} AS "__r" WHERE "__r"."level" = ${sqlString(c.references)} AND "__r"."code" = ${TYPED_TABLE}.${v})`,
        value: v,
        describe: (n, lines, values) =>
          `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} un code de ${c.references === 'qpv' ? 'QPV' : c.references} absent du référentiel des territoires chargé (${values}).`,
      });
    }
    if (c.min !== undefined) {
      const min = c.min;
      checks.push({
        column: c.name,
        rule: 'min',
        where: `${v} < ${min}`,
        value: `CAST(${v} AS VARCHAR)`,
        describe: (n, lines, values) =>
          min === 0
            ? `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} un nombre négatif (${values}). Attendu : un ${c.unit ? `nombre de ${c.unit}` : 'nombre'} positif ou nul.`
            : `Colonne « ${c.name} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} une valeur inférieure à ${min} (${values}).`,
      });
    }
  }
  if (spec.columns.some((c) => c.name === 'month')) {
    checks.push({
      column: 'month',
      rule: 'max',
      where: '"month" > 12',
      value: 'CAST("month" AS VARCHAR)',
      describe: (n, lines, values) =>
        `Colonne « month » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} un mois supérieur à 12 (${values}).`,
    });
  }
  if (spec.columns.some((c) => c.name === 'year')) {
    checks.push({
      column: 'year',
      rule: 'max',
      where: `"year" > ${new Date().getUTCFullYear()}`,
      value: 'CAST("year" AS VARCHAR)',
      describe: (n, lines, values) =>
        `Colonne « year » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} une année future (${values}). Attendu : de ${FIRST_YEAR} à l’année en cours.`,
    });
  }
  if (table === 'cases_grain' || table === 'non_recours_grain') {
    // A QPV code must be one in force in the row's year (2015 list until 2023, 2024 list after).
    // A code the referential does not know at all is the reference check's: one message per row.
    checks.push({
      column: 'qpv_code',
      rule: 'reference',
      where: `"qpv_code" IS NOT NULL AND EXISTS (SELECT 1 FROM territories AS "__k" WHERE "__k"."level" = 'qpv' AND "__k"."code" = ${TYPED_TABLE}."qpv_code") AND NOT EXISTS (SELECT 1 FROM territories AS "__q" WHERE "__q"."level" = 'qpv' AND "__q"."code" = ${TYPED_TABLE}."qpv_code" AND ${TYPED_TABLE}."year" BETWEEN "__q"."valid_from" AND coalesce("__q"."valid_to", 9999))`,
      value: `"qpv_code" || ' en ' || CAST("year" AS VARCHAR)`,
      describe: (n, lines, values) =>
        `Colonne « qpv_code » : ${rowsWord(n, lines)} ${agree(n, 'cite', 'citent')} un QPV qui n’était pas en vigueur cette année-là (${values}). La liste 2015 s’applique jusqu’en 2023 (2024 outre-mer), la liste 2024 ensuite.`,
    });
  }
  if (table === 'non_recours_grain') {
    checks.push({
      column: 'recipients',
      rule: 'consistency',
      where: '"recipients" > "eligible"',
      value: `CAST("recipients" AS VARCHAR) || ' > ' || CAST("eligible" AS VARCHAR)`,
      describe: (n, lines, values) =>
        `Colonnes « recipients » et « eligible » : ${rowsWord(n, lines)} ${agree(n, 'compte', 'comptent')} plus de bénéficiaires que d’éligibles (${values}).`,
    });
  }
  if (table === 'services') checks.push(...serviceChecks());
  const key = spec.key.map(id);
  const sameKey = key.map((k) => `"__t".${k} IS NOT DISTINCT FROM "__d".${k}`).join(' AND ');
  checks.push({
    column: null,
    rule: 'key',
    where: 'true',
    // Grouping then joining back is a hash join; a window over the whole file would sort it.
    rows: `SELECT "__t".* FROM ${TYPED_TABLE} AS "__t" SEMI JOIN (SELECT ${key.join(', ')} FROM ${TYPED_TABLE} GROUP BY ALL HAVING count(*) > 1) AS "__d" ON ${sameKey}`,
    value: key.map((k) => `coalesce(CAST(${k} AS VARCHAR), '∅')`).join(` || ' / ' || `),
    describe: (n, lines, values) =>
      `Doublons : ${rowsWord(n, lines)} ${agree(n, 'répète', 'répètent')} la même clé (${spec.key.join(', ')}) : ${values}. Chaque combinaison doit être unique.`,
  });
  return checks;
}

/**
 * Boxes around the French territory where a place can be (WGS84, generous margins): metropolitan
 * France with Corsica, then the five DROM.
 */
export const FRANCE_BOXES = [
  { name: 'métropole', lon: [-5.8, 10.0], lat: [41.0, 51.5] },
  { name: 'Guadeloupe', lon: [-61.9, -60.9], lat: [15.8, 16.6] },
  { name: 'Martinique', lon: [-61.3, -60.7], lat: [14.3, 15.0] },
  { name: 'Guyane', lon: [-54.7, -51.5], lat: [2.0, 6.0] },
  { name: 'La Réunion', lon: [55.1, 56.0], lat: [-21.5, -20.8] },
  { name: 'Mayotte', lon: [44.9, 45.4], lat: [-13.1, -12.5] },
] as const;

/** The first and last dates accepted for an opening or a closing. */
export const SERVICE_DATES = { from: '1990-01-01', to: '2100-12-31' } as const;

/** Places: coordinates finite and in France, dates in a sane range and in order. */
function serviceChecks(): Check[] {
  const checks: Check[] = [];
  for (const [col, word] of [
    ['lon', 'longitude'],
    ['lat', 'latitude'],
  ] as const) {
    checks.push({
      column: col,
      rule: 'type',
      where: `${id(col)} IS NOT NULL AND NOT isfinite(${id(col)})`,
      value: id(`__t_${col}`),
      describe: (n, lines, values) =>
        `Colonne « ${col} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} une ${word} qui n’est pas un nombre fini (${values}). Attendu : des degrés décimaux (WGS84).`,
    });
  }
  const inBox = FRANCE_BOXES.map(
    (b) =>
      `("lon" BETWEEN ${b.lon[0]} AND ${b.lon[1]} AND "lat" BETWEEN ${b.lat[0]} AND ${b.lat[1]})`,
  ).join(' OR ');
  checks.push({
    column: 'lon',
    rule: 'range',
    where: `isfinite("lon") AND isfinite("lat") AND NOT (${inBox})`,
    value: `CAST("lon" AS VARCHAR) || ', ' || CAST("lat" AS VARCHAR)`,
    describe: (n, lines, values) =>
      `Colonnes « lon » et « lat » : ${rowsWord(n, lines)} ${agree(n, 'place', 'placent')} le lieu hors de France (métropole et DROM) (longitude, latitude : ${values}). Vérifiez que la longitude et la latitude ne sont pas inversées et sont en degrés décimaux (WGS84).`,
  });
  for (const [col, word] of [
    ['opened', 'd’ouverture'],
    ['closed', 'de fermeture'],
  ] as const) {
    checks.push({
      column: col,
      rule: 'range',
      where: `${id(col)} NOT BETWEEN DATE '${SERVICE_DATES.from}' AND DATE '${SERVICE_DATES.to}'`,
      value: `strftime(${id(col)}, '%d/%m/%Y')`,
      describe: (n, lines, values) =>
        `Colonne « ${col} » : ${rowsWord(n, lines)} ${agree(n, 'a', 'ont')} une date ${word} hors de la période 1990–2100 (${values}).`,
    });
  }
  checks.push({
    column: 'closed',
    rule: 'consistency',
    where: '"closed" < "opened"',
    value: `strftime("opened", '%d/%m/%Y') || ' → ' || strftime("closed", '%d/%m/%Y')`,
    describe: (n, lines, values) =>
      `Colonnes « opened » et « closed » : ${rowsWord(n, lines)} ${agree(n, 'ferme', 'ferment')} le lieu avant son ouverture (ouverture → fermeture : ${values}).`,
  });
  return checks;
}

/** SQL counting a check's rows, with the first five lines and values. */
export function checkSql(check: Check): string {
  const value = check.value ?? 'NULL';
  // The value shown in the message is computed on the bad rows only, not on the whole file.
  const rows = check.rows ?? `SELECT * FROM ${TYPED_TABLE} WHERE ${check.where}`;
  return `WITH "__rows" AS (${rows}),
"__bad" AS (SELECT "__line", ${value} AS "__v" FROM "__rows")
SELECT count(*) AS n,
  array_to_string(list("__line" ORDER BY "__line")[1:5], ', ') AS lines,
  array_to_string(list(DISTINCT "__v")[1:5], ' ; ') AS vals
FROM "__bad"`;
}

/**
 * Runs every check of `table` over `__own_typed` with `run` (the loader's cancellable query); an
 * empty list means the file is valid. `onCheck` is told after each check.
 */
export async function validateStaged(
  run: (sql: string) => Promise<Table>,
  table: LoadableTable,
  onCheck?: (done: number, total: number) => void,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const checks = checksFor(table);
  for (const [i, check] of checks.entries()) {
    const result = await run(checkSql(check));
    onCheck?.(i + 1, checks.length);
    const count = Number(result.getChild('n')?.get(0) ?? 0);
    if (count === 0) continue;
    const lines = String(result.getChild('lines')?.get(0) ?? '');
    const values = String(result.getChild('vals')?.get(0) ?? '')
      .split(' ; ')
      .filter(Boolean)
      .map((s) => `« ${s.length > 40 ? `${s.slice(0, 40)}…` : s} »`);
    problems.push({
      column: check.column,
      rule: check.rule,
      count,
      lines: lines.split(', ').filter(Boolean).map(Number),
      values,
      message: check.describe(count, lines, values.join(', ')),
    });
  }
  return problems;
}
