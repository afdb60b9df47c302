/**
 * Séries: several territories over time (URL `comparer`), one chart or small multiples, absolute
 * or base 100, dated events, 95 % bands where the indicator has intervals, suppressed years as
 * gaps. The chart's data table is one click away; the view owns no SQL text.
 */
import './carte/carte.css';
import { useCallback, useMemo, type JSX } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { indicatorOrDefault, FIRST_YEAR, LAST_YEAR } from '../catalogue';
import { ChartFigure } from '../charts/ChartFigure';
import { SERIES_EVENTS } from '../charts/events';
import { deriveSeries, seriesChart } from '../charts/series-chart';
import { BusyScope, useBusySignal } from '../components/BusyScope';
import { useManifest, useQuery, useEngineBusy } from '../db';
import { territoryLabel } from '../format';
import { indicatorSeries, territoryLookup } from '../query';
import type { AppState, TerritoryRef } from '../state/app-state';
import { URL_LIMITS } from '../state/url';
import { useAppState, type UpdateState } from '../state/useAppState';
import { filtersOf } from '../state/filters';
import { FilterControls, filtersInWords } from './carte/FilterControls';
import { activeFilterCodes } from '../state/active-filters';
import { fileStem } from '../export/file-name';
import { IndicatorSelect } from './carte/IndicatorSelect';
import { FRANCE } from './carte/profile-refs';
import { SeriesTable } from './series/SeriesTable';
import { TerritorySearch } from '../components/TerritorySearch';

const refKey = (r: TerritoryRef): string => `${r.level}:${r.code}`;

