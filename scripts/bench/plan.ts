/**
 * What the bench clicks: each series is a list of state patches cycled through from a reset
 * state, as a user moving through the Carte view's controls would.
 */
import type { Page } from 'playwright-core';
import { JOIN_REPS, repaints, series, timeChange, wanted, type Patch, type Sample } from './series';
import { setJoin } from '../bench-match-join';

const years = Array.from({ length: 10 }, (_, i) => ({ year: 2015 + i }));
const indicators = [
  'non_recours_taux',
  'reclamations',
  'non_recourants',
  'france_services',
  'france_services_taux',
  'reclamations_taux',
].map((indicator) => ({ indicator }));
const levels = ['region', 'epci', 'commune', 'qpv', 'departement'].map((level) => ({ level }));
// Claims are published one axis at a time: choosing a value on one axis clears the others, as
// the filter controls do.
const axis = (a: 'criterion' | 'domain' | 'channel', v: string): Patch => ({
  criterion: null,
  domain: null,
  channel: null,
  [a]: v,
});
const filters = [
  axis('criterion', 'origine'),
  axis('criterion', 'handicap'),
  axis('domain', 'emploi_prive'),
  { territoryType: 'qpv' },
  { territoryType: 'rural' },
  axis('channel', 'plateforme_3928'),
  { criterion: null, domain: null, channel: null, territoryType: 'tous' },
];
export const BASE: Patch = {
  indicator: 'reclamations_taux',
  level: 'departement',
  year: 2024,
  criterion: null,
  domain: null,
  channel: null,
  territoryType: 'tous',
};

export interface Step {
  readonly label: string;
  /** Null: repaints of the unchanged map. */
  readonly patches: readonly Patch[] | null;
  readonly reset: Patch;
}

export const PLAN: readonly Step[] = [
  { label: 'Trame inchangée (départements)', patches: null, reset: { ...BASE, year: 2023 } },
  { label: 'Indicateur (départements)', patches: indicators, reset: { ...BASE, year: 2023 } },
  {
    label: 'Année (départements)',
    patches: years,
    reset: { ...BASE, year: 2023, indicator: 'non_recours_taux' },
  },
  { label: 'Niveau (région…QPV)', patches: levels, reset: { ...BASE, year: 2022 } },
  { label: 'Filtre (départements)', patches: filters, reset: { ...BASE, year: 2021 } },
  {
    label: 'Année (communes)',
    patches: years,
    reset: { ...BASE, level: 'commune', year: 2023 },
  },
  {
    label: 'Trame inchangée (communes)',
    patches: null,
    reset: { ...BASE, level: 'commune', year: 2023 },
  },
];

/** Runs the plan's wanted steps in order, each from its reset state. */
export async function runPlan(page: Page): Promise<[Step, Sample[]][]> {
  const out: [Step, Sample[]][] = [];
  for (const step of PLAN) {
    if (!wanted(step.label)) continue;
    const short = step.label.toLowerCase();
    if (step.patches === null) await timeChange(page, step.reset).catch(() => undefined);
    out.push([
      step,
      step.patches === null
        ? await repaints(page, short)
        : await series(page, short, step.patches, step.reset),
    ]);
  }
  return out;
}

/**
 * The two ways of joining values to the ~35,000 communes (feature-state vs a `match`
 * expression), on the same year changes. The `match` join is bench-only
 * (scripts/bench-match-join.ts): the app only takes a fill override through the map's hook.
 */
export async function runJoins(page: Page): Promise<[string, Sample[]][]> {
  const join: [string, Sample[]][] = [];
  if (!wanted('Communes')) return join;
  for (const strategy of ['feature-state', 'match'] as const) {
    await setJoin(page, strategy);
    join.push([
      `Communes, jointure ${strategy}`,
      await series(
        page,
        `jointure ${strategy}`,
        years,
        { ...BASE, level: 'commune', year: 2020 },
        JOIN_REPS,
      ),
    ]);
  }
  await setJoin(page, 'feature-state');
  return join;
}
