/**
 * The funnel plot of one rate indicator for the year: the groups (labelled) and the comparison
 * territories (communes, or EPCI when the indicator is not valid for communes) against 95 % and
 * 99.8 % limits around the national rate, with its data table and exports.
 */
import { useId, useMemo, useRef, type JSX } from 'react';
import {
  LEVEL_LABELS_PLURAL,
  type IndicatorDefinition,
  type TerritoryLevel,
} from '../../catalogue';
import {
  deriveFunnel,
  FUNNEL_CLASS_LABELS,
  funnelPlot,
  type FunnelData,
  type FunnelPoint,
} from '../../charts/funnel';
import { useBusySignal } from '../../components/BusyScope';
import { useQuery } from '../../db';
import { ExportMenu } from '../../export/ExportMenu';
import { fileStem } from '../../export/file-name';
import { formatNumber } from '../../format';
import type { Table } from 'apache-arrow';
import { funnelLevel, funnelQuery } from '../../query';
import { useIndicatorSeries } from './IndicatorComparison';
import { PlotFigure } from '../../charts/PlotFigure';
import { useWidth } from '../../charts/useWidth';
import { PRINT_WIDTH, sizeLabel, type SitesScope } from './scope';
import { scrollRegionProps } from '../../components/scroll-region';
import { DataTable } from '../../components/DataTable';
import { TableDisclosure } from '../../components/TableDisclosure';

function levelPlural(level: TerritoryLevel): string {
  return level === 'epci' ? 'EPCI' : LEVEL_LABELS_PLURAL[level].toLowerCase();
}

/** France's numerator and denominator for `year` from its series (null when hidden). */
function national(
  table: Table | null,
  year: number,
): { numerator: number; denominator: number } | null {
  if (!table) return null;
  for (let i = 0; i < table.numRows; i++) {
    if (Number(table.getChild('year')?.get(i)) !== year) continue;
    const n = table.getChild('numerator')?.get(i) as number | null;
    const d = table.getChild('denominator')?.get(i) as number | null;
    if (n === null || d === null) return null;
    return Number.isFinite(n) && Number.isFinite(d) ? { numerator: n, denominator: d } : null;
  }
  return null;
}

export function FunnelPanel({
  indicator: ind,
  scope,
}: {
  readonly indicator: IndicatorDefinition;
  readonly scope: SitesScope;
}): JSX.Element {
  const [box, measured] = useWidth(640);
  const width = scope.print ? PRINT_WIDTH : Math.max(320, measured);
  const svg = useRef<(() => SVGSVGElement | null) | null>(null);
  const level = funnelLevel(ind, scope.funnelLevel);
  // The groups' and France's series are the comparison table's queries (same SQL, so the cache
  // answers): only the comparison territories cost a query of their own.
  const series = useIndicatorSeries(ind, scope);
  const groupSql = series.groupSql;
  const t = useQuery(funnelQuery(ind, scope));
  const loading = series.loading || t.loading;
  useBusySignal(loading);
  const nat = national(series.tables.france, scope.year);
  const g = series.tables.groups;
  const data: FunnelData | null = useMemo(() => {
    if (!nat || !t.data) return null;
    return deriveFunnel(ind, nat, [
      ...(g ? [{ table: g, role: 'site' as const, year: scope.year }] : []),
      { table: t.data, role: 'comparison' as const },
    ]);
  }, [ind, nat?.numerator, nat?.denominator, g, t.data, scope.year]); // eslint-disable-line react-hooks/exhaustive-deps
  const valueLabel = `${ind.shortLabel}`;
  const options = useMemo(
    () => (data ? funnelPlot(data, { width, sizeLabel: sizeLabel(ind), valueLabel }) : null),
    [data, width, ind, valueLabel],
  );
  const error = series.error ?? t.error;
  const sites = data?.points.filter((p) => p.role === 'site') ?? [];
  const others = data?.points.filter((p) => p.role === 'comparison') ?? [];
  const title = `Diagramme en entonnoir — ${ind.label}, ${scope.year}`;
  return (
    <figure
      className="observatoire-funnel fr-mb-4w"
      aria-labelledby={`funnel-${ind.id}`}
      data-indicator={ind.id}
    >
      <div className="observatoire-site-indicator__head">
        <h3 id={`funnel-${ind.id}`} className="fr-h5">
          {title}
        </h3>
        {!scope.print && (
          <ExportMenu
            title={title}
            subtitle={`Sites et ${levelPlural(level)} · ${scope.filtersText}`}
            sql={groupSql}
            fileStem={fileStem({ indicator: ind.id, level: 'entonnoir', period: scope.year })}
            getSvg={() => svg.current?.() ?? null}
          />
        )}
      </div>
      {error && (
        <p className="fr-error-text" role="alert">
          Le diagramme n’a pas pu être calculé. Détail : {error}
        </p>
      )}
      {!loading && !error && !data && (
        <p>
          Taux national non disponible pour ces filtres (secret statistique ou absence de données).
        </p>
      )}
      <div ref={box}>
        <PlotFigure options={options} svgRef={svg} />
      </div>
      <figcaption className="fr-text--xs observatoire-note">
        Taux national : {data ? formatNumber(data.target, { decimals: ind.decimals }) : '—'} (
        {ind.unit}). Limites à 95 % (tirets) et 99,8 % (trait plein) autour du taux national, modèle{' '}
        {data?.model === 'binomial' ? 'binomial' : 'de Poisson'} exact (Spiegelhalter, 2005). Un
        point est classé par son test exact ; les courbes sont lissées. Points gris :{' '}
        {levelPlural(level)} ({others.length})
        {data && data.hidden > 0
          ? `; ${data.hidden} territoire(s) ou site(s) masqué(s) par le secret statistique, non tracé(s)`
          : ''}
        .
      </figcaption>
      <FunnelTable
        points={sites}
        missing={scope.groups.filter((gr) => !sites.some((p) => p.code === gr.id))}
        decimals={ind.decimals}
        caption={`Position des sites — ${ind.shortLabel}, ${scope.year}`}
      />
      {!scope.print && others.length > 0 && (
        <GreyTable
          points={others}
          decimals={ind.decimals}
          label={levelPlural(level)}
          caption={`Territoires de comparaison (points gris) — ${ind.shortLabel}, ${scope.year}`}
        />
      )}
    </figure>
  );
}

