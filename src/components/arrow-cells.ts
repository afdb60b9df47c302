/**
 * Text of an Arrow cell for a French reader: numbers with fr-FR grouping, booleans as oui/non,
 * dates as « 1er février 2021 », identifiers (codes, years, ids) left as they are.
 */
import { DataType, type Field } from 'apache-arrow';
import { MISSING_LABEL, formatDate, formatNumber } from '../format';

/** Columns whose integers are identifiers, not quantities: never grouped by thousands. */
const RAW_COLUMN = /^(year|month|annee|mois|id|code|seed|siren)$|_(code|id)$/i;

export function isRawColumn(name: string): boolean {
  return RAW_COLUMN.test(name);
}

/** Whether a column holds numbers (right-aligned in tables). */
export function isNumericField(field: Field): boolean {
  return (
    DataType.isInt(field.type) || DataType.isFloat(field.type) || DataType.isDecimal(field.type)
  );
}

/** The text a user reads for one cell of `field`. */
export function cellText(value: unknown, field: Field): string {
  if (value === null || value === undefined) return MISSING_LABEL;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (DataType.isDate(field.type) || DataType.isTimestamp(field.type)) {
    if (typeof value === 'number' || value instanceof Date) return formatDate(value);
    if (typeof value === 'bigint') return formatDate(Number(value));
  }
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || isRawColumn(field.name)) return value.toString();
    return formatNumber(n);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && isRawColumn(field.name)) return String(value);
    return formatNumber(value, { decimals: Number.isInteger(value) ? 0 : 4, trim: true });
  }
  if (typeof value === 'string') return value;
  if (value instanceof Date) return formatDate(value);
  return String(value);
}
