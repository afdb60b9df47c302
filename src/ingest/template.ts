/**
 * Empty CSV templates of the loadable tables (French dialect, UTF-8 with BOM), so a researcher
 * starts from the contract's exact column names, plus one line describing each column.
 */
import { TABLES, type ColumnSpec } from '../catalogue';
import type { LoadableTable } from './detect';

function describeColumn(c: ColumnSpec): string {
  const parts = [c.description, c.type, c.nullable ? 'facultatif' : 'obligatoire'];
  if (c.unit) parts.push(c.unit);
  return parts.join(', ');
}

/** The header line alone (what the loader needs). */
export function templateCsv(table: LoadableTable): string {
  return `\uFEFF${TABLES[table].columns.map((c) => c.name).join(';')}\r\n`;
}

/** A text note listing each column of the template: name, meaning, type, whether required. */
export function templateNotice(table: LoadableTable): string {
  const spec = TABLES[table];
  return [
    `${spec.label} (${spec.name}) — ${spec.grain}`,
    `Clé (unique) : ${spec.key.join(', ')}`,
    '',
    ...spec.columns.map((c) => `${c.name} : ${describeColumn(c)}`),
  ].join('\r\n');
}
