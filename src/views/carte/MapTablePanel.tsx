/** The map's data table (accessible alternative): the same rows the map draws. */
import type { JSX } from 'react';
import type { IndicatorDefinition } from '../../catalogue';
import { DataTable, SECRET_CELL } from '../../charts/DataTable';
import { formatInterval, formatNumber, MISSING_LABEL } from '../../format';
import type { ResultColumns } from '../../map/join';

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
