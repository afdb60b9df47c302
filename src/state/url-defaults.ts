/**
 * What the URL leaves out: the default state (a parameter equal to its default is not written),
 * the parameters in the order they are written, and the bounds of the values it keeps.
 */
import { DEFAULT_INDICATOR, LAST_YEAR, SITES } from '../catalogue';
import type { AppState } from './app-state';

export const CLASSIFICATIONS = ['quantiles', 'jenks', 'egal'] as const;
export const MIN_CLASSES = 5;
export const MAX_CLASSES = 7;

export const URL_LIMITS = { compare: 12, groups: 8, groupMembers: 300, groupName: 60 } as const;

export const DEFAULT_STATE: AppState = {
  view: 'carte',
  indicator: DEFAULT_INDICATOR,
  level: 'departement',
  year: LAST_YEAR,
  territory: null,
  criterion: null,
  domain: null,
  channel: null,
  benefit: null,
  territoryType: 'tous',
  map: null,
  compare: [],
  base100: false,
  smallMultiples: false,
  sites: SITES,
  groups: [],
  classification: 'quantiles',
  classes: MIN_CLASSES,
  secondMap: null,
  showServices: false,
  integration: false,
};

/** Parameter names in the order they are written. */
export const URL_PARAMS = [
  'vue',
  'indicateur',
  'niveau',
  'periode',
  'territoire',
  'critere',
  'domaine',
  'canal',
  'prestation',
  'type',
  'carte',
  'comparer',
  'base100',
  'multiples',
  'sites',
  'groupes',
  'methode',
  'classes',
  'carte2',
  'services',
  'integration',
] as const;
