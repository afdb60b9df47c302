/**
 * Loads a user's own file into the engine, never sending it anywhere: read (CSV or Parquet),
 * stage, type, validate against the contract, then swap it in atomically. On any error the table
 * that was loaded before stays exactly as it was and the staging tables are dropped.
 */
import { Table as ArrowTable, tableToIPC, type Vector } from 'apache-arrow';
import { TABLES, columnsDdl } from '../catalogue';
import type { Connector } from '../db/connector';
import { cellsFromGrainSql } from '../query/grain-cells';
import { sqlIdentifier as id } from '../query/sql';
import { CsvSyntaxError, parseCsv } from './csv-parse';
import { detectTable, targetTable, type Detection, type LoadableTable } from './detect';
import { sniffCsv, type CsvSniff, type DecimalSeparator, type Delimiter } from './sniff';
import { int32Vector, utf8Vector } from './text-vector';
import { TEXT_TABLE, TYPED_TABLE, typedTableSql, validateStaged, type Problem } from './validate';

const RAW_TABLE = '__own_raw';
const INCOMING_TABLE = '__own_incoming';
const CELLS_TABLE = '__own_cells';

export type FileKind = 'csv' | 'parquet';

export interface PreparedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind: FileKind;
  /** For CSV: what was recognised (the UI asks the user when `decimalAmbiguous`). */
  readonly csv: CsvSniff | null;
}

export interface LoadChoices {
  readonly delimiter?: Delimiter;
  readonly decimal?: DecimalSeparator;
}

export type LoadOutcome =
  | {
      readonly ok: true;
      readonly table: LoadableTable;
      readonly rows: number;
      /** Notes that do not block (ignored columns, encoding used). */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      readonly table: LoadableTable | null;
      /** French messages, one per problem. */
      readonly problems: readonly Problem[];
      /** Precise text for the browser console. */
      readonly detail: string;
    };

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function startsWithMagic(bytes: Uint8Array): boolean {
  return PARQUET_MAGIC.every((b, i) => bytes[i] === b);
}

/** Recognises the file's kind and, for a CSV, its encoding, delimiter and decimal separator. */
export function prepareOwnFile(name: string, bytes: Uint8Array): PreparedFile {
  const parquet = startsWithMagic(bytes) || /\.parquet$/i.test(name);
  if (parquet) return { name, bytes, kind: 'parquet', csv: null };
  const { text: _text, ...csv } = sniffCsv(bytes);
  return { name, bytes, kind: 'csv', csv };
}

function failure(
  table: LoadableTable | null,
  message: string,
  detail: string,
  rule: Problem['rule'] = 'type',
): LoadOutcome {
  return {
    ok: false,
    table,
    problems: [{ column: null, rule, count: 0, lines: [], values: [], message }],
    detail,
  };
}

function missingMessage(detection: Detection): string {
  const spec = TABLES[detection.closest];
  return `Colonnes manquantes pour la table « ${spec.label} » (${detection.closest}) : ${detection.missing.join(', ')}. Colonnes attendues : ${spec.columns.map((c) => c.name).join(', ')}.`;
}

