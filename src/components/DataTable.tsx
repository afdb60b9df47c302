/**
 * The app's one data table: a DSFR table with a caption, column headers with `scope`, numbers
 * right-aligned with tabular figures. It is the accessible alternative of every chart and of the
 * map (same rows as drawn, suppressed cells written « secret stat. »), and the table of the
 * Données page. Rows are anything (objects, indices into Arrow columns, arrays of cells): each
 * column says how to read its cell.
 */
import { useId, type CSSProperties, type JSX, type ReactNode } from 'react';
import { scrollRegionProps } from './scroll-region';

export interface DataTableColumn<R> {
  readonly header: ReactNode;
  readonly cell: (row: R) => ReactNode;
  /** Right-align, tabular figures. */
  readonly numeric?: boolean;
}

export interface DataTableProps<R> {
  readonly caption: ReactNode;
  readonly rows: readonly R[];
  readonly columns: readonly DataTableColumn<R>[];
  /**
   * `chart` (default): a chart's or the map's alternative, compact, the caption read by screen
   * readers only (the figure's title is above); `page`: a table of its own, caption shown.
   */
  readonly variant?: 'chart' | 'page';
  /** Treat the first column as the row header (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  readonly size?: 'sm' | 'md';
  /** Rows shown before « … et N autres lignes » (the export has them all). */
  readonly limit?: number;
  /** Shown in place of the body when there is no row (else an empty body). */
  readonly empty?: ReactNode;
}

export const SECRET_CELL = 'secret stat.';

const NUMERIC_STYLE: CSSProperties = { fontVariantNumeric: 'tabular-nums' };

export function DataTable<R>({
  caption,
  rows,
  columns,
  variant = 'chart',
  rowHeader = false,
  size = 'sm',
  limit = 500,
  empty,
}: DataTableProps<R>): JSX.Element {
  const captionId = useId();
  const shown = rows.slice(0, limit);
  const classes = ['fr-table'];
  if (size === 'sm') classes.push('fr-table--sm');
  if (variant === 'chart') classes.push('fr-table--no-caption', 'fr-mb-2w');
  classes.push('observatoire-data-table');
  const numeric = (c: DataTableColumn<R>): string | undefined =>
    c.numeric ? 'fr-cell--right' : undefined;
  return (
    <div className={classes.join(' ')}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" {...scrollRegionProps(captionId)}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c, j) => (
                    <th key={j} scope="col" className={numeric(c)}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 && empty !== undefined ? (
                  <tr>
                    <td colSpan={columns.length}>{empty}</td>
                  </tr>
                ) : (
                  shown.map((row, i) => (
                    <tr key={i}>
                      {columns.map((c, j) => {
                        const style = c.numeric ? NUMERIC_STYLE : undefined;
                        return rowHeader && j === 0 ? (
                          <th key={j} scope="row" className={numeric(c)} style={style}>
                            {c.cell(row)}
                          </th>
                        ) : (
                          <td key={j} className={numeric(c)} style={style}>
                            {c.cell(row)}
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
      {rows.length > shown.length && (
        <p className="fr-text--sm">
          … et {rows.length - shown.length} autres lignes (toutes figurent dans l’export CSV).
        </p>
      )}
    </div>
  );
}
