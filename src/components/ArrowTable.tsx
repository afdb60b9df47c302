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
  const columns: DataTableColumn<number>[] = table.schema.fields.map((field, i) => {
    const vector = table.getChildAt(i);
    return {
      header: columnLabel?.(field.name) ?? field.name,
      numeric: isNumericField(field),
      cell: (row) => cellText(vector?.get(row), field),
    };
  });
  const n = Math.min(table.numRows, maxRows);
  const rows = Array.from({ length: n }, (_, i) => i);
  return (
    <>
      <DataTable
        caption={caption}
        columns={columns}
        rows={rows}
        variant="page"
        empty="Aucune ligne."
      />
      {table.numRows > n && (
        <p className="fr-text--sm">
          {formatNumber(n)} premières lignes sur {formatNumber(table.numRows)}.
        </p>
      )}
    </>
  );
}