async function dropStaging(connector: Connector): Promise<void> {
  for (const t of [RAW_TABLE, TEXT_TABLE, TYPED_TABLE, INCOMING_TABLE, CELLS_TABLE]) {
    await connector.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}

/** Stages a CSV as text columns with the file line of each row. */
async function stageCsv(connector: Connector, file: PreparedFile, choices: LoadChoices) {
  const sniffed = sniffCsv(file.bytes);
  const delimiter = choices.delimiter ?? sniffed.delimiter;
  const parsed = parseCsv(sniffed.text, delimiter);
  const detection = detectTable(parsed.header);
  if (!detection.table) return { detection, rows: 0 };
  const columns: Record<string, Vector> = {
    __line: int32Vector(parsed.lines),
  };
  for (const [contract, original] of Object.entries(detection.mapping)) {
    const index = parsed.header.indexOf(original);
    const values = parsed.rows.map((r) => {
      const cell = (r[index] ?? '').trim();
      return cell === '' ? null : cell;
    });
    columns[contract] = utf8Vector(values);
  }
  const arrow = new ArrowTable(columns);
  await connector.loadArrowIPC(RAW_TABLE, tableToIPC(arrow, 'stream'));
  const spec = TABLES[detection.table];
  const select = spec.columns.map((c) =>
    c.name in detection.mapping ? `${id(c.name)}` : `CAST(NULL AS VARCHAR) AS ${id(c.name)}`,
  );
  await connector.exec(
    `CREATE OR REPLACE TEMP TABLE ${TEXT_TABLE} AS SELECT "__line", ${select.join(', ')} FROM ${RAW_TABLE}`,
  );
  return { detection, rows: parsed.rows.length, encoding: sniffed.encoding, delimiter };
}

/** Stages a Parquet file: its own types are turned to text so typing is checked like a CSV. */
async function stageParquet(connector: Connector, file: PreparedFile) {
  await connector.loadParquet(RAW_TABLE, file.bytes);
  const described = await connector.query(`DESCRIBE ${RAW_TABLE}`);
  const names: string[] = [];
  const col = described.getChild('column_name');
  for (let i = 0; i < described.numRows; i++) names.push(String(col?.get(i)));
  const detection = detectTable(names);
  if (!detection.table) return { detection, rows: 0 };
  const spec = TABLES[detection.table];
  const select = spec.columns.map((c) => {
    const original = detection.mapping[c.name];
    return original === undefined
      ? `CAST(NULL AS VARCHAR) AS ${id(c.name)}`
      : `NULLIF(trim(CAST(${id(original)} AS VARCHAR)), '') AS ${id(c.name)}`;
  });
  await connector.exec(
    `CREATE OR REPLACE TEMP TABLE ${TEXT_TABLE} AS SELECT CAST(row_number() OVER () AS INTEGER) AS "__line", ${select.join(', ')} FROM ${RAW_TABLE}`,
  );
  const count = await connector.query(`SELECT count(*) AS n FROM ${TEXT_TABLE}`);
  return { detection, rows: Number(count.getChild('n')?.get(0) ?? 0) };
}

/**
 * Reads, validates and loads `file`. Resolves (never rejects) with the outcome; on success the
 * contract table is replaced in one transaction.
 */
export async function loadOwnFile(
  connector: Connector,
  file: PreparedFile,
  choices: LoadChoices = {},
): Promise<LoadOutcome> {
  let table: LoadableTable | null = null;
  try {
    let staged: Awaited<ReturnType<typeof stageCsv>>;
    if (file.kind === 'parquet') {
      try {
        staged = await stageParquet(connector, file);
      } catch (e) {
        return failure(
          null,
          `Le fichier Parquet « ${file.name} » est illisible : il est peut-être tronqué ou corrompu. Réexportez-le depuis votre logiciel.`,
          e instanceof Error ? e.message : String(e),
        );
      }
    } else {
      staged = await stageCsv(connector, file, choices);
    }
    const { detection } = staged;
    if (!detection.table) {
      return failure(
        null,
        missingMessage(detection),
        `columns missing: ${detection.missing.join(',')}`,
        'required',
      );
    }
    table = detection.table;
    if (staged.rows === 0) {
      return failure(
        table,
        `Le fichier « ${file.name} » ne contient aucune ligne de données.`,
        'no rows',
        'required',
      );
    }
    const decimal = file.kind === 'csv' ? (choices.decimal ?? file.csv?.decimal ?? '.') : '.';
    await connector.exec(typedTableSql(TABLES[table], decimal));
    const problems = await validateStaged(connector, table);
    if (problems.length > 0) {
      return { ok: false, table, problems, detail: problems.map((p) => p.message).join('\n') };
    }
    const spec = TABLES[table];
    const cols = spec.columns.map((c) => id(c.name)).join(', ');
    await connector.exec(`CREATE OR REPLACE TABLE ${INCOMING_TABLE} (${columnsDdl(spec)})`);
    await connector.exec(
      `INSERT INTO ${INCOMING_TABLE} (${cols}) SELECT ${cols} FROM ${TYPED_TABLE} ORDER BY "__line"`,
    );
    if (table === 'cases_grain' || table === 'non_recours_grain') {
      // The user's own data stay whole: aggregated to cells like the publication, never masked.
      const target = targetTable(table) as 'cases' | 'non_recours';
      await connector.exec(
        `CREATE OR REPLACE TABLE ${CELLS_TABLE} (${columnsDdl(TABLES[target])})`,
      );
      await connector.exec(
        `INSERT INTO ${CELLS_TABLE} SELECT * FROM (${cellsFromGrainSql(target, INCOMING_TABLE)})`,
      );
      await swapIn(connector, target, CELLS_TABLE);
    } else {
      await swapIn(connector, targetTable(table), INCOMING_TABLE);
    }
    const notes: string[] = [];
    if (detection.extra.length > 0) {
      notes.push(`Colonnes ignorées (absentes du contrat) : ${detection.extra.join(', ')}.`);
    }
    if ('encoding' in staged && staged.encoding === 'windows-1252') {
      notes.push('Fichier lu en Windows-1252 (Latin-1) : il n’était pas en UTF-8.');
    }
    if (file.kind === 'csv' && 'delimiter' in staged) {
      const sep =
        staged.delimiter === ';'
          ? 'point-virgule'
          : staged.delimiter === ','
            ? 'virgule'
            : 'tabulation';
      notes.push(
        `CSV lu avec le séparateur ${sep} et ${decimal === ',' ? 'la virgule' : 'le point'} comme séparateur décimal.`,
      );
    }
    return { ok: true, table, rows: staged.rows, notes };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (e instanceof CsvSyntaxError)
      return failure(table, `Fichier CSV mal formé : ${e.message}`, detail);
    return failure(
      table,
      `Le chargement a échoué ; les données précédentes sont conservées. Détail : ${detail}`,
      detail,
    );
  } finally {
    await dropStaging(connector);
  }
}

/**
 * Replaces `table` by the validated `incoming` table in one transaction (all or nothing). The
 * statements go in one call so no view's query, sharing the connection, can run between the DROP
 * and the RENAME and find the table missing.
 */
async function swapIn(connector: Connector, table: string, incoming: string): Promise<void> {
  try {
    await connector.exec(
      `BEGIN TRANSACTION; DROP TABLE IF EXISTS ${id(table)}; ALTER TABLE ${incoming} RENAME TO ${id(table)}; COMMIT;`,
    );
  } catch (e) {
    await connector.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
