/**
 * « Rapport du comité »: the chosen sites, period and indicators laid out for A4 paper (the print
 * stylesheet is src/report/print.css): cover with date, scope, sources, definitions and methods,
 * then one section per indicator with its comparison table, funnel plot and small multiples.
 * Built from the same queries as the Sites view, so the same suppression applies.
 */
import { useMemo, useState, type JSX } from 'react';
import {
  FIRST_YEAR,
  INDICATORS,
  SYNTHETIC_NOTE,
  type IndicatorDefinition,
  type TableManifest,
} from '../catalogue';
import { funnelModel } from '../charts/funnel';
import { BusyScope } from '../components/BusyScope';
import { useManifest } from '../db';
import { frenchDate } from '../export/meta';
import { MESSAGES } from '../messages';
import { useAppState } from '../state/useAppState';
import { filtersOf, stateFilters } from '../state/filters';
import { filtersInWords } from './carte/FilterControls';
import { ReportMap } from './carte/ReportMap';
import { COMPARABLE_LABELS } from './sites/comparison';
import { FunnelPanel } from './sites/FunnelPanel';
import { GroupList } from './sites/GroupList';
import { IndicatorComparison } from './sites/IndicatorComparison';
import type { SitesScope } from './sites/scope';
import { SiteSeriesPanel } from './sites/SiteSeriesPanel';
import { useSiteGroups } from './sites/useSiteGroups';
import '../report/print.css';
import './sites/sites.css';

