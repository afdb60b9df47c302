/**
 * An accessible DSFR table: a caption, column headers with `scope`, numbers right-aligned with
 * tabular figures. Views use it as the data table "one click away" from every chart.
 */
import { useId, type JSX, type ReactNode } from 'react';
import { scrollRegionProps } from './scroll-region';

export interface DataTableColumn {
  readonly key: string;
  readonly label: ReactNode;
  readonly numeric?: boolean;
}

export interface DataTableProps {
  readonly caption: ReactNode;
  readonly columns: readonly DataTableColumn[];
  /** Cell texts, one array per row, in column order. */
  readonly rows: readonly (readonly ReactNode[])[];
  /** Treat the first column as the row header (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  readonly size?: 'sm' | 'md';
  readonly className?: string;
  /** Shown in place of the body when there is no row. */
  readonly empty?: ReactNode;
}

const NUMERIC_STYLE = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function DataTable({
  caption,
  columns,
  rows,
  rowHeader = false,
  size = 'sm',
  className,
  empty = 'Aucune ligne.',
}: DataTableProps): JSX.Element {
  const captionId = useId();
  return (
    <div className={['fr-table', size === 'sm' ? 'fr-table--sm' : '', className ?? ''].join(' ')}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" {...scrollRegionProps(captionId)}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" style={c.numeric ? NUMERIC_STYLE : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={columns.length}>{empty}</td>
                  </tr>
                ) : (
                  rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((cell, j) => {
                        const style = columns[j]?.numeric ? NUMERIC_STYLE : undefined;
                        return rowHeader && j === 0 ? (
                          <th key={j} scope="row" style={style}>
                            {cell}
                          </th>
                        ) : (
                          <td key={j} style={style}>
                            {cell}
                          </td>
                        );
                      })}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
