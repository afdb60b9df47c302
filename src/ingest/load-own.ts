/**
 * Loads a user's own file into the engine, never sending it anywhere: read (CSV or Parquet),
 * stage, type, validate against the contract, then swap it in atomically. On any error the table
 * that was loaded before stays exactly as it was and the staging tables are dropped.
 */
import type { Table } from 'apache-arrow';
import { TABLES, type TableName } from '../catalogue';
import { OWN_FILES_DIR, type Connector } from '../db/connector';
import { typedTableSql, validateStaged, type Problem } from '../query/own-checks';
import {
  CELLS_TABLE,
  INCOMING_TABLE,
  RAW_TABLE,
  ROLLBACK_SQL,
  STAGING_TABLES,
  TEXT_TABLE,
  dropTableSql,
  incomingCellsSql,
  incomingTableSql,
  rawColumnsSql,
  shiftCsvLinesSql,
  stageCsvSql,
  stagedCountSql,
  stagedCsvCountSql,
  stageParquetSql,
  swapInSql,
} from '../query/own-load';
import { detectTable, targetTable, type Detection, type LoadableTable } from './detect';
import {
  estimatedNeed,
  isOutOfMemory,
  megabytes,
  memoryBudget,
  ownFileErrorMessage,
  tooLargeMessage,
} from './own-errors';
import {
  SNIFF_BYTES,
  looksLikeUtf16WithoutBom,
  sniffCsv,
  type CsvSniff,
  type DecimalSeparator,
  type Delimiter,
} from './sniff';
import { transcodeToUtf8 } from './transcode';

export type FileKind = 'csv' | 'parquet';

export interface PreparedFile {
  readonly name: string;
  /** The file itself, read lazily (a browser `File` is a Blob). */
  readonly source: Blob;
  readonly kind: FileKind;
  /** For CSV: what was recognised from its first bytes (the UI asks when `decimalAmbiguous`). */
  readonly csv: CsvSniff | null;
  /** Set when the file cannot be read at all (encoding): the French reason. */
  readonly refused: string | null;
}

export interface LoadChoices {
  readonly delimiter?: Delimiter;
  readonly decimal?: DecimalSeparator;
}

/** Where a load is, for the loader's progress bar. */
export interface LoadProgress {
  /** French, e.g. « Vérification (3/21) ». */
  readonly step: string;
  /** 0..1 */
  readonly fraction: number;
}

export interface LoadOptions {
  /** Aborting stops the load between two slices; the tables already loaded stay as they were. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Bytes the engine may use for this file (default: `memoryBudget()`, tests pass their own). */
  readonly memoryBudget?: number;
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
      /** True when the user cancelled (no problem to show). */
      readonly cancelled?: boolean;
    };

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function startsWithMagic(bytes: Uint8Array): boolean {
  return PARQUET_MAGIC.every((b, i) => bytes[i] === b);
}

const ENCODING_WORDS = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Latin-1)',
  'utf-16le': 'UTF-16 (Unicode, petit-boutiste)',
  'utf-16be': 'UTF-16 (Unicode, gros-boutiste)',
} as const;

/**
 * Recognises the file's kind and, for a CSV, its encoding, header, delimiter and decimal
 * separator, from its first bytes only.
 */
export async function prepareOwnFile(name: string, file: Blob | Uint8Array): Promise<PreparedFile> {
  const source = file instanceof Blob ? file : new Blob([new Uint8Array(file)]);
  const head = new Uint8Array(await source.slice(0, SNIFF_BYTES).arrayBuffer());
  const parquet = startsWithMagic(head) || /\.parquet$/i.test(name);
  if (parquet) return { name, source, kind: 'parquet', csv: null, refused: null };
  const csv = sniffCsv(head);
  const refused =
    csv.encoding === 'windows-1252' && looksLikeUtf16WithoutBom(head)
      ? `Le fichier « ${name} » semble encodé en UTF-16 sans marque d’ordre des octets (BOM) : il ne peut pas être lu sûrement. Réenregistrez-le en « CSV UTF-8 (délimité par des virgules) » depuis votre tableur.`
      : null;
  return { name, source, kind: 'csv', csv, refused };
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
  for (const t of STAGING_TABLES) {
    await connector.exec(dropTableSql(t)).catch(() => undefined);
  }
}

/** One statement of the load, cancellable. */
type Run = (sql: string) => Promise<Table>;

let fileSerial = 0;

/**
 * Stages a CSV as text columns with the line of each row. DuckDB reads the file in its worker;
 * a file not in UTF-8 is re-encoded first. The line is the row's number plus the header's and
 * the line breaks inside the quoted values before it (DuckDB skips blank lines without saying, so
 * a blank line in the middle of a file shifts the lines after it by one).
 */
