/**
 * Calibration targets of the synthetic demo set, transcribed from ../shared/calibration.md.
 * V = published figure, D = derived, E = team estimate (also listed in data/README.md).
 * The pipeline draws around these values and the tests check the output against them.
 */
import type { Benefit, Channel, Criterion, Domain } from '../../src/catalogue';

export const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;

/** Discrimination claims per year, national (§1, §10c; V/D). */
export const CLAIMS_PER_YEAR: Readonly<Record<number, number>> = {
  2015: 4_850,
  2016: 5_200,
  2017: 5_405,
  2018: 5_631,
  2019: 5_450,
  2020: 5_196,
  2021: 6_400,
  2022: 6_545,
  2023: 6_703,
  2024: 5_679,
};

/** Shares (%) of the criteria the sources publish, per year (§2; V except 2015 and 2021, E). */
export const VERIFIED_CRITERIA: Readonly<Record<number, Partial<Record<Criterion, number>>>> = {
  2015: { origine: 20, handicap: 19, etat_sante: 11.5 },
  2016: { origine: 20, handicap: 19, etat_sante: 11.6 },
  2017: {
    handicap: 21.8,
    origine: 17.6,
    etat_sante: 11.9,
    nationalite: 7.1,
    activites_syndicales: 5.9,
  },
  2018: { handicap: 22.8, origine: 14.9, etat_sante: 10.5 },
  2019: { handicap: 22.7, origine: 14.5, etat_sante: 10.3 },
  2020: { handicap: 21.2, origine: 13.3, etat_sante: 11.3 },
  2021: { handicap: 20.6, origine: 13.1, etat_sante: 11.1 },
  2022: {
    handicap: 20,
    origine: 13,
    etat_sante: 11,
    nationalite: 5,
    activites_syndicales: 3,
    sexe: 4,
    age: 4,
    grossesse: 3,
    situation_famille: 3,
    convictions_religieuses: 3,
    vulnerabilite_economique: 3,
  },
  2023: { handicap: 21, origine: 13, etat_sante: 9, nationalite: 5 },
  2024: { handicap: 22, origine: 15, etat_sante: 9, nationalite: 4, sexe: 4, age: 4 },
};

/** Default shares (%) for criteria a year does not publish (E, from the 2020–2024 mix of §10c). */
const DEFAULT_CRITERIA: Readonly<Partial<Record<Criterion, number>>> = {
  nationalite: 5,
  sexe: 4,
  age: 4,
  grossesse: 3,
  situation_famille: 3,
  activites_syndicales: 3,
  convictions_religieuses: 3,
  vulnerabilite_economique: 3,
  orientation_sexuelle: 3,
  identite_genre: 1,
  lieu_residence: 2,
  apparence_physique: 2,
  opinions_politiques: 1.5,
  perte_autonomie: 1.5,
};

/** Full criterion mix of a year (%), `autre` taking the remainder. */
export function criterionMix(year: number): Record<Criterion, number> {
  const verified = VERIFIED_CRITERIA[year] ?? {};
  const mix: Partial<Record<Criterion, number>> = { ...DEFAULT_CRITERIA, ...verified };
  if (year === 2018) Object.assign(mix, { sexe: 6, situation_famille: 3.5, grossesse: 3.5 });
  const rest =
    100 - Object.entries(mix).reduce((s, [k, v]) => (k === 'autre' ? s : s + (v ?? 0)), 0);
  mix.autre = Math.max(2, rest);
  return mix as Record<Criterion, number>;
}

/** Published domain shares (%) (§3; V 2019–2024, E before). */
export const VERIFIED_DOMAINS: Readonly<Record<number, Partial<Record<Domain, number>>>> = {
  2019: { emploi_prive: 27, emploi_public: 19 },
  2020: { emploi_prive: 25, emploi_public: 20 },
  2022: { emploi_prive: 24, emploi_public: 17, biens_services_prives: 15 },
  2023: { emploi_prive: 23, emploi_public: 21 },
  2024: { emploi_prive: 27, emploi_public: 20 },
};

export function domainMix(year: number): Record<Domain, number> {
  const base: Record<Domain, number> = {
    emploi_prive: year <= 2018 ? 28 : 24.5,
    emploi_public: 18.5,
    biens_services_prives: 13,
    services_publics: 12,
    logement: 8,
    education_formation: 7,
    protection_sociale: 5,
    autre: 0,
  };
  const mix = { ...base, ...(VERIFIED_DOMAINS[year] ?? {}) };
  mix.autre = Math.max(
    2,
    100 - Object.entries(mix).reduce((s, [k, v]) => (k === 'autre' ? s : s + v), 0),
  );
  return mix;
}

/** Channel shares (%) by year, the platform 39 28 only from February 2021 (§4, §10c; E). */
export function channelMix(year: number, month: number): Record<Channel, number> {
  const platformOpen = year > 2021 || (year === 2021 && month >= 2);
  if (!platformOpen) return { delegues: 78, siege: 22, plateforme_3928: 0 };
  const platform = ({ 2021: 30, 2022: 35, 2023: 38 } as Record<number, number>)[year] ?? 40;
  const siege = 14 + Math.max(0, 2024 - year);
  return { delegues: 100 - platform - siege, siege, plateforme_3928: platform };
}