export function RapportView(): JSX.Element {
  const [state, update] = useAppState();
  const manifest = useManifest();
  const { groups, loading: groupsLoading, error } = useSiteGroups(state.sites, state.groups);
  const [chosen, setChosen] = useState<readonly string[]>(INDICATORS.map((i) => i.id));
  const indicators = INDICATORS.filter((i) => chosen.includes(i.id));
  const first = indicators[0];
  const scope: SitesScope = useMemo(
    () => ({
      groups,
      year: state.year,
      filters: stateFilters(state),
      comparable: 'qpv',
      funnelLevel: 'epci',
      filtersText: first ? filtersInWords(first, state) : 'Sans filtre',
      print: true,
    }),
    [groups, state, first],
  );
  const today = frenchDate(new Date());
  const sources = [...new Set(indicators.map((i) => `${i.source} (${i.vintage})`))];
  return (
    <BusyScope
      className="fr-container fr-my-4w observatoire-report"
      busy={groupsLoading}
      data-view="rapport"
      aria-labelledby="rapport-titre"
    >
      <div className="observatoire-no-print fr-mb-4w">
        <div className="fr-btns-group fr-btns-group--inline-md">
          <button
            type="button"
            className="fr-btn fr-icon-printer-line fr-btn--icon-left"
            onClick={() => window.print()}
          >
            Imprimer / PDF
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--secondary"
            onClick={() => update({ view: 'sites' })}
          >
            Retour aux sites
          </button>
        </div>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Indicateurs du rapport</legend>
          {INDICATORS.map((i) => (
            <div key={i.id} className="fr-fieldset__element fr-fieldset__element--inline">
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input
                  type="checkbox"
                  id={`rapport-${i.id}`}
                  checked={chosen.includes(i.id)}
                  onChange={(e) =>
                    setChosen(
                      e.target.checked ? [...chosen, i.id] : chosen.filter((c) => c !== i.id),
                    )
                  }
                />
                <label className="fr-label" htmlFor={`rapport-${i.id}`}>
                  {i.shortLabel}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <p className="fr-text--sm">
          Conseil : dans la fenêtre d’impression, choisissez « Enregistrer au format PDF », le
          format A4 et désactivez les en-têtes et pieds de page du navigateur (le rapport numérote
          ses pages).
        </p>
      </div>

      <header className="observatoire-report__cover">
        <p className="fr-text--sm fr-mb-1w">Observatoire ANCT × Défenseur des droits</p>
        <h1 id="rapport-titre">Rapport du comité — sites expérimentaux</h1>
        <p className="fr-text--lead fr-mb-1w">
          Période {FIRST_YEAR}–{state.year} · année de comparaison {state.year}
        </p>
        <p className="fr-mb-1w">
          Édité le {today}. Filtres : {scope.filtersText}.
        </p>
        {manifest?.synthetic && (
          <p className="fr-mb-1w observatoire-report__synthetic" role="note">
            <strong>{SYNTHETIC_NOTE}</strong>
          </p>
        )}
      </header>

      {error && (
        <p className="fr-error-text" role="alert">
          La composition des sites n’a pas pu être lue. Détail : {error}
        </p>
      )}

      <section className="observatoire-report__block fr-mt-3w" aria-labelledby="rapport-sites">
        <h2 id="rapport-sites">Sites et groupes comparés</h2>
        <GroupList groups={groups} print />
      </section>

      <section
        className="observatoire-report__block fr-mt-3w"
        aria-labelledby="rapport-indicateurs"
      >
        <h2 id="rapport-indicateurs">Indicateurs et définitions</h2>
        <dl className="observatoire-report__definitions">
          {indicators.map((i) => (
            <Definition key={i.id} indicator={i} />
          ))}
        </dl>
      </section>

      <section className="observatoire-report__block fr-mt-3w" aria-labelledby="rapport-methodes">
        <h2 id="rapport-methodes">Méthodes</h2>
        <ul>
          <li>
            Les chiffres d’un site sont la somme de ceux de ses communes membres ; ceux d’un groupe
            personnalisé, la somme de ceux de ses territoires.
          </li>
          <li>
            Intervalles de confiance à 95 % : score de Wilson pour les proportions, Poisson exact
            (approximation de Byar) pour les taux rapportés à la population.
          </li>
          <li>
            Diagrammes en entonnoir : limites de contrôle à 95 % et 99,8 % autour du taux national
            (Spiegelhalter, 2005), binomiales ou de Poisson exactes ; un site au-delà de 99,8 %
            s’écarte du taux national bien au-delà de ce que le hasard explique.
          </li>
          <li>
            Territoires comparables : {COMPARABLE_LABELS[scope.comparable]}, avec les mêmes filtres.
          </li>
          <li>
            {MESSAGES.confidentiality} Les cellules concernées portent la mention « secret
            statistique ».
          </li>
        </ul>
      </section>

      <section className="observatoire-report__block fr-mt-3w" aria-labelledby="rapport-sources">
        <h2 id="rapport-sources">Sources</h2>
        <ul>
          {sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
          {manifest?.tables.map((t: TableManifest) => (
            <li key={t.name}>
              Table {t.name} : {t.provenance}
            </li>
          ))}
        </ul>
      </section>

      {/* Not gated on the engine, as on Sites: prebaked results answer the default state. */}
      {indicators.map((ind) => (
        <section
          key={ind.id}
          className="observatoire-report__indicator"
          aria-labelledby={`rapport-${ind.id}-titre`}
          data-indicator={ind.id}
        >
          <h2 id={`rapport-${ind.id}-titre`}>{ind.label}</h2>
          <IndicatorComparison indicator={ind} scope={scope} />
          <ReportMap indicator={ind} year={state.year} filters={filtersOf(ind, state)} />
          {funnelModel(ind) !== null && <FunnelPanel indicator={ind} scope={scope} />}
          <SiteSeriesPanel indicator={ind} scope={scope} />
        </section>
      ))}
    </BusyScope>
  );
}

function Definition({ indicator: i }: { readonly indicator: IndicatorDefinition }): JSX.Element {
  return (
    <>
      <dt>{i.label}</dt>
      <dd>
        {i.definition} Unité : {i.unit}. Source : {i.source}.
      </dd>
    </>
  );
}