async function stageCsv(
  connector: Connector,
  file: PreparedFile,
  csv: CsvSniff,
  choices: LoadChoices,
  run: Run,
  options: LoadOptions,
) {
  const delimiter = choices.delimiter ?? csv.delimiter;
  const detection = detectTable(csv.header);
  if (!detection.table) return { detection, rows: 0, delimiter };
  let source = file.source;
  if (csv.encoding !== 'utf-8') {
    source = await transcodeToUtf8(source, csv.encoding, {
      signal: options.signal,
      onProgress: (n) =>
        options.onProgress?.({
          step: `Conversion en UTF-8 (${megabytes(n)} sur ${megabytes(file.source.size)})`,
          fraction: 0.3 * (n / Math.max(1, file.source.size)),
        }),
    });
  }
  const path = `${OWN_FILES_DIR}${++fileSerial}.csv`;
  await connector.registerFile(path, source);
  try {
    options.onProgress?.({
      step: `Lecture du fichier (${megabytes(file.source.size)})`,
      fraction: 0.3,
    });
    await run(stageCsvSql(TABLES[detection.table], detection.mapping, csv.header, path, delimiter));
  } finally {
    await connector.dropFile(path);
  }
  const count = await run(stagedCsvCountSql());
  if (Number(count.getChild('breaks')?.get(0) ?? 0) > 0) {
    // Rare (a value written on two lines): only then pay for the running sum.
    await run(shiftCsvLinesSql());
  }
  return { detection, rows: Number(count.getChild('n')?.get(0) ?? 0), delimiter };
}

/** Stages a Parquet file: its own types are turned to text so typing is checked like a CSV. */
async function stageParquet(connector: Connector, file: PreparedFile, run: Run) {
  await connector.loadParquet(RAW_TABLE, new Uint8Array(await file.source.arrayBuffer()));
  const described = await connector.query(rawColumnsSql());
  const names: string[] = [];
  const col = described.getChild('column_name');
  for (let i = 0; i < described.numRows; i++) names.push(String(col?.get(i)));
  const detection = detectTable(names);
  if (!detection.table) return { detection, rows: 0 };
  await run(stageParquetSql(TABLES[detection.table], detection.mapping));
  await connector.exec(dropTableSql(RAW_TABLE));
  const count = await run(stagedCountSql());
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
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const progress = (step: string, fraction: number) => options.onProgress?.({ step, fraction });
  const run: Run = (sql) => connector.queryCancellable(sql, signal);
  const size = file.source.size;
  let table: LoadableTable | null = null;
  if (file.refused) return failure(null, file.refused, `refused: ${file.refused}`);
  const budget = options.memoryBudget ?? memoryBudget();
  const need = estimatedNeed(size, file.kind);
  if (need > budget) {
    return failure(
      null,
      tooLargeMessage(size, budget / (need / size)),
      `estimated need ${need} B > budget ${budget} B`,
    );
  }
  try {
    let staged: { detection: Detection; rows: number; delimiter?: Delimiter };
    if (file.kind === 'parquet') {
      progress(`Lecture du fichier Parquet (${megabytes(size)})`, 0.1);
      try {
        staged = await stageParquet(connector, file, run);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        if (signal.aborted || isOutOfMemory(detail)) throw e;
        return failure(
          null,
          `Le fichier Parquet « ${file.name} » est illisible : il est peut-être tronqué ou corrompu. Réexportez-le depuis votre logiciel.`,
          detail,
        );
      }
    } else {
      staged = await stageCsv(connector, file, file.csv as CsvSniff, choices, run, options);
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
    const rowsWord = `${staged.rows.toLocaleString('fr-FR')} lignes`;
    progress(`Typage des colonnes (${rowsWord})`, 0.5);
    const decimal = file.kind === 'csv' ? (choices.decimal ?? file.csv?.decimal ?? '.') : '.';
    await run(typedTableSql(TABLES[table], decimal));
    await connector.exec(dropTableSql(TEXT_TABLE));
    const problems = await validateStaged(run, table, (done, total) =>
      progress(`Vérification (${done}/${total})`, 0.6 + 0.3 * (done / total)),
    );
    if (problems.length > 0) {
      return { ok: false, table, problems, detail: problems.map((p) => p.message).join('\n') };
    }
    progress('Remplacement de la table', 0.9);
    for (const sql of incomingTableSql(TABLES[table])) await run(sql);
    if (table === 'cases_grain' || table === 'non_recours_grain') {
      const target = targetTable(table) as 'cases' | 'non_recours';
      for (const sql of incomingCellsSql(target, TABLES[target])) await run(sql);
      signal.throwIfAborted();
      await swapIn(connector, target, CELLS_TABLE);
    } else {
      signal.throwIfAborted();
      await swapIn(connector, targetTable(table), INCOMING_TABLE);
    }
    const notes: string[] = [];
    if (detection.extra.length > 0) {
      notes.push(`Colonnes ignorées (absentes du contrat) : ${detection.extra.join(', ')}.`);
    }
    const encoding = file.csv?.encoding;
    if (encoding !== undefined && encoding !== 'utf-8') {
      notes.push(`Fichier lu en ${ENCODING_WORDS[encoding]} : il n’était pas en UTF-8.`);
    }
    if (file.kind === 'csv' && staged.delimiter !== undefined) {
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
    if (signal.aborted) {
      return {
        ok: false,
        table,
        problems: [],
        detail: `cancelled: ${detail}`,
        cancelled: true,
      };
    }
    const known = ownFileErrorMessage(detail, file.name, size);
    if (known) return failure(table, known, detail);
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
async function swapIn(connector: Connector, table: TableName, incoming: string): Promise<void> {
  try {
    await connector.exec(swapInSql(table, incoming));
  } catch (e) {
    await connector.exec(ROLLBACK_SQL).catch(() => undefined);
    throw e;
  }
}
