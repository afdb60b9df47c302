/**
 * What travels with every export: title, filters, source, vintage, date, the synthetic note, the
 * permalink. Pure text builders — the citation line, the commented SQL, the metadata sheet.
 */
import { SYNTHETIC_NOTE } from '../catalogue';
import type { Provenance } from '../db/provenance';

export const OBSERVATORY_NAME = 'Observatoire ANCT × Défenseur des droits';

export interface ExportMeta {
  /** The indicator in words (chart or map title). */
  readonly title: string;
  /** Filters in words. */
  readonly subtitle: string;
  /** Territorial level in words (« Départements »), when the export has one. */
  readonly level?: string;
  /** The indicator's definition, when the export shows one indicator. */
  readonly definition?: string;
  /** Period in words (« 2024 », « 2015–2024 »). */
  readonly period?: string;
  /** Source of the dataset's tables the export reads (left out when it reads none). */
  readonly source: string;
  readonly vintage?: string;
  /** True when some table the export reads holds synthetic data. */
  readonly synthetic: boolean;
  /** Whether the export reads a table of the dataset (default true). */
  readonly dataset?: boolean;
  /** The user's own files the export reads (each is named as a source). */
  readonly ownFiles?: readonly string[];
  readonly date: Date;
  /** Permalink of the view (the current URL). */
  readonly url: string;
}

/** « 25 novembre 2026 » */
export function frenchDate(date: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Flattens a value to one line so it cannot break out of a comment or a CSV-free header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * The provenance fields of an export from the tables it reads (`provenance`, null when unknown:
 * then the dataset's, synthetic as the manifest says) and the dataset's source for the figure.
 */
export function provenanceMeta(
  provenance: Provenance | null,
  fallbackSynthetic: boolean,
): Pick<ExportMeta, 'synthetic' | 'dataset' | 'ownFiles'> {
  if (!provenance) return { synthetic: fallbackSynthetic, dataset: true, ownFiles: [] };
  return {
    synthetic: provenance.synthetic,
    dataset: provenance.dataset || provenance.ownFiles.length === 0,
    ownFiles: provenance.ownFiles,
  };
}

/** Each source of the export: the dataset's (with the vintage if `vintage`), then own files. */
export function sourceParts(meta: ExportMeta, opts: { vintage?: boolean } = {}): string[] {
  const parts: string[] = [];
  if (meta.dataset !== false) {
    const vintage = opts.vintage && meta.vintage ? ` (${meta.vintage})` : '';
    parts.push(`${meta.source}${vintage}`);
  }
  for (const file of meta.ownFiles ?? []) parts.push(`fichier local : ${file}`);
  return parts;
}

/** The source line: every source the export reads, own files by name. */
export function sourceLine(meta: ExportMeta): string {
  return `Source : ${sourceParts(meta, { vintage: true }).join(' ; ')}`;
}

/**
 * « Observatoire ANCT × Défenseur des droits, <indicateur>, <niveau>, <période>, données de
 * démonstration, consulté le <date>, <permalien> » — parts that are absent are left out.
 */
export function citation(meta: ExportMeta): string {
  const parts = [
    OBSERVATORY_NAME,
    meta.title,
    meta.level,
    meta.period,
    ...(meta.ownFiles ?? []).map((f) => `données du fichier « ${f} »`),
    meta.synthetic ? 'données de démonstration' : undefined,
    `consulté le ${frenchDate(meta.date)}`,
    meta.url,
  ];
  return parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map(oneLine)
    .join(', ');
}

/**
 * The lines every text export starts with (without comment markers). Images already show the
 * title and the filters above the chart: `footer` gives only what goes below it.
 */
export function metaLines(meta: ExportMeta, opts: { footer?: boolean } = {}): string[] {
  if (opts.footer) return metaLines({ ...meta, subtitle: '' }).slice(1);
  const lines = [
    `${OBSERVATORY_NAME} — ${meta.title}`,
    meta.subtitle ? `Filtres : ${meta.subtitle}` : '',
    sourceLine(meta),
    `Exporté le ${frenchDate(meta.date)}`,
    `Permalien : ${meta.url}`,
    meta.synthetic ? SYNTHETIC_NOTE : '',
  ];
  return lines.filter(Boolean).map(oneLine);
}

/** The SQL the screen ran, preceded by a `--` comment header; runs as is in DuckDB. */
export function sqlWithHeader(sql: string, meta: ExportMeta): string {
  const header = metaLines(meta).map((l) => `-- ${l}`);
  header.push(
    '-- Le secret statistique est appliqué dans la requête elle-même (effectifs de 1 à 4 masqués, secret secondaire).',
  );
  return `${header.join('\n')}\n\n${sql.trim()}\n`;
}

/** A plain-text metadata sheet to keep beside a CSV (the CSV itself stays plain). */
export function metadataSheet(
  meta: ExportMeta,
  sql: string | null,
  columns: readonly string[],
): string {
  const lines = [
    ...metaLines(meta),
    '',
    `Citation : ${citation(meta)}`,
    '',
    'Secret statistique : tout effectif compris entre 1 et 4 est masqué, ainsi qu’une cellule supplémentaire par groupe dont le total est affiché. Une cellule masquée est laissée vide dans le CSV et la colonne « suppressed » (ou « secret_statistique ») vaut true.',
    '',
    `Colonnes : ${columns.join(', ')}`,
  ];
  if (sql) lines.push('', 'Requête SQL (DuckDB) :', sql.trim());
  return lines.join('\r\n') + '\r\n';
}