/** « Au-dessus du taux national, au-delà de la limite à 95 % ». */
function positionText(p: FunnelPoint): string {
  const side = p.side === 'above' ? 'Au-dessus' : p.side === 'below' ? 'En dessous' : 'Au niveau';
  return `${side} du taux national, ${FUNNEL_CLASS_LABELS[p.class]}`;
}

/**
 * The grey points one by one, for keyboard and screen-reader users (the chart draws them as one
 * shape, named on hover by its tip): written only when asked.
 */
function GreyTable({
  points,
  decimals,
  label,
  caption,
}: {
  readonly points: readonly FunnelPoint[];
  readonly decimals: number;
  readonly label: string;
  readonly caption: string;
}): JSX.Element {
  return (
    <TableDisclosure
      show={`Afficher les ${label} placés en gris`}
      hide={`Masquer les ${label} placés en gris`}
    >
      <DataTable
        caption={caption}
        rows={points}
        rowHeader
        columns={[
          { header: 'Territoire', cell: (p) => p.name },
          {
            header: 'Valeur',
            numeric: true,
            cell: (p) => formatNumber(p.value, { decimals }),
          },
          { header: 'Effectif', numeric: true, cell: (p) => formatNumber(p.size) },
          {
            header: 'Position',
            cell: positionText,
          },
        ]}
      />
    </TableDisclosure>
  );
}

function FunnelTable({
  points,
  missing,
  decimals,
  caption,
}: {
  readonly points: readonly FunnelPoint[];
  /** Groups not drawn: figures hidden by confidentiality or absent. */
  readonly missing: readonly { readonly id: string; readonly name: string }[];
  readonly decimals: number;
  readonly caption: string;
}): JSX.Element {
  const captionId = useId();
  return (
    <div className="fr-table fr-table--sm observatoire-funnel-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container" {...scrollRegionProps(captionId)}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Site ou groupe</th>
                  <th scope="col" className="observatoire-num">
                    Valeur
                  </th>
                  <th scope="col" className="observatoire-num">
                    Effectif
                  </th>
                  <th scope="col">Position</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.code} data-funnel-class={p.class} data-group={p.code}>
                    <th scope="row">{p.name}</th>
                    <td className="observatoire-num">{formatNumber(p.value, { decimals })}</td>
                    <td className="observatoire-num">{formatNumber(p.size, { decimals: 0 })}</td>
                    <td>{positionText(p)}</td>
                  </tr>
                ))}
                {missing.map((g) => (
                  <tr key={g.id} data-group={g.id}>
                    <th scope="row">{g.name}</th>
                    <td className="observatoire-num observatoire-secret">secret statistique</td>
                    <td className="observatoire-num">—</td>
                    <td>Non tracé : chiffres masqués ou indisponibles</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
