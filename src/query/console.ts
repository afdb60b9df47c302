/**
 * The SQL console's SQL. The user's text never runs as written: it reaches DuckDB as a string
 * literal in `SELECT * FROM query('…')`, and DuckDB's own parser then accepts exactly one SELECT
 * statement (WITH, FROM-first, VALUES, TABLE, DESCRIBE, SUMMARIZE and SHOW are SELECTs to it) and
 * refuses anything else with "Expected a single SELECT statement". Dollar-quoted strings, E'…'
 * escapes and comments are read by DuckDB, not by a hand-written lexer that could disagree with
 * it. What runs is our text, one statement whatever the user wrote (`sqlString` doubles the
 * quotes; DuckDB literals have no backslash escapes). `json_serialize_sql` would judge the same
 * but lives in the json extension, which DuckDB-WASM 1.32 (DuckDB 1.4.3) does not bundle and the
 * app never downloads. The engine adds its own locks: the console's connection runs one prepared
 * statement in a read-only transaction (`Connector.queryReadOnly`), and the whole engine has no
 * file or network access and a locked configuration (src/db/load-tables.ts, `lockEngine`).
 */
import { tableToIPC, type Table } from 'apache-arrow';
import type { Connector } from '../db/connector';
import { sqlInteger, sqlString } from './sql';

/** Rows shown (the count is of the whole result). */
export const CONSOLE_MAX_ROWS = 500;
/** A console query still running after this is stopped (ms). */
export const CONSOLE_TIME_LIMIT_MS = 60_000;

/** The user's text as the one SELECT statement that runs (and that the exports run). */
export function consoleSql(text: string): string {
  return `SELECT * FROM query(${sqlString(text)})`;
}

/** The first `maxRows` rows of the user's query. */
export function consolePreviewSql(text: string, maxRows = CONSOLE_MAX_ROWS): string {
  return `${consoleSql(text)} LIMIT ${sqlInteger(maxRows)}`;
}

/** The row count of the user's query, as column `n`. */
export function consoleCountSql(text: string): string {
  return `SELECT count(*) AS n FROM query(${sqlString(text)})`;
}

export const CONSOLE_MESSAGES = {
  empty: 'La requête est vide.',
  nul: 'La requête contient un caractère nul (U+0000) : retirez-le.',
  oneAtATime:
    'Une seule requête de lecture à la fois : DuckDB lit dans ce texte plusieurs instructions, ou une instruction qui n’est pas un SELECT. La console est en lecture seule.',
  notRead: (word: string): string =>
    `« ${word} » n’est pas une requête de lecture : la console est en lecture seule et n’exécute qu’une requête SELECT (ou WITH, FROM, DESCRIBE, SUMMARIZE, SHOW) à la fois.`,
  pivot:
    'PIVOT s’écrit ici dans un SELECT, avec la liste de ses valeurs : SELECT * FROM (PIVOT t ON colonne IN (…) USING …). Sans cette liste, DuckDB exécute d’abord une autre instruction, et la console n’en exécute qu’une.',
  readOnly:
    'Refusé : la console est en lecture seule, elle ne peut modifier ni les tables ni les réglages du moteur.',
  access:
    'Accès refusé : la console ne lit que les tables chargées, jamais de fichier ni d’adresse réseau.',
  invalid:
    'Cette instruction n’est pas une requête de lecture valide : DuckDB ne peut pas l’analyser.',
  failed: 'DuckDB a renvoyé une erreur.',
  stopped: 'Requête arrêtée.',
  stoppedDetail: (seconds: number): string =>
    `Arrêtée à votre demande au bout de ${seconds} s. Le moteur est prêt pour la suivante.`,
  timedOut: (seconds: number): string =>
    `Requête arrêtée : elle a dépassé la limite de ${seconds} s.`,
  timedOutDetail:
    'DuckDB l’a interrompue pour libérer le moteur. Filtrez davantage (WHERE) ou agrégez avant de relancer.',
} as const;

/** Words a read query may start with, for DuckDB (PIVOT as a statement is not one). */
const READ_STARTS = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'describe',
  'summarize',
  'show',
]);

/**
 * The first word of `text` after spaces, comments and opening parentheses, or null when there is
 * none. Only for messages: DuckDB has already decided (its first word cannot be inside a string).
 */
