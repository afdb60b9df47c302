/**
 * An Arrow result as an accessible table (first `maxRows` rows). Reads columns straight from the
 * table; row objects are never built.
 */
import type { JSX, ReactNode } from 'react';
import type { Table } from 'apache-arrow';
import { DataTable, type DataTableColumn } from './DataTable';
import { cellText, isNumericField } from './arrow-cells';
import { formatNumber } from '../format';

export interface ArrowTableProps {
  readonly table: Table;
  readonly caption: ReactNode;
  readonly maxRows?: number;
  /** French header for a column name, when there is one. */
  readonly columnLabel?: (name: string) => ReactNode;
}

export function ArrowTable({
  table,
  caption,
  maxRows = 50,
  columnLabel,
}: ArrowTableProps): JSX.Element {
  const fields = table.schema.fields;
  const columns: DataTableColumn[] = fields.map((f) => ({
    key: f.name,
    label: columnLabel?.(f.name) ?? f.name,
    numeric: isNumericField(f),
  }));
  const n = Math.min(table.numRows, maxRows);
  const vectors = fields.map((f, i) => ({ field: f, vector: table.getChildAt(i) }));
  const rows: string[][] = [];
  for (let r = 0; r < n; r++)
    rows.push(vectors.map(({ field, vector }) => cellText(vector?.get(r), field)));
  return (
    <>
      <DataTable caption={caption} columns={columns} rows={rows} />
      {table.numRows > n && (
        <p className="fr-text--sm">
          {formatNumber(n)} premières lignes sur {formatNumber(table.numRows)}.
        </p>
      )}
    </>
  );
}
