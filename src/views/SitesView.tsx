/**
 * « Sites »: the four experimental sites of the convention and the user's own groups, compared
 * indicator by indicator (values, intervals, trends, gaps to France and to comparable
 * territories), placed on funnel plots, and followed over time. Composes src/views/sites.
 */
import { useMemo, useState, type JSX } from 'react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  FIRST_YEAR,
  findIndicator,
  INDICATORS,
  LAST_YEAR,
  SITE_DEFINITIONS,
  type SiteId,
} from '../catalogue';
import { funnelModel } from '../charts/funnel';
import { BusyScope } from '../components/BusyScope';
import { fitsInUrl, serialiseState } from '../state/url';
import { useAppState } from '../state/useAppState';
import { stateFilters } from '../state/filters';
import { filtersInWords } from './carte/FilterControls';
import { COMPARABLES, COMPARABLE_LABELS, type Comparable } from './sites/comparison';
import { FunnelPanel } from './sites/FunnelPanel';
import { GroupBuilder } from './sites/GroupBuilder';
import { IndicatorComparison } from './sites/IndicatorComparison';
import { GroupList } from './sites/GroupList';
import type { SitesScope } from './sites/scope';
import { SiteSeriesPanel } from './sites/SiteSeriesPanel';
import { useSiteGroups } from './sites/useSiteGroups';
import './sites/sites.css';

const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => LAST_YEAR - i);

export function SitesView(): JSX.Element {
  const [state, update] = useAppState();
  const [comparable, setComparable] = useState<Comparable>('qpv');
  const [funnelLevel, setFunnelLevel] = useState<'epci' | 'commune'>('epci');
  const { groups, loading: groupsLoading, error } = useSiteGroups(state.sites, state.groups);
  const indicator = findIndicator(state.indicator) ?? INDICATORS[0];
  const scope: SitesScope = useMemo(
    () => ({
      groups,
      year: state.year,
      filters: stateFilters(state),
      comparable,
      funnelLevel,
      filtersText: indicator ? filtersInWords(indicator, state) : 'Sans filtre',
      print: false,
    }),
    [groups, state, comparable, funnelLevel, indicator],
  );
  const toggleSite = (id: SiteId, on: boolean): void => {
    const next = SITE_DEFINITIONS.map((d) => d.id).filter((s) =>
      s === id ? on : state.sites.includes(s),
    );
    update({ sites: next });
  };
  return (
    <BusyScope
      className="fr-container fr-my-4w observatoire-sites"
      busy={groupsLoading}
      data-view="sites"
      aria-labelledby="sites-titre"
    >
      <h1 id="sites-titre">Sites expérimentaux</h1>
      <p className="fr-text--lead">
        Les quatre sites expérimentaux de la convention de 2015 entre le CGET (ANCT) et le Défenseur
        des droits, et vos propres groupes de territoires, comparés à la France entière et à des
        territoires comparables.
      </p>
      <div className="observatoire-sites__controls">
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Sites comparés</legend>
          {SITE_DEFINITIONS.map((d) => (
            <div key={d.id} className="fr-fieldset__element">
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input
                  type="checkbox"
                  id={`site-${d.id}`}
                  checked={state.sites.includes(d.id)}
                  onChange={(e) => toggleSite(d.id, e.target.checked)}
                />
                <label className="fr-label" htmlFor={`site-${d.id}`}>
                  {d.name}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <Select
          label="Année de comparaison"
          nativeSelectProps={{
            id: 'sites-annee',
            value: state.year,
            onChange: (e) => update({ year: Number(e.target.value) }),
          }}
        >
          {YEARS.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
        <Select
          label="Territoires comparables"
          nativeSelectProps={{
            id: 'sites-comparables',
            value: comparable,
            onChange: (e) => setComparable(e.target.value as Comparable),
          }}
        >
          {COMPARABLES.map((c) => (
            <option key={c} value={c}>
              {COMPARABLE_LABELS[c]}
            </option>
          ))}
        </Select>
      </div>
      {error && (
        <p className="fr-error-text" role="alert">
          La composition des sites n’a pas pu être lue. Détail : {error}
        </p>
      )}
      <GroupList
        groups={groups}
        onRemove={(i) => update({ groups: state.groups.filter((_, j) => j !== i) })}
      />
      <GroupBuilder
        groups={state.groups}
        onChange={(groups) => {
          const fits = fitsInUrl(serialiseState({ ...state, groups }));
          if (fits) update({ groups });
          return fits;
        }}
      />
      <p className="fr-mt-2w">
        <button
          type="button"
          className="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left"
          onClick={() => update({ view: 'rapport' })}
        >
          Préparer le rapport du comité
        </button>
      </p>

      {/* Not gated on the engine: prebaked results answer the default state before it is
          ready, and any other query waits for it in its panel (busy, « calcul en cours »). */}
      <section aria-labelledby="sites-comparaison" className="fr-mt-4w">
        <h2 id="sites-comparaison">Comparaison par indicateur — {state.year}</h2>
        {INDICATORS.map((ind) => (
          <IndicatorComparison key={ind.id} indicator={ind} scope={scope} />
        ))}
      </section>
      <section aria-labelledby="sites-entonnoirs" className="fr-mt-4w">
        <h2 id="sites-entonnoirs">Écarts au-delà du hasard : diagrammes en entonnoir</h2>
        <p>
          Un écart n’est significatif que si le point sort des limites : près des petites
          populations, de grands écarts peuvent n’être que du bruit.
        </p>
        <Select
          label="Territoires placés en gris"
          nativeSelectProps={{
            id: 'sites-entonnoir-niveau',
            value: funnelLevel,
            onChange: (e) => setFunnelLevel(e.target.value === 'commune' ? 'commune' : 'epci'),
          }}
        >
          <option value="epci">EPCI (échelle des sites)</option>
          <option value="commune">Communes</option>
        </Select>
        {INDICATORS.filter((ind) => funnelModel(ind) !== null).map((ind) => (
          <FunnelPanel key={ind.id} indicator={ind} scope={scope} />
        ))}
      </section>
      <section aria-labelledby="sites-evolution" className="fr-mt-4w">
        <h2 id="sites-evolution">Évolution par site</h2>
        <Select
          label="Indicateur"
          nativeSelectProps={{
            id: 'sites-indicateur',
            value: indicator?.id,
            onChange: (e) => update({ indicator: e.target.value }),
          }}
        >
          {INDICATORS.map((i) => (
            <option key={i.id} value={i.id}>
              {i.label}
            </option>
          ))}
        </Select>
        {indicator && <SiteSeriesPanel indicator={indicator} scope={scope} />}
      </section>
    </BusyScope>
  );
}
