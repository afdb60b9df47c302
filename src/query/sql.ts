/**
 * The one escaping path for values pasted into SQL text. Builders return standalone SQL (it is the
 * cache key, the export's "SQL" button and what runs), so every user value goes through here.
 */

/**
 * Quotes a string as a SQL literal: wraps it in single quotes and doubles inner single quotes
 * (`L'Haÿ` → `'L''Haÿ'`). DuckDB string literals have no backslash escapes, so nothing else can
 * end the literal; NUL is rejected because DuckDB cannot store it in VARCHAR.
 */
export function sqlString(value: string): string {
  if (typeof value !== 'string') throw new TypeError('sqlString: une chaîne est attendue');
  if (value.includes('\u0000')) throw new RangeError('sqlString: caractère NUL refusé');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Writes a finite number as a SQL literal. Integers stay integers; other numbers use the shortest
 * round-tripping form, which DuckDB parses as DOUBLE/DECIMAL. NaN and ±Infinity are refused
 * because they would be pasted as identifiers.
 */
export function sqlNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`sqlNumber: nombre fini attendu, reçu ${String(value)}`);
  }
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  // Exponent forms ('1e+21') are valid DuckDB literals too; keep them but never let a sign glue
  // onto a preceding minus (`- -1`): wrap negatives.
  return value < 0 ? `(${text})` : text;
}

/** An integer literal, refusing fractions (years, months, thresholds). */
export function sqlInteger(value: number): string {
  if (!Number.isInteger(value)) throw new RangeError(`sqlInteger: entier attendu, reçu ${value}`);
  return sqlNumber(value);
}

/** Quotes an identifier (table/column names come from the catalogue, never from users). */
export function sqlIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new RangeError('sqlIdentifier: caractère NUL refusé');
  return `"${name.replaceAll('"', '""')}"`;
}

/** The columns `sql` would return (`column_name`, `column_type`…), without running it. */
export function describeSql(sql: string): string {
  return `DESCRIBE ${sql.trim().replace(/;\s*$/, '')}`;
}
