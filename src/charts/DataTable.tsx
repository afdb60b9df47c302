/**
 * The accessible alternative of a chart or the map: a DSFR table with the same rows the chart
 * draws, suppressed cells written « secret stat. ».
 */
import { useId, type JSX, type ReactNode } from 'react';
import { scrollRegionProps } from '../components/scroll-region';

export interface DataTableColumn<R> {
  readonly header: string;
  readonly cell: (row: R) => ReactNode;
  /** Right-align numbers. */
  readonly numeric?: boolean;
}

export interface DataTableProps<R> {
  readonly caption: string;
  readonly rows: readonly R[];
  readonly columns: readonly DataTableColumn<R>[];
  /** Rows shown before « … et N autres lignes » (the export has them all). */
  readonly limit?: number;
}

export const SECRET_CELL = 'secret stat.';

export function DataTable<R>({
  caption,
  rows,
  columns,
  limit = 500,
}: DataTableProps<R>): JSX.Element {
  const captionId = useId();
  const shown = rows.slice(0, limit);
  return (
    <div className="fr-table fr-table--sm fr-table--no-caption fr-mb-2w observatoire-data-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container" {...scrollRegionProps(captionId)}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.header}
                      scope="col"
                      className={c.numeric ? 'fr-cell--right' : undefined}
                    >
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((row, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c.header} className={c.numeric ? 'fr-cell--right' : undefined}>
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
      {rows.length > shown.length && (
        <p className="fr-text--sm">
          … et {rows.length - shown.length} autres lignes (toutes figurent dans l’export CSV).
        </p>
      )}
    </div>
  );
}