function SeriesContent({
  state,
  update,
}: {
  readonly state: AppState;
  readonly update: UpdateState;
}): JSX.Element {
  const manifest = useManifest();
  const indicator = indicatorOrDefault(state.indicator);
  const filters = useMemo(
    () => filtersOf(indicator, state),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [indicator, state.criterion, state.domain, state.channel, state.benefit, state.territoryType],
  );
  const compare = useMemo(
    () => (state.compare.length > 0 ? state.compare : [FRANCE]),
    [state.compare],
  );
  const names = useQuery(territoryLookup(compare));
  const nameOf = useMemo(() => {
    const m = new Map<string, string>();
    const t = names.data;
    for (let i = 0; i < (t?.numRows ?? 0); i++) {
      m.set(
        `${String(t?.getChild('level')?.get(i))}:${String(t?.getChild('code')?.get(i))}`,
        String(t?.getChild('name')?.get(i)),
      );
    }
    return m;
  }, [names.data]);
  const sql = useMemo(
    () => indicatorSeries(indicator, compare, filters),
    [indicator, compare, filters],
  );
  const series = useQuery(sql);
  useBusySignal(series.loading || names.loading);

  const order = useMemo(() => compare.map(refKey), [compare]);
  const table = series.data;
  const build = useCallback(
    (width: number) =>
      table && table.numRows > 0
        ? seriesChart(table, {
            width,
            indicator,
            order,
            base100: state.base100,
            smallMultiples: state.smallMultiples,
            events: SERIES_EVENTS,
          })
        : null,
    [table, indicator, order, state.base100, state.smallMultiples],
  );
  const derived = useMemo(
    () => (table ? deriveSeries(table, { base100: state.base100 }) : null),
    [table, state.base100],
  );
  const notes: string[] = [];
  const hidden = derived?.suppressed.filter(Boolean).length ?? 0;
  if (hidden > 0)
    notes.push(
      `${hidden} valeur(s) masquée(s) par le secret statistique : la courbe est interrompue.`,
    );
  if (state.base100 && derived) {
    const years = [...new Set(derived.baseYear.values())];
    notes.push(`Base 100 : première année disponible de chaque territoire (${years.join(', ')}).`);
  }
  if (indicator.interval && !state.base100) notes.push('Bandes : intervalle de confiance à 95 %.');
  notes.push(
    'Traits verticaux : convention CGET–Défenseur des droits (25 nov. 2015) ; lancement du 39 28 et d’antidiscriminations.fr (12 févr. 2021).',
  );
  const subtitle = `${compare.map((r) => territoryLabel({ ...r, name: nameOf.get(refKey(r)) ?? null })).join(', ')} · ${filtersInWords(indicator, state)}${state.base100 ? ' · base 100' : ''}`;
  const full = state.compare.length >= URL_LIMITS.compare;

  return (
    <div className="observatoire-carte observatoire-series">
      <div className="observatoire-carte__controls">
        <IndicatorSelect value={indicator.id} onChange={(id) => update({ indicator: id })} />
        <TerritorySearch
          label="Ajouter un territoire"
          hint="Nom, code Insee ou postal, EPCI, département, QPV"
          disabled={full}
          onSelect={(ref) => {
            if (!state.compare.some((r) => refKey(r) === refKey(ref)))
              update({ compare: [...state.compare, ref] });
          }}
        />
        {full && <p className="fr-hint-text">{URL_LIMITS.compare} territoires au plus.</p>}
        <ul className="fr-tags-group fr-mt-1w" aria-label="Territoires comparés">
          {state.compare.map((r) => (
            <li key={refKey(r)}>
              <button
                type="button"
                className="fr-tag fr-tag--sm fr-tag--dismiss"
                aria-label={`Retirer ${territoryLabel({ ...r, name: nameOf.get(refKey(r)) ?? null })}`}
                onClick={() =>
                  update({ compare: state.compare.filter((x) => refKey(x) !== refKey(r)) })
                }
              >
                {territoryLabel({ ...r, name: nameOf.get(refKey(r)) ?? null })}
              </button>
            </li>
          ))}
        </ul>
        <FilterControls indicator={indicator} state={state} onChange={(patch) => update(patch)} />
        <ToggleSwitch
          id="series-base100"
          className="fr-mt-2w"
          label="Base 100 (première année)"
          labelPosition="right"
          showCheckedHint={false}
          checked={state.base100}
          onChange={(checked) => update({ base100: checked })}
        />
        <ToggleSwitch
          id="series-multiples"
          className="fr-mt-1w"
          label="Un graphique par territoire"
          labelPosition="right"
          showCheckedHint={false}
          checked={state.smallMultiples}
          onChange={(checked) => update({ smallMultiples: checked })}
        />
      </div>
      <div className="observatoire-carte__main">
        <h1 className="fr-h4">Séries : {indicator.label}</h1>
        {state.compare.length === 0 && (
          <p className="fr-text--sm">
            Ajoutez des territoires à comparer ; la France est affichée par défaut.
          </p>
        )}
        {series.error && (
          <Alert
            severity="error"
            small
            description={`La série n’a pas pu être calculée : ${series.error}`}
          />
        )}
        <ChartFigure
          title={`${indicator.label}${state.base100 ? ' (base 100)' : ''}`}
          subtitle={subtitle}
          build={build}
          sql={sql}
          fileStem={fileStem({
            indicator: indicator.id,
            level: 'series',
            period: `${FIRST_YEAR}-${LAST_YEAR}`,
            filters: [...activeFilterCodes(state), state.base100 ? 'base100' : null],
          })}
          source={indicator.source}
          vintage={indicator.vintage}
          synthetic={manifest?.synthetic ?? false}
          notes={notes}
          headingLevel="h2"
          empty={table && table.numRows === 0 ? 'Aucune donnée pour ces territoires.' : null}
          table={
            table ? (
              <SeriesTable
                table={table}
                indicator={indicator}
                caption={`${indicator.label} — ${subtitle}`}
              />
            ) : null
          }
        />
      </div>
    </div>
  );
}

export function SeriesView(): JSX.Element {
  const [state, update] = useAppState();
  const engineBusy = useEngineBusy();
  return (
    <BusyScope as="section" busy={engineBusy} className="observatoire-view" data-view-name="series">
      <SeriesContent state={state} update={update} />
    </BusyScope>
  );
}
