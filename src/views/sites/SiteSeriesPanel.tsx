/**
 * Site-over-time small multiples of one indicator: one panel per group on the same scale, with
 * France as a dashed reference and the 95 % interval as a band; the data table sits beside it.
 */
import { useId, useMemo, useRef, type JSX } from 'react';
import { FIRST_YEAR, type IndicatorDefinition } from '../../catalogue';
import { siteSeriesPlot } from '../../charts/site-series';
import { useBusySignal } from '../../components/BusyScope';
import { ExportMenu } from '../../export/ExportMenu';
import { fileStem } from '../../export/file-name';
import { formatNumber } from '../../format';
import { useIndicatorSeries, SECRET } from './IndicatorComparison';
import { PlotFigure } from '../../charts/PlotFigure';
import { useWidth } from '../../charts/useWidth';
import { PRINT_WIDTH, type SitesScope } from './scope';
import { scrollRegionProps } from '../../components/scroll-region';

export function SiteSeriesPanel({
  indicator: ind,
  scope,
}: {
  readonly indicator: IndicatorDefinition;
  readonly scope: SitesScope;
}): JSX.Element {
  const captionId = useId();
  const [box, measured] = useWidth(640);
  const width = scope.print ? PRINT_WIDTH : Math.max(320, measured);
  const svg = useRef<(() => SVGSVGElement | null) | null>(null);
  const data = useIndicatorSeries(ind, scope);
  useBusySignal(data.loading);
  const order = useMemo(
    () => scope.groups.map((g) => ({ code: g.id, name: g.name })),
    [scope.groups],
  );
  const options = useMemo(
    () =>
      siteSeriesPlot(data.groups, {
        width,
        decimals: ind.decimals,
        valueLabel: ind.unit,
        order,
        // France's count dwarfs a site's: a reference line only makes sense for rates.
        reference: ind.kind === 'rate' ? data.france : [],
      }),
    [data.groups, data.france, width, ind, order],
  );
  const years = [...new Set(data.groups.map((p) => p.year))].sort((a, b) => a - b);
  const title = `Évolution par site — ${ind.label}, ${FIRST_YEAR}–${scope.year}`;
  return (
    <figure className="observatoire-site-series fr-mb-4w" aria-labelledby={`series-${ind.id}`}>
      <div className="observatoire-site-indicator__head">
        <h3 id={`series-${ind.id}`} className="fr-h5">
          {title}
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
            getSvg={() => svg.current?.() ?? null}
          />
        )}
      </div>
      {data.error && (
        <p className="fr-error-text" role="alert">
          La série n’a pas pu être calculée. Détail : {data.error}
        </p>
      )}
      <div ref={box}>
        <PlotFigure options={options} svgRef={svg} />
      </div>
      <figcaption className="fr-text--xs observatoire-note">
        {ind.unit}. Même échelle pour tous les panneaux
        {ind.kind === 'rate'
          ? ' ; tirets gris : France entière ; bande : intervalle de confiance à 95 %'
          : ''}{' '}
        ; croix rouge : année masquée par le secret statistique.
      </figcaption>
      {!scope.print && (
        <details className="observatoire-data-details">
          <summary>Tableau des données</summary>
          <div className="fr-table fr-table--sm">
            <div className="fr-table__wrapper">
              <div className="fr-table__container" {...scrollRegionProps(captionId)}>
                <div className="fr-table__content">
                  <table>
                    <caption id={captionId}>{title}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Site ou groupe</th>
                        {years.map((y) => (
                          <th key={y} scope="col" className="observatoire-num">
                            {y}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {scope.groups.map((g) => (
                        <tr key={g.id}>
                          <th scope="row">{g.name}</th>
                          {years.map((y) => {
                            const p = data.groups.find((q) => q.code === g.id && q.year === y);
                            return (
                              <td key={y} className="observatoire-num">
                                {!p
                                  ? '—'
                                  : p.suppressed
                                    ? SECRET
                                    : formatNumber(p.value, { decimals: ind.decimals })}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        </details>
      )}
    </figure>
  );
}
