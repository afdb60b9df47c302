import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BENEFITS,
  CHANNELS,
  CRITERIA,
  DOMAINS,
  FIRST_YEAR,
  INDICATORS,
  LAST_YEAR,
  MAP_LEVELS,
  SITES,
  TERRITORY_LEVELS,
  isValidAt,
} from '../catalogue';
import { TERRITORY_TYPES, VIEWS, type AppState, type TerritoryRef } from './app-state';
import {
  CLASSIFICATIONS,
  DEFAULT_STATE,
  MAX_CLASSES,
  MIN_CLASSES,
  URL_LIMITS,
  integrationHref,
  URL_QUERY_MAX,
  fitsInUrl,
  parseState,
  sanitiseGroupName,
  serialiseState,
} from './url';
import { URL_MIGRATIONS } from './url-migrations';

const ref: fc.Arbitrary<TerritoryRef> = fc.oneof(
  fc.constant<TerritoryRef>({ level: 'france', code: 'FR' }),
  fc.record({
    level: fc.constantFrom(...TERRITORY_LEVELS.filter((l) => l !== 'france')),
    code: fc.stringMatching(/^[0-9A-Za-z]{1,15}$/),
  }),
);
const uniqueRefs = (max: number) =>
  fc.uniqueArray(ref, { maxLength: max, selector: (r) => `${r.level}:${r.code}` });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const fixed = (decimals: number, max: number) =>
  fc.integer({ min: -max * 10 ** decimals, max: max * 10 ** decimals }).map((n) => {
    const x = n / 10 ** decimals;
    return x === 0 ? 0 : x;
  });

const groupName = fc
  .string({ minLength: 1, maxLength: 70, unit: 'grapheme' })
  .map(sanitiseGroupName)
  .filter((s) => s !== '');

/** Any valid, canonical state (indicator valid at its level, map view already rounded). */
const validState: fc.Arbitrary<AppState> = fc
  .record({
    view: fc.constantFrom(...VIEWS),
    indicator: fc.constantFrom(...INDICATORS),
    level: fc.constantFrom(...MAP_LEVELS),
    year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
    territory: nullable(ref),
    criterion: nullable(fc.constantFrom(...CRITERIA)),
    domain: nullable(fc.constantFrom(...DOMAINS)),
    channel: nullable(fc.constantFrom(...CHANNELS)),
    benefit: nullable(fc.constantFrom(...BENEFITS)),
    territoryType: fc.constantFrom(...TERRITORY_TYPES),
    map: nullable(
      fc.record({
        lon: fixed(4, 180),
        lat: fixed(4, 85),
        zoom: fixed(2, 22).map(Math.abs),
      }),
    ),
    compare: uniqueRefs(URL_LIMITS.compare),
    base100: fc.boolean(),
    smallMultiples: fc.boolean(),
    sites: fc.uniqueArray(fc.constantFrom(...SITES)),
    groups: fc.array(
      fc.record({
        name: groupName,
        members: uniqueRefs(20).filter((m) => m.length > 0),
      }),
      { maxLength: URL_LIMITS.groups },
    ),
    classification: fc.constantFrom(...CLASSIFICATIONS),
    classes: fc.integer({ min: MIN_CLASSES, max: MAX_CLASSES }),
    secondMap: nullable(
      fc.record({
        year: nullable(fc.integer({ min: FIRST_YEAR, max: LAST_YEAR })),
        indicator: nullable(fc.constantFrom(...INDICATORS)),
      }),
    ),
    showServices: fc.boolean(),
    integration: fc.boolean(),
  })
  .filter((s) => isValidAt(s.indicator, s.level))
  // The second map shares the level; it differs in something (or there is none).
  .filter(
    (s) =>
      s.secondMap === null ||
      ((s.secondMap.year !== null || s.secondMap.indicator !== null) &&
        (s.secondMap.indicator === null || isValidAt(s.secondMap.indicator, s.level))),
  )
  // The claims are published one axis at a time: a valid state has at most one.
  .filter((s) => [s.criterion, s.domain, s.channel].filter((v) => v !== null).length <= 1)
  .map((s) => ({
    ...s,
    indicator: s.indicator.id,
    secondMap: s.secondMap && {
      year: s.secondMap.year,
      indicator: s.secondMap.indicator?.id ?? null,
    },
  }));

