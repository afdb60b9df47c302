/** Filters the indicator accepts (critère, domaine, canal, prestation) and the territory type. */
import { useId, type JSX } from 'react';
import {
  BENEFIT_LABELS,
  CASE_AXES,
  CHANNEL_LABELS,
  CRITERION_LABELS,
  DOMAIN_LABELS,
  DEFAULT_BENEFIT,
  type FilterKey,
  type IndicatorDefinition,
} from '../../catalogue';
import type { AppState, TerritoryType } from '../../state/app-state';
import { TERRITORY_TYPES } from '../../state/app-state';

export const FILTER_LABELS: Readonly<Record<FilterKey, string>> = {
  criterion: 'Critère',
  domain: 'Domaine',
  channel: 'Canal de saisine',
  benefit: 'Prestation',
};

export const FILTER_OPTIONS: Readonly<Record<FilterKey, Readonly<Record<string, string>>>> = {
  criterion: CRITERION_LABELS,
  domain: DOMAIN_LABELS,
  channel: CHANNEL_LABELS,
  benefit: BENEFIT_LABELS,
};

export const TERRITORY_TYPE_LABELS: Readonly<Record<TerritoryType, string>> = {
  tous: 'Tous les territoires',
  qpv: 'Quartiers prioritaires (QPV)',
  hors_qpv: 'Hors QPV',
  rural: 'Communes rurales (grille de densité)',
  urbain: 'Communes urbaines (grille de densité)',
  frr: 'Communes France Ruralités Revitalisation',
  hors_frr: 'Communes hors FRR',
  zrr: 'Communes en ZRR (2017–2024)',
  hors_zrr: 'Communes hors ZRR (2017–2024)',
};

/** Why a filter chosen by the user reads differently from what one might expect, in French. */
export const FILTER_HINTS = {
  oneAxis:
    'Les réclamations sont publiées selon un seul axe à la fois (critère, domaine ou canal) : croiser deux axes produirait des effectifs trop petits pour être diffusés.',
  benefit:
    'Le non-recours se lit prestation par prestation : additionner des prestations compterait plusieurs fois les mêmes personnes.',
} as const;

function Select(props: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly options: Readonly<Record<string, string>>;
  readonly allLabel?: string;
  readonly onChange: (v: string) => void;
}): JSX.Element {
  const id = useId();
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        className="fr-select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.allLabel !== undefined && <option value="">{props.allLabel}</option>}
        {Object.entries(props.options).map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filters in words, for export subtitles and chart captions. */
export function filtersInWords(indicator: IndicatorDefinition, state: AppState): string {
  const parts: string[] = [];
  for (const key of indicator.filters) {
    const v = key === 'benefit' ? (state.benefit ?? DEFAULT_BENEFIT) : state[key];
    if (v !== null) parts.push(`${FILTER_LABELS[key]} : ${FILTER_OPTIONS[key][v] ?? v}`);
  }
  if (state.territoryType !== 'tous') parts.push(TERRITORY_TYPE_LABELS[state.territoryType]);
  return parts.length > 0 ? parts.join(' · ') : 'Sans filtre';
}

export function FilterControls(props: {
  readonly indicator: IndicatorDefinition;
  readonly state: AppState;
  readonly onChange: (patch: Partial<AppState>) => void;
}): JSX.Element {
  const { indicator, state, onChange } = props;
  return (
    <div className="observatoire-filters">
      {indicator.filters.map((key) =>
        key === 'benefit' ? (
          <Select
            key={key}
            label={FILTER_LABELS[key]}
            name={key}
            value={state.benefit ?? DEFAULT_BENEFIT}
            options={FILTER_OPTIONS[key]}
            onChange={(v) => onChange({ benefit: v as AppState['benefit'] })}
          />
        ) : (
          <Select
            key={key}
            label={FILTER_LABELS[key]}
            name={key}
            value={state[key] ?? ''}
            options={FILTER_OPTIONS[key]}
            allLabel="Tous"
            onChange={(v) =>
              // One axis at a time: choosing a value on one axis clears the others.
              onChange({
                ...Object.fromEntries(CASE_AXES.map((k) => [k, null])),
                [key]: v === '' ? null : v,
              } as Partial<AppState>)
            }
          />
        ),
      )}
      {indicator.table === 'cases' && <p className="fr-hint-text">{FILTER_HINTS.oneAxis}</p>}
      {indicator.table === 'non_recours' && <p className="fr-hint-text">{FILTER_HINTS.benefit}</p>}
      <Select
        label="Type de territoire"
        name="type"
        value={state.territoryType}
        options={TERRITORY_TYPE_LABELS}
        onChange={(v) =>
          onChange({
            territoryType: (TERRITORY_TYPES as readonly string[]).includes(v)
              ? (v as TerritoryType)
              : 'tous',
          })
        }
      />
    </div>
  );
}
