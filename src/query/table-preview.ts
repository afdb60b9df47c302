/**
 * The Données view's two questions about a table: its first rows and its row count as the engine
 * sees them. Table names come from the manifest, so they are quoted as identifiers.
 */
import { sqlIdentifier, sqlInteger } from './sql';

/** First `limit` rows of a table, as loaded (no ordering: the load order). */
export function previewTable(name: string, limit = 5): string {
  return `SELECT * FROM ${sqlIdentifier(name)} LIMIT ${sqlInteger(limit)}`;
}

/** Row count of a table, as a DOUBLE column `rows` (no BigInt on the way to the UI). */
export function tableRowCount(name: string): string {
  return `SELECT count(*)::DOUBLE AS "rows" FROM ${sqlIdentifier(name)}`;
}
