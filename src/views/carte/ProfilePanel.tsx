/**
 * The selected territory's profile: the indicator over time against its parent and France, the
 * QPV vs the rest of its commune, and the breakdown by criterion or benefit for the map's year.
 */
import { useCallback, useMemo, type JSX } from 'react';
import type { Table } from 'apache-arrow';
import { BENEFIT_LABELS, CRITERION_LABELS, type IndicatorDefinition } from '../../catalogue';
import { deriveBreakdown, breakdownChart } from '../../charts/breakdown-chart';
import { ChartFigure } from '../../charts/ChartFigure';
import { DataTable, SECRET_CELL } from '../../components/DataTable';
import { SERIES_EVENTS } from '../../charts/events';
import { deriveSeries, seriesChart } from '../../charts/series-chart';
import { useBusySignal } from '../../components/BusyScope';
import { useQuery } from '../../db';
import { formatNumber, territoryLabel } from '../../format';
import {
  HORS_QPV_KEY,
  breakdownAvailable,
  indicatorBreakdown,
  indicatorSeries,
  territoryLookup,
  type Filters,
} from '../../query';
import type { TerritoryRef } from '../../state/app-state';
import { FRANCE, profileRefs } from './profile-refs';
import { SeriesTable } from '../series/SeriesTable';
import { TerritoryFacts } from './TerritoryFacts';

export interface ProfilePanelProps {
  readonly indicator: IndicatorDefinition;
  readonly territory: TerritoryRef;
  readonly year: number;
  readonly filters: Filters;
  readonly subtitle: string;
  readonly synthetic: boolean;
  readonly onClose: () => void;
  readonly onCompare: (refs: readonly TerritoryRef[]) => void;
}

/** `key` → `key_name` of a breakdown result. */
function keyNames(table: Table | null): Map<string, string> {
  const out = new Map<string, string>();
  const keys = table?.getChild('key');
  const names = table?.getChild('key_name');
  for (let i = 0; i < (table?.numRows ?? 0); i++) {
    const k: unknown = keys?.get(i);
    const n: unknown = names?.get(i);
    if (k != null && n != null) out.set(String(k), String(n));
  }
  return out;
}

const slug = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

function BreakdownTable({
  table,
  indicator,
  labelOf,
  caption,
}: {
  readonly table: Table;
  readonly indicator: IndicatorDefinition;
  readonly labelOf: (k: string | null) => string;
  readonly caption: string;
}): JSX.Element {
  const rows = deriveBreakdown(table, labelOf);
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        { header: 'Modalité', cell: (r) => r.label },
        {
          header: `Valeur (${indicator.unit})`,
          numeric: true,
          cell: (r) =>
            r.suppressed ? SECRET_CELL : formatNumber(r.value, { decimals: indicator.decimals }),
        },
      ]}
    />
  );
}

