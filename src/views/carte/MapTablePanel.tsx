/** The map's data table (accessible alternative): the same rows the map draws. */
import type { JSX } from 'react';
import type { IndicatorDefinition } from '../../catalogue';
import { DataTable, SECRET_CELL } from '../../components/DataTable';
import { formatInterval, formatNumber, MISSING_LABEL } from '../../format';
import type { ResultColumns } from '../../map/join';
import { twoMapRows, type TwoMapRow } from './two-maps';

/** A value of a result row as the table writes it (secret, missing or the number). */
function valueCell(cols: ResultColumns, i: number, decimals: number): string {
  if (i < 0) return MISSING_LABEL;
  if (cols.suppressed[i] === 1) return SECRET_CELL;
  const v = cols.values[i] ?? NaN;
  return Number.isNaN(v) ? MISSING_LABEL : formatNumber(v, { decimals });
}

export interface TableSide {
  readonly cols: ResultColumns;
  readonly names: readonly string[];
  readonly indicator: IndicatorDefinition;
  /** What tells this map from the other (« 2019 », an indicator's short label…). */
  readonly label: string;
}

/**
 * The data table of two maps side by side: both values and, when both are in one unit, the
 * difference (second minus first). A secret value gives a secret difference, never a number.
 */
export function TwoMapTablePanel(props: {
  readonly first: TableSide;
  readonly second: TableSide;
  readonly caption: string;
  readonly onSelect: (code: string) => void;
}): JSX.Element {
  const { first, second } = props;
  const rows = twoMapRows(first.cols, second.cols);
  const sameUnit = first.indicator.unit === second.indicator.unit;
  const d = Math.max(first.indicator.decimals, second.indicator.decimals);
  return (
    <DataTable
      caption={props.caption}
      rows={rows}
      columns={[
        { header: 'Code', cell: (r: TwoMapRow) => r.code },
        {
          header: 'Territoire',
          cell: (r: TwoMapRow) => (
            <button
              type="button"
              className="fr-link"
              title="Ouvrir le profil de ce territoire"
              onClick={() => props.onSelect(r.code)}
            >
              {(r.first >= 0 ? first.names[r.first] : second.names[r.second]) ?? r.code}
            </button>
          ),
        },
        {
          header: `${first.label} (${first.indicator.unit})`,
          numeric: true,
          cell: (r: TwoMapRow) => valueCell(first.cols, r.first, first.indicator.decimals),
        },
        {
          header: `${second.label} (${second.indicator.unit})`,
          numeric: true,
          cell: (r: TwoMapRow) => valueCell(second.cols, r.second, second.indicator.decimals),
        },
        ...(sameUnit
          ? [
              {
                header: `Différence (${second.label} − ${first.label})`,
                numeric: true,
                cell: (r: TwoMapRow) =>
                  r.secret
                    ? SECRET_CELL
                    : formatNumber(r.difference, { decimals: d, signed: true }),
              },
            ]
          : []),
      ]}
    />
  );
}

export function MapTablePanel(props: {
  readonly cols: ResultColumns;
  readonly names: readonly string[];
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly indicator: IndicatorDefinition;
  readonly caption: string;
  /** Opens a territory's profile (the keyboard path to what a click on the map does). */
  readonly onSelect: (code: string) => void;
}): JSX.Element {
  const { cols, indicator } = props;
  const rows = Array.from({ length: cols.length }, (_, i) => i);
  const d = indicator.decimals;
  return (
    <DataTable
      caption={props.caption}
      rows={rows}
      columns={[
        { header: 'Code', cell: (i) => cols.codes[i] ?? '' },
        {
          header: 'Territoire',
          cell: (i) => (
            <button
              type="button"
              className="fr-link"
              title="Ouvrir le profil de ce territoire"
              onClick={() => props.onSelect(cols.codes[i] ?? '')}
            >
              {props.names[i] ?? ''}
            </button>
          ),
        },
        {
          header: `Valeur (${indicator.unit})`,
          numeric: true,
          cell: (i) =>
            cols.suppressed[i] === 1
              ? SECRET_CELL
              : Number.isNaN(cols.values[i] ?? NaN)
                ? MISSING_LABEL
                : formatNumber(cols.values[i], { decimals: d }),
        },
        ...(indicator.interval
          ? [
              {
                header: 'Intervalle à 95 %',
                numeric: true,
                cell: (i: number) =>
                  cols.suppressed[i] === 1
                    ? SECRET_CELL
                    : formatInterval(props.low[i], props.high[i], d),
              },
            ]
          : []),
      ]}
    />
  );
}