export function firstWord(text: string): string | null {
  let rest = text;
  for (;;) {
    const next = rest.replace(/^(\s+|--[^\n]*|\/\*[\s\S]*?\*\/|\()/, '');
    if (next === rest) break;
    rest = next;
  }
  if (rest === '') return null;
  return /^[A-Za-z_]\w*/.exec(rest)?.[0] ?? rest.slice(0, 1);
}

/** DuckDB's error without the excerpt of our wrapper (`LINE 1: SELECT * FROM query(…`). */
export function consoleErrorDetail(detail: string): string {
  return detail.replace(/\n+LINE \d+:[\s\S]*$/, '').trim();
}

/** The French message for DuckDB's refusal `detail` of the user's `text`. */
export function consoleRefusal(text: string, detail: string): string {
  if (/Expected a single SELECT statement/.test(detail)) {
    const word = firstWord(text);
    if (word === null) return CONSOLE_MESSAGES.empty;
    const w = word.toLowerCase();
    if (/\b(un)?pivot\b/i.test(text)) return CONSOLE_MESSAGES.pivot;
    if (READ_STARTS.has(w)) return CONSOLE_MESSAGES.oneAtATime;
    return CONSOLE_MESSAGES.notRead(word.toUpperCase());
  }
  if (/SELECT INTO/i.test(detail)) return CONSOLE_MESSAGES.notRead('SELECT … INTO');
  if (/read-only mode|configuration has been locked/i.test(detail)) {
    return CONSOLE_MESSAGES.readOnly;
  }
  if (
    /Permission Error|file system operations|external access|Extension Autoloading|extensions is disabled/i.test(
      detail,
    )
  ) {
    return CONSOLE_MESSAGES.access;
  }
  if (/Parser Error/.test(detail)) return CONSOLE_MESSAGES.invalid;
  return CONSOLE_MESSAGES.failed;
}

/** Why a console query was stopped; the abort reason of its signal. */
export class ConsoleStopped extends Error {
  constructor(readonly by: 'user' | 'time-limit') {
    super(by === 'user' ? 'console query stopped by the user' : 'console query timed out');
    this.name = 'ConsoleStopped';
  }
}

export type ConsoleOutcome =
  | {
      readonly ok: true;
      readonly table: Table;
      /** Rows of the whole result. */
      readonly total: number;
      /** The query the exports run. */
      readonly exportSql: string;
      readonly ms: number;
    }
  | {
      readonly ok: false;
      readonly message: string;
      /** DuckDB's text, or what happened, for the screen. */
      readonly detail: string;
      /** Stopped by the user or the time limit (not refused). */
      readonly stopped: boolean;
    };

export interface ConsoleRunOptions {
  /** Aborts the query (the « Arrêter » button). */
  readonly signal?: AbortSignal;
  readonly timeLimitMs?: number;
  /** Called once, when DuckDB has run a first slice of the query and it is still running. */
  readonly onUnderWay?: () => void;
}

/**
 * Runs the user's `text` in the console: its first rows and its row count, on the console's
 * read-only connection, stopped by `signal` or after the time limit. Never throws for a refusal,
 * an error or a stop: the outcome carries a French message and DuckDB's text.
 */
export async function runConsoleQuery(
  connector: Connector,
  text: string,
  opts: ConsoleRunOptions = {},
): Promise<ConsoleOutcome> {
  if (text.includes('\u0000')) {
    return { ok: false, message: CONSOLE_MESSAGES.nul, detail: '', stopped: false };
  }
  const limit = opts.timeLimitMs ?? CONSOLE_TIME_LIMIT_MS;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(new ConsoleStopped('user'));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => stop.abort(new ConsoleStopped('time-limit')), limit);
  const start = performance.now();
  let underWay = false;
  const onSlice = (): void => {
    if (underWay) return;
    underWay = true;
    opts.onUnderWay?.();
  };
  try {
    const table = await connector.queryReadOnly(consolePreviewSql(text), stop.signal, onSlice);
    // Fewer rows than the preview's limit: that is all of them, no need to run it again.
    const counted =
      table.numRows < CONSOLE_MAX_ROWS
        ? null
        : await connector.queryReadOnly(consoleCountSql(text), stop.signal, onSlice);
    const total = Number(counted?.getChild('n')?.get(0) ?? table.numRows);
    return { ok: true, table, total, exportSql: consoleSql(text), ms: performance.now() - start };
  } catch (e) {
    const seconds = Math.round((performance.now() - start) / 1000);
    if (e instanceof ConsoleStopped && e.by === 'user') {
      return {
        ok: false,
        message: CONSOLE_MESSAGES.stopped,
        detail: CONSOLE_MESSAGES.stoppedDetail(seconds),
        stopped: true,
      };
    }
    if (e instanceof ConsoleStopped) {
      return {
        ok: false,
        message: CONSOLE_MESSAGES.timedOut(Math.round(limit / 1000)),
        detail: CONSOLE_MESSAGES.timedOutDetail,
        stopped: true,
      };
    }
    const raw = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: consoleRefusal(text, raw),
      detail: consoleErrorDetail(raw),
      stopped: false,
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * What the console's exports run on: reads go to the console's read-only connection (sliced, so
 * the views keep answering) and stop after the time limit with a French message; nothing else
 * is allowed (writes reject, `close` leaves the engine running).
 */
export function consoleExportConnector(
  connector: Connector,
  timeLimitMs = CONSOLE_TIME_LIMIT_MS,
): Connector {
  const read = async (sql: string): Promise<Table> => {
    const stop = new AbortController();
    const message = CONSOLE_MESSAGES.timedOut(Math.round(timeLimitMs / 1000));
    const timer = setTimeout(() => stop.abort(new Error(message)), timeLimitMs);
    try {
      return await connector.queryReadOnly(sql, stop.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const refuse = (): Promise<never> => Promise.reject(new Error(CONSOLE_MESSAGES.readOnly));
  return {
    query: read,
    queryInBackground: read,
    queryIPC: async (sql) => tableToIPC(await read(sql), 'stream'),
    loadParquet: refuse,
    loadArrowIPC: refuse,
    exec: refuse,
    close: async () => undefined,
    queryReadOnly: (sql, signal, onSlice) => connector.queryReadOnly(sql, signal, onSlice),
    registerFile: refuse,
    dropFile: refuse,
    queryCancellable: refuse,
  };
}
