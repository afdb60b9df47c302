/**
 * The comparison table of one indicator: each group's value for the year with its 95 % interval,
 * its trend since the first year (sparkline), and its gaps to France and to the comparable
 * territories. Suppressed cells read « secret statistique ».
 */
import { useId, useMemo, type JSX } from 'react';
import { FIRST_YEAR, type IndicatorDefinition } from '../../catalogue';
import { seriesPoints, sparklinePlot, type SeriesPoint } from '../../charts/site-series';
import { useBusySignal } from '../../components/BusyScope';
import { useQuery } from '../../db';
import { ExportMenu } from '../../export/ExportMenu';
import { fileStem } from '../../export/file-name';
import { formatGap, formatInterval, formatNumber, formatWithUnit } from '../../format';
import { groupSeriesQuery, nationalQuery, nationalSeries } from '../../query';
import {
  COMPARABLE_LABELS,
  COMPARABLE_SHORT,
  comparisonRows,
  type ComparisonRow,
} from './comparison';
import { PlotFigure } from '../../charts/PlotFigure';
import { period, type SitesScope } from './scope';
import { scrollRegionProps } from '../../components/scroll-region';

export const SECRET = 'secret statistique';

function valueText(p: SeriesPoint | null, ind: IndicatorDefinition, loading: boolean): string {
  if (!p) return loading ? 'calcul en cours…' : 'non disponible';
  if (p.overlap) return 'somme impossible : des membres se recouvrent en partie';
  if (p.suppressed)
    return p.hiddenMembers > 0
      ? `${SECRET} (${memberCount(p.hiddenMembers)} secret${p.hiddenMembers > 1 ? 's' : ''})`
      : SECRET;
  if (p.value === null) return 'non disponible';
  const text = formatWithUnit(p.value, ind.unit === '%' ? '%' : '', ind.decimals);
  return p.lowerBound
    ? `au moins ${text} (${memberCount(p.hiddenMembers)} secret${p.hiddenMembers > 1 ? 's' : ''} non compté${p.hiddenMembers > 1 ? 's' : ''})`
    : text;
}

const memberCount = (n: number): string => `${n} membre${n > 1 ? 's' : ''}`;

function gapText(gap: number | null, significant: boolean, ind: IndicatorDefinition): string {
  if (gap === null) return '—';
  return `${formatGap(gap, ind.decimals)}${significant ? ' *' : ''}`;
}

export function useIndicatorSeries(ind: IndicatorDefinition, scope: SitesScope) {
  const years = period(scope);
  // The plans the entry queries share (query/sites-plans.ts): what is prebaked is what is sent.
  const groupSql = useMemo(() => groupSeriesQuery(ind, scope), [ind, scope]);
  // France and the comparable territories are two slices of the national figures of every
  // territory type and year (one query per indicator and filters, the map's own): a change of
  // year or of comparable type reads them again without a query.
  const g = useQuery(groupSql);
  const n = useQuery(nationalQuery(ind, scope));
  const type = scope.filters.territoryType;
  const france = useMemo(
    () => (n.data ? nationalSeries(n.data, type, years.to) : null),
    [n.data, type, years.to],
  );
  const comparable = useMemo(
    () => (n.data ? nationalSeries(n.data, scope.comparable, years.to) : null),
    [n.data, scope.comparable, years.to],
  );
  const groupPoints = useMemo(() => (g.data ? seriesPoints(g.data) : []), [g.data]);
  const francePoints = useMemo(() => (france ? seriesPoints(france) : []), [france]);
  const comparablePoints = useMemo(
    () => (comparable ? seriesPoints(comparable) : []),
    [comparable],
  );
  return {
    groupSql,
    groups: groupPoints,
    france: francePoints,
    comparable: comparablePoints,
    tables: { groups: g.data, france },
    loading: g.loading || n.loading,
    error: g.error ?? n.error,
  };
}