describe('URL state', () => {
  it('reads carte2: another year and/or indicator for a second map, bad items with a notice', () => {
    expect(parseState('?carte2=periode:2019').state.secondMap).toEqual({
      year: 2019,
      indicator: null,
    });
    const both = parseState('?carte2=periode:2019,indicateur:non_recours_taux');
    expect(both.state.secondMap).toEqual({ year: 2019, indicator: 'non_recours_taux' });
    expect(both.notices).toEqual([]);
    expect(serialiseState(both.state)).toBe('?carte2=periode:2019,indicateur:non_recours_taux');
    const bad = parseState('?carte2=periode:1990,indicateur:nope,couleur:rouge');
    expect(bad.state.secondMap).toBeNull();
    expect(bad.notices).toEqual([
      'Élément « periode:1990 » invalide dans « carte2 » : ignoré.',
      'Élément « indicateur:nope » invalide dans « carte2 » : ignoré.',
      'Élément « couleur:rouge » invalide dans « carte2 » : ignoré.',
    ]);
    const partly = parseState('?carte2=periode:2019,periode:2020');
    expect(partly.state.secondMap).toEqual({ year: 2019, indicator: null });
    expect(partly.notices).toEqual(['Élément « periode:2020 » invalide dans « carte2 » : ignoré.']);
  });

  it('keeps one axis of the claims, the first given, and says so', () => {
    const { state, notices } = parseState('?critere=origine&domaine=logement&canal=siege');
    expect([state.criterion, state.domain, state.channel]).toEqual(['origine', null, null]);
    expect(notices).toEqual([
      'Les réclamations sont publiées selon un seul axe à la fois : « critere » est conservé, « domaine » ignoré.',
      'Les réclamations sont publiées selon un seul axe à la fois : « critere » est conservé, « canal » ignoré.',
    ]);
    expect(parseState('?domaine=logement&canal=siege').state).toMatchObject({
      criterion: null,
      domain: 'logement',
      channel: null,
    });
  });

  it('round-trips every valid state without notices', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const search = serialiseState(state);
        const { state: back, notices } = parseState(search);
        expect(notices).toEqual([]);
        expect(back).toEqual(state);
      }),
      { numRuns: 500 },
    );
  });

  it('writes nothing for the default state and reads defaults from an empty URL', () => {
    expect(serialiseState(DEFAULT_STATE)).toBe('');
    expect(parseState('')).toEqual({ state: DEFAULT_STATE, notices: [] });
    expect(parseState('?')).toEqual({ state: DEFAULT_STATE, notices: [] });
  });

  it('keeps readable separators and orders parameters', () => {
    const search = serialiseState({
      ...DEFAULT_STATE,
      view: 'series',
      compare: [
        { level: 'departement', code: '93' },
        { level: 'commune', code: '94041' },
      ],
      groups: [{ name: 'L’Haÿ & co; sud', members: [{ level: 'commune', code: '94041' }] }],
      map: { lon: 2.352222, lat: 48.856614, zoom: 5.4321 },
    });
    expect(search).toBe(
      '?vue=series&carte=2.3522,48.8566,5.43&comparer=departement:93,commune:94041' +
        '&groupes=L%E2%80%99Ha%C3%BF+%26+co+sud~commune:94041',
    );
  });

  it('rounds the map view and reads it back rounded', () => {
    const s = parseState('?carte=2.123456789,46.987654321,5.678');
    expect(s.state.map).toEqual({ lon: 2.1235, lat: 46.9877, zoom: 5.68 });
    expect(s.notices).toEqual([]);
  });

  it('falls back to defaults with a French notice for each malformed value', () => {
    const { state, notices } = parseState(
      '?vue=inconnue&indicateur=xyz&niveau=canton&periode=1999&territoire=pays:ZZ' +
        '&critere=couleur&type=lunaire&carte=abc&classes=12&methode=magique&base100=peut-etre&foo=1',
    );
    expect(state).toEqual(DEFAULT_STATE);
    expect(notices).toHaveLength(12);
    expect(notices.join('\n')).toContain('Paramètre inconnu « foo »');
    expect(notices.join('\n')).toContain('Valeur « 1999 » invalide pour « periode »');
    for (const n of notices) expect(n).toMatch(/[«»]/);
  });

  it('never throws on arbitrary input and always returns a valid state', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (search) => {
        const { state } = parseState(search);
        // The state a malformed URL gives is itself canonical: it round-trips.
        expect(parseState(serialiseState(state)).state).toEqual(state);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the valid items of a list and reports the others', () => {
    const { state, notices } = parseState(
      '?comparer=departement:93,nimporte,region:11,departement:93&sites=lens_lievin,paris',
    );
    expect(state.compare).toEqual([
      { level: 'departement', code: '93' },
      { level: 'region', code: '11' },
    ]);
    expect(state.sites).toEqual(['lens_lievin']);
    expect(notices).toHaveLength(2);
  });

  it('reads an empty site list as no site', () => {
    expect(parseState('?sites=').state.sites).toEqual([]);
    expect(serialiseState({ ...DEFAULT_STATE, sites: [] })).toBe('?sites=');
  });

  it('moves the level when the indicator is not valid there', () => {
    const { state, notices } = parseState('?indicateur=france_services_taux&niveau=commune');
    expect(state.level).toBe('departement');
    expect(notices).toHaveLength(1);
  });

  it('reports a repeated parameter and keeps the first value', () => {
    const { state, notices } = parseState('?periode=2018&periode=2019');
    expect(state.year).toBe(2018);
    expect(notices).toHaveLength(1);
  });

  it('migrates old parameter names silently', () => {
    const { state, notices } = parseState(
      '?annee=2017&view=serie&lon=2.5&lat=46&zoom=6&niveau=communes&indicator=non_recours_taux',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      ...DEFAULT_STATE,
      year: 2017,
      view: 'series',
      level: 'commune',
      indicator: 'non_recours_taux',
      map: { lon: 2.5, lat: 46, zoom: 6 },
    });
  });

  it('keeps the migration chain append-only (ids 1, 2, 3… in order)', () => {
    expect(URL_MIGRATIONS.map((m) => m.id)).toEqual(URL_MIGRATIONS.map((_, i) => i + 1));
  });

  it('leaves a current URL untouched through every migration', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const search = serialiseState(state);
        const params = new URLSearchParams(search);
        for (const m of URL_MIGRATIONS) m.migrate(params);
        expect(params.toString()).toBe(new URLSearchParams(search).toString());
      }),
      { numRuns: 200 },
    );
  });

  it('splits groups on their separators and drops empty ones', () => {
    const { state } = parseState(
      '?groupes=' + encodeURIComponent('A;B~commune:1;~commune:2;C~;D~commune:3,commune:3'),
    );
    expect(state.groups).toEqual([
      { name: 'B', members: [{ level: 'commune', code: '1' }] },
      { name: 'D', members: [{ level: 'commune', code: '3' }] },
    ]);
  });

  it('drops control characters (NUL…) from values with one French notice, keeping the rest', () => {
    const { state, notices } = parseState(
      '?vue=sites&periode=2019&groupes=Nord%00Est~commune:59350;B%01%7F~commune:1&comparer=region:1%001',
    );
    expect(state.view).toBe('sites');
    expect(state.year).toBe(2019);
    expect(state.groups).toEqual([
      { name: 'NordEst', members: [{ level: 'commune', code: '59350' }] },
      { name: 'B', members: [{ level: 'commune', code: '1' }] },
    ]);
    expect(state.compare).toEqual([{ level: 'region', code: '11' }]);
    expect(notices).toEqual([
      'Un paramètre de l’adresse contenait des caractères invalides ; ils ont été ignorés.',
    ]);
  });

  it('gives no control character to the state whatever the URL holds', () => {
    const control = /\p{Cc}/u;
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (raw) => {
        for (const search of [raw, '?groupes=' + encodeURIComponent(raw) + '~commune:1']) {
          const { state } = parseState(search);
          const texts = [
            state.indicator,
            ...state.groups.flatMap((g) => [g.name, ...g.members.map((m) => m.code)]),
            ...state.compare.map((m) => m.code),
            state.territory?.code ?? '',
          ];
          for (const t of texts) expect(t).not.toMatch(control);
          expect(parseState(serialiseState(state)).state).toEqual(state);
        }
      }),
      { numRuns: 500 },
    );
  });

  const commune = fc
    .integer({ min: 1001, max: 97617 })
    .map((n) => ({ level: 'commune' as const, code: String(n).padStart(5, '0') }));
  const bigGroups = fc.array(
    fc.record({
      name: groupName,
      members: fc.uniqueArray(commune, {
        minLength: 100,
        maxLength: URL_LIMITS.groupMembers,
        selector: (r) => r.code,
      }),
    }),
    { minLength: 2, maxLength: URL_LIMITS.groups },
  );

  it('reads back every long permalink it writes, compressed past the limit', () => {
    let compressed = 0;
    fc.assert(
      fc.property(validState, bigGroups, (base, groups) => {
        const state = { ...base, groups };
        const search = serialiseState(state);
        if (search.startsWith('?etat=')) compressed++;
        else expect(search.length).toBeLessThanOrEqual(URL_QUERY_MAX);
        const { state: back, notices } = parseState(search);
        expect(notices).toEqual([]);
        expect(back).toEqual(state);
      }),
      { numRuns: 60 },
    );
    expect(compressed).toBeGreaterThan(0);
  });

  it('compresses four groups of 300 communes (~17 KB readable) below the limit', () => {
    const groups = Array.from({ length: 4 }, (_, g) => ({
      name: `Groupe ${g + 1}`,
      members: Array.from({ length: 300 }, (_, i) => ({
        level: 'commune' as const,
        code: String(10000 + ((g * 7919 + i * 104729) % 85000)).padStart(5, '0'),
      })),
    }));
    const state = { ...DEFAULT_STATE, view: 'sites' as const, groups };
    const search = serialiseState(state);
    expect(search).toMatch(/^\?etat=[A-Za-z0-9_-]+$/);
    expect(fitsInUrl(search)).toBe(true);
    expect(parseState(search)).toEqual({ state, notices: [] });
  });

  it('says when a compressed state cannot be read, and keeps the parameters beside it', () => {
    const good = serialiseState({
      ...DEFAULT_STATE,
      groups: [
        {
          name: 'G',
          members: Array.from({ length: 300 }, (_, i) => ({
            level: 'epci' as const,
            code: String(200000000 + i * 7777),
          })),
        },
        {
          name: 'H',
          members: Array.from({ length: 300 }, (_, i) => ({
            level: 'commune' as const,
            code: String(10000 + i * 97),
          })),
        },
      ],
    });
    expect(good.startsWith('?etat=')).toBe(true);
    for (const bad of [good.slice(0, 200), '?etat=%%%', '?etat=AAAA', '?etat=' + 'A'.repeat(9)]) {
      const { state, notices } = parseState(bad + '&periode=2019');
      expect(state).toEqual({ ...DEFAULT_STATE, year: 2019 });
      expect(notices).toEqual([
        'Le paramètre « etat » de l’adresse est illisible (lien tronqué ou modifié ?) : il a été ignoré.',
      ]);
    }
  });
});

describe('integration (embedded page)', () => {
  const base = 'https://observatoire.example/app/?vue=carte&indicateur=reclamations&periode=2022';

  it('adds integration=1 for the iframe and takes it off for « Ouvrir dans l’observatoire »', () => {
    const embed = integrationHref(base, true);
    expect(embed).toBe(
      'https://observatoire.example/app/?indicateur=reclamations&periode=2022&integration=1',
    );
    expect(parseState(new URL(embed).search).state.integration).toBe(true);
    expect(integrationHref(embed, false)).toBe(
      'https://observatoire.example/app/?indicateur=reclamations&periode=2022',
    );
  });

  it('is off by default and refuses a value other than a flag, in French', () => {
    expect(parseState('').state.integration).toBe(false);
    const { state, notices } = parseState('?integration=peut-etre');
    expect(state.integration).toBe(false);
    expect(notices.join(' ')).toContain('integration');
  });
});
