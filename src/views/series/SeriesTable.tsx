/**
 * Data table of a series chart: one row per territory and year, « secret stat. » where hidden,
 * and, for a QPV followed across the change of list, the codes each year was read from.
 */
import type { Table } from 'apache-arrow';
import type { JSX } from 'react';
import type { IndicatorDefinition } from '../../catalogue';
import { DataTable, SECRET_CELL } from '../../components/DataTable';
import { strings } from '../../arrow/columns';
import { deriveSeries } from '../../charts/series-chart';
import { formatInterval, formatNumber } from '../../format';

export function SeriesTable({
  table,
  indicator,
  caption,
}: {
  readonly table: Table;
  readonly indicator: IndicatorDefinition;
  readonly caption: string;
}): JSX.Element {
  const d = deriveSeries(table, {});
  const rows = d.keys.map((_, i) => i);
  const hasInterval = indicator.interval !== null;
  const sources = table.getChild('source_codes') ? strings(table, 'source_codes') : [];
  const links = table.getChild('link') ? strings(table, 'link') : [];
  const crossesLists = d.own.some((o) => !o);
  const sourceText = (i: number): string => {
    const link = links[i];
    if (!link || link === 'meme_code') return 'code du territoire';
    const codes = (sources[i] ?? '').split(';').join(', ');
    return link === 'inchange'
      ? `${codes} (liste précédente, quartier inchangé)`
      : `${codes} (correspondance entre listes : autre périmètre)`;
  };
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        { header: 'Territoire', cell: (i) => d.labels[i] ?? '' },
        { header: 'Année', cell: (i) => String(d.years[i]) },
        {
          header: `Valeur (${indicator.unit})`,
          numeric: true,
          cell: (i) =>
            d.suppressed[i] ? SECRET_CELL : formatNumber(d.y[i], { decimals: indicator.decimals }),
        },
        ...(hasInterval
          ? [
              {
                header: 'Intervalle à 95 %',
                numeric: true,
                cell: (i: number) =>
                  d.suppressed[i]
                    ? SECRET_CELL
                    : formatInterval(d.low[i], d.high[i], indicator.decimals),
              },
            ]
          : []),
        ...(crossesLists ? [{ header: 'Lu sur', cell: (i: number) => sourceText(i) }] : []),
      ]}
    />
  );
}