/** Monthly weights: flat ±10 %, August dip, 2020 lockdown, June 2024 spike (§10c; E/V). */
export function monthWeights(year: number): number[] {
  const w = [1.02, 1.0, 1.08, 1.02, 1.0, 1.05, 0.95, 0.7, 1.05, 1.1, 1.05, 0.9];
  if (year === 2020) {
    w[2] = 0.85;
    w[3] = 0.6;
    w[4] = 0.8;
  }
  if (year === 2021) w[1] = 1.15; // the platform's launch month
  if (year === 2024) w[5] = 1.35;
  return w;
}

/** Relative claim propensity by density class and for QPV residents (§10c; E). */
export const DENSITY_PROPENSITY: Readonly<Record<string, number>> = {
  dense: 1.25,
  intermediaire: 1.0,
  peu_dense: 0.75,
  tres_peu_dense: 0.65,
};
export const QPV_OVER_EXPOSURE = 1.45;

/** National non-recours rates (%) by benefit and year (§6, §10c; V or E, see data/README.md). */
export function nonRecoursTarget(benefit: Benefit, year: number): number | null {
  switch (benefit) {
    case 'rsa':
      return 35 - (year - 2015) * 0.2; // 34 % in 2018 (V)
    case 'prime_activite':
      return year >= 2016 ? 27 : null; // created 1 Jan 2016; 27 % (V, 2016)
    case 'css_sans_participation':
      return year >= 2020 ? 31 : null; // CSS created Nov 2019; ~31 % (V)
    case 'css_avec_participation':
      return year === 2020 ? 72 : year > 2020 ? 67 : null; // 72 % → 67 % (V)
    case 'aspa':
      return 51 - (year - 2015) * 0.2; // 50 % in 2016 (V)
    case 'are':
      return 30; // central value of 25–42 % (V)
    case 'aah':
      return 15; // E
    case 'aides_logement':
      return 12; // E
    case 'cheque_energie':
      return year >= 2018 ? 22 : null; // generalised 2018; E
  }
}

/** Share of the population eligible (%) and its QPV multiplier (E, order of magnitude of DREES/CNAF counts). */
export const ELIGIBILITY: Readonly<Record<Benefit, { share: number; qpv: number; rural: number }>> =
  {
    rsa: { share: 4.2, qpv: 3.2, rural: 0.85 },
    prime_activite: { share: 8.5, qpv: 1.7, rural: 0.95 },
    css_sans_participation: { share: 12, qpv: 2.8, rural: 0.85 },
    css_avec_participation: { share: 3.5, qpv: 1.5, rural: 1.05 },
    aspa: { share: 2.0, qpv: 1.3, rural: 1.2 },
    are: { share: 5.5, qpv: 1.8, rural: 0.9 },
    aah: { share: 2.2, qpv: 1.6, rural: 1.0 },
    aides_logement: { share: 9.5, qpv: 2.2, rural: 0.7 },
    cheque_energie: { share: 8.5, qpv: 2.0, rural: 1.1 },
  };

/** Non-recours relative levels: QPV lower for RSA (HLM tenants), rural higher (§6; V relative, E size). */
export const NON_RECOURS_MODIFIERS: Readonly<Record<Benefit, { qpv: number; rural: number }>> = {
  rsa: { qpv: 0.7, rural: 1.2 },
  prime_activite: { qpv: 0.9, rural: 1.1 },
  css_sans_participation: { qpv: 0.85, rural: 1.1 },
  css_avec_participation: { qpv: 0.95, rural: 1.05 },
  aspa: { qpv: 1.05, rural: 1.1 },
  are: { qpv: 1.15, rural: 1.05 },
  aah: { qpv: 1.0, rural: 1.1 },
  aides_logement: { qpv: 0.8, rural: 1.15 },
  cheque_energie: { qpv: 1.1, rural: 1.1 },
};

/** France services open at a date (§8; V), used as the cumulative labelling curve. */
export const FRANCE_SERVICES_CURVE: readonly [string, number][] = [
  ['2019-10-01', 0],
  ['2019-12-31', 460],
  ['2020-12-31', 1_123],
  ['2022-01-01', 2_055],
  ['2022-08-31', 2_377],
  ['2022-12-31', 2_550],
  ['2023-12-31', 2_840],
  ['2024-12-31', 2_870],
];

/** MSAP open at a date (§8: 1 000 target end 2016, 1 340 end 2018, ~1 350 in 2019). */
export const MSAP_CURVE: readonly [string, number][] = [
  ['2010-01-01', 0],
  ['2014-12-31', 420],
  ['2015-12-31', 700],
  ['2016-12-31', 1_000],
  ['2017-12-31', 1_210],
  ['2018-12-31', 1_340],
  ['2019-09-30', 1_350],
];

/** Délégués' permanences open at a date (§1: 650 points 2013, 874 in 2019, > 1 000 in 2024). */
export const PERMANENCES_CURVE: readonly [string, number][] = [
  ['2008-01-01', 0],
  ['2014-12-31', 680],
  ['2019-12-31', 874],
  ['2024-12-31', 1_030],
];

export const FRANCE_SERVICES_RURAL_SHARE = 0.63;
export const FRANCE_SERVICES_QPV_SHARE = 0.18;