export function ProfilePanel(props: ProfilePanelProps): JSX.Element {
  const { indicator, territory, year, filters } = props;
  const parents = useQuery(territoryLookup([territory]));
  const refs = useMemo(() => profileRefs(territory, parents.data), [territory, parents.data]);
  const label = territoryLabel({ ...territory, name: refs.name });
  const members = useMemo(
    () => [
      territory,
      ...(refs.parent ? [refs.parent] : []),
      ...(territory.level === 'france' ? [] : [FRANCE]),
    ],
    [territory, refs.parent],
  );
  const seriesSql = parents.loading ? null : indicatorSeries(indicator, members, filters);
  const series = useQuery(seriesSql);
  const parentName = useMemo(() => {
    if (!refs.parent || !series.data) return null;
    const codes = series.data.getChild('code');
    const levels = series.data.getChild('level');
    const names = series.data.getChild('name');
    for (let i = 0; i < series.data.numRows; i++) {
      if (codes?.get(i) === refs.parent.code && levels?.get(i) === refs.parent.level)
        return String(names?.get(i) ?? '') || null;
    }
    return null;
  }, [refs.parent, series.data]);
  const dim = indicator.filters.includes('criterion')
    ? 'criterion'
    : indicator.filters.includes('benefit')
      ? 'benefit'
      : null;
  const breakdownOk = dim !== null && breakdownAvailable(indicator, territory.level, dim);
  const breakdownSql =
    dim && breakdownOk ? indicatorBreakdown(indicator, territory, year, filters, dim) : null;
  const breakdown = useQuery(breakdownSql);
  const qpvSql = refs.commune
    ? indicatorBreakdown(
        indicator,
        refs.commune,
        year,
        { ...filters, territoryType: 'tous' },
        'qpv',
      )
    : null;
  const qpv = useQuery(indicator.levels.includes('qpv') ? qpvSql : null);
  useBusySignal(parents.loading || series.loading || breakdown.loading || qpv.loading);

  const order = useMemo(() => members.map((m) => `${m.level}:${m.code}`), [members]);
  const seriesTable = series.data;
  const buildSeries = useCallback(
    (width: number) =>
      seriesTable && seriesTable.numRows > 0
        ? seriesChart(seriesTable, { width, indicator, order, events: SERIES_EVENTS, height: 260 })
        : null,
    [seriesTable, indicator, order],
  );
  const dimLabels: Readonly<Record<string, string>> =
    dim === 'criterion' ? CRITERION_LABELS : BENEFIT_LABELS;
  const labelDim = useCallback(
    (k: string | null) => (k === null ? 'Non renseigné' : (dimLabels[k] ?? k)),
    [dimLabels],
  );
  const breakdownTable = breakdown.data;
  const buildBreakdown = useCallback(
    (width: number) =>
      breakdownTable && breakdownTable.numRows > 0
        ? breakdownChart(breakdownTable, { width, indicator, labelOf: labelDim })
        : null,
    [breakdownTable, indicator, labelDim],
  );
  const qpvTable = qpv.data;
  const qpvNames = useMemo(() => keyNames(qpv.data), [qpv.data]);
  const labelQpv = useCallback(
    (k: string | null) =>
      k === null || k === HORS_QPV_KEY
        ? 'Reste de la commune (hors QPV)'
        : territoryLabel({ level: 'qpv', code: k, name: qpvNames.get(k) ?? null }),
    [qpvNames],
  );
  const buildQpv = useCallback(
    (width: number) =>
      qpvTable && qpvTable.numRows > 0
        ? breakdownChart(qpvTable, {
            width,
            indicator,
            labelOf: labelQpv,
            highlight: territory.level === 'qpv' ? territory.code : undefined,
          })
        : null,
    [qpvTable, indicator, labelQpv, territory],
  );
  const suppressedYears = seriesTable
    ? deriveSeries(seriesTable, {}).suppressed.filter(Boolean).length
    : 0;
  const common = {
    source: indicator.source,
    vintage: indicator.vintage,
    synthetic: props.synthetic,
    headingLevel: 'h3' as const,
  };

  return (
    <aside className="observatoire-profile" aria-labelledby="profil-titre" data-testid="profile">
      <div className="observatoire-profile__head">
        <h2 id="profil-titre" className="fr-h5 fr-mb-1w">
          {label}
        </h2>
        <button
          type="button"
          className="fr-btn--close fr-btn"
          title="Fermer le profil"
          aria-label="Fermer le profil"
          onClick={props.onClose}
        >
          Fermer
        </button>
      </div>
      <p className="fr-text--sm">
        {indicator.label} · {props.subtitle}
      </p>
      <TerritoryFacts territory={territory} lookup={parents.data} />
      <button
        type="button"
        className="fr-btn fr-btn--sm fr-btn--secondary fr-mb-2w"
        onClick={() => props.onCompare(members)}
      >
        Comparer dans les séries
      </button>
      {series.error && <p className="fr-error-text">{series.error}</p>}
      <ChartFigure
        {...common}
        title={`Évolution : ${label}${refs.parent ? `, ${territoryLabel({ ...refs.parent, name: parentName })}` : ''} et France`}
        subtitle={props.subtitle}
        build={buildSeries}
        sql={seriesSql}
        fileStem={`${indicator.id}-profil-${slug(territory.code)}`}
        empty={
          seriesTable && seriesTable.numRows === 0 ? 'Aucune donnée pour ce territoire.' : null
        }
        notes={
          suppressedYears > 0
            ? [
                `Les années masquées par le secret statistique apparaissent comme des interruptions de la courbe (${suppressedYears}).`,
              ]
            : []
        }
        table={
          seriesTable ? (
            <SeriesTable
              table={seriesTable}
              indicator={indicator}
              caption={`Évolution — ${label}`}
            />
          ) : null
        }
      />
      {qpvSql && indicator.levels.includes('qpv') && (
        <ChartFigure
          {...common}
          title={`QPV et reste de la commune, ${year}`}
          subtitle={props.subtitle}
          build={buildQpv}
          sql={qpvSql}
          fileStem={`${indicator.id}-qpv-${slug(refs.commune?.code ?? '')}-${year}`}
          empty={qpvTable && qpvTable.numRows === 0 ? 'Pas de QPV dans cette commune.' : null}
          table={
            qpvTable ? (
              <BreakdownTable
                table={qpvTable}
                indicator={indicator}
                labelOf={labelQpv}
                caption="QPV et reste de la commune"
              />
            ) : null
          }
        />
      )}
      {dim === 'criterion' && !breakdownOk && (
        <p className="fr-text--sm observatoire-note" data-testid="breakdown-unpublished">
          La répartition par critère n’est publiée qu’à partir du département : plus bas, presque
          toutes ses cellules seraient couvertes par le secret statistique.
        </p>
      )}
      {dim && breakdownSql && (
        <ChartFigure
          {...common}
          title={`Répartition par ${dim === 'criterion' ? 'critère' : 'prestation'}, ${year}`}
          subtitle={props.subtitle}
          build={buildBreakdown}
          sql={breakdownSql}
          fileStem={`${indicator.id}-${dim}-${slug(territory.code)}-${year}`}
          empty={breakdownTable && breakdownTable.numRows === 0 ? 'Aucune donnée.' : null}
          table={
            breakdownTable ? (
              <BreakdownTable
                table={breakdownTable}
                indicator={indicator}
                labelOf={labelDim}
                caption={`Répartition — ${label}`}
              />
            ) : null
          }
        />
      )}
    </aside>
  );
}