export function IndicatorComparison({
  indicator: ind,
  scope,
}: {
  readonly indicator: IndicatorDefinition;
  readonly scope: SitesScope;
}): JSX.Element {
  const captionId = useId();
  const data = useIndicatorSeries(ind, scope);
  useBusySignal(data.loading);
  // Rows (and so the sparklines drawn from them) change only with their inputs, not with every
  // render of the view (an indicator change in « Évolution par site » re-renders every table).
  const rows = useMemo(
    () =>
      comparisonRows(scope.groups, data.groups, data.france, data.comparable, scope.year, {
        france: 'France entière',
        comparable: COMPARABLE_LABELS[scope.comparable],
      }),
    [scope.groups, data.groups, data.france, data.comparable, scope.year, scope.comparable],
  );
  const isRate = ind.kind === 'rate';
  const title = `${ind.label} — ${scope.year}`;
  const unit = ind.unit === '%' ? 'en %' : ind.unit;
  return (
    <section className="observatoire-site-indicator" aria-labelledby={`cmp-${ind.id}`}>
      <div className="observatoire-site-indicator__head">
        <h3 id={`cmp-${ind.id}`} className="fr-h5">
          {scope.print ? `Comparaison des sites, ${scope.year}` : ind.label}
        </h3>
        {!scope.print && (
          <ExportMenu
            title={title}
            subtitle={`Sites comparés · ${scope.filtersText}`}
            sql={data.groupSql}
            fileStem={fileStem({
              indicator: ind.id,
              level: 'sites',
              period: `${FIRST_YEAR}-${scope.year}`,
            })}
          />
        )}
      </div>
      {data.error && (
        <p className="fr-error-text" role="alert">
          Les chiffres de cet indicateur n’ont pas pu être calculés. Détail : {data.error}
        </p>
      )}
      <div className="fr-table fr-table--sm observatoire-site-table">
        <div className="fr-table__wrapper">
          <div className="fr-table__container" {...scrollRegionProps(captionId)}>
            <div className="fr-table__content">
              <table>
                <caption id={captionId}>
                  {title} ({unit}). {scope.filtersText}.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Territoire</th>
                    <th scope="col" className="observatoire-num">
                      Valeur {scope.year}
                    </th>
                    {isRate && (
                      <th scope="col" className="observatoire-num">
                        IC à 95 %
                      </th>
                    )}
                    <th scope="col">
                      Évolution {FIRST_YEAR}–{scope.year}
                    </th>
                    {isRate && (
                      <>
                        <th scope="col" className="observatoire-num">
                          Écart à la France
                        </th>
                        <th scope="col" className="observatoire-num">
                          Écart {COMPARABLE_SHORT[scope.comparable]}
                        </th>
                      </>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <ComparisonTableRow
                      key={r.id}
                      row={r}
                      ind={ind}
                      isRate={isRate}
                      loading={data.loading}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {isRate && (
        <p className="fr-text--xs observatoire-note">
          Écarts en {unit === 'en %' ? 'points de pourcentage' : unit}. * : l’intervalle de
          confiance à 95 % du territoire exclut la valeur de référence (
          {ind.interval === 'wilson'
            ? 'intervalle de Wilson'
            : 'intervalle de Poisson exact, approximation de Byar'}
          ). Référence comparable : {COMPARABLE_LABELS[scope.comparable]}, mêmes filtres.
        </p>
      )}
    </section>
  );
}

function ComparisonTableRow({
  row,
  ind,
  isRate,
  loading,
}: {
  readonly loading: boolean;
  readonly row: ComparisonRow;
  readonly ind: IndicatorDefinition;
  readonly isRate: boolean;
}): JSX.Element {
  const spark = useMemo(
    () =>
      row.trend.some((p) => p.value !== null)
        ? sparklinePlot(row.trend, { width: 110, height: 26 })
        : null,
    [row.trend],
  );
  const first = row.trend.find((p) => p.value !== null);
  const last = [...row.trend].reverse().find((p) => p.value !== null);
  const trendText =
    first && last && first !== last
      ? `de ${formatNumber(first.value, { decimals: ind.decimals })} (${first.year}) à ${formatNumber(last.value, { decimals: ind.decimals })} (${last.year})`
      : 'série trop courte';
  const cur = row.current;
  const secret = cur !== null && cur.suppressed;
  return (
    <tr
      className={row.kind === 'reference' ? 'observatoire-row-reference' : undefined}
      data-group={row.id}
    >
      <th scope="row">{row.name}</th>
      <td className={secret ? 'observatoire-num observatoire-secret' : 'observatoire-num'}>
        {valueText(cur, ind, loading)}
      </td>
      {isRate && (
        <td className="observatoire-num">
          {secret ? '—' : formatInterval(cur?.low, cur?.high, ind.decimals)}
        </td>
      )}
      <td>
        <span className="observatoire-sparkline">
          <PlotFigure options={spark} decorative className="observatoire-sparkline__plot" />
          <span className="fr-sr-only">{trendText}</span>
        </span>
      </td>
      {isRate && (
        <>
          <td className="observatoire-num">{gapText(row.gapFrance, row.significantFrance, ind)}</td>
          <td className="observatoire-num">
            {gapText(row.gapComparable, row.significantComparable, ind)}
          </td>
        </>
      )}
    </tr>
  );
}
