/**
 * URL ⇄ state. Pure functions: `parseState` reads a query string into a valid `AppState` (with
 * French notices for whatever it had to ignore), `serialiseState` writes the state back with
 * defaults left out and the map view rounded, so equal views have equal URLs.
 *
 * Parameters (French, as users share them):
 *   vue, indicateur, niveau, periode, territoire (`niveau:code`), critere, domaine, canal,
 *   prestation, type, carte (`lon,lat,zoom`), comparer (`niveau:code,…`), base100, multiples,
 *   sites (`id,…`), groupes (`nom~niveau:code,niveau:code;nom~…`), methode, classes, services,
 *   integration (`1`: the embedded page, see `integrationHref`), carte2 (what differs on a second
 *   map side by side: `periode:2019`, `indicateur:<id>`, or both joined by `,`).
 * The defaults are in ./url-defaults.ts, the grammar of each value in ./url-values.ts.
 * Older links are rewritten first by the chain in ./url-migrations.ts. A query string longer than
 * `URL_QUERY_MAX` is written compressed as `etat=…` (./url-compact.ts); control characters (NUL…)
 * in a value are dropped with a notice, since no value of ours contains one.
 */
import {
  BENEFITS,
  CHANNELS,
  CRITERIA,
  DOMAINS,
  FIRST_YEAR,
  LAST_YEAR,
  LEVEL_LABELS,
  MAP_LEVELS,
  findIndicator,
  isValidAt,
  type MapLevel,
} from '../catalogue';
import { NAV_LABELS, URL_NOTICES } from '../messages';
import { TERRITORY_TYPES, VIEWS, type AppState } from './app-state';
import { COMPRESSED_PARAM, URL_QUERY_MAX, compressQuery, decompressQuery } from './url-compact';
import {
  CLASSIFICATIONS,
  DEFAULT_STATE,
  MAX_CLASSES,
  MIN_CLASSES,
  URL_LIMITS,
  URL_PARAMS,
} from './url-defaults';
import { migrateParams } from './url-migrations';
import {
  CONTROL_CHARS,
  Reader,
  formatSecondMap,
  formatTerritoryRef,
  includes,
  roundMapView,
  sanitiseGroupName,
} from './url-values';

export { URL_QUERY_MAX } from './url-compact';
export {
  CLASSIFICATIONS,
  DEFAULT_STATE,
  MAX_CLASSES,
  MIN_CLASSES,
  URL_LIMITS,
  URL_PARAMS,
} from './url-defaults';
export {
  formatSecondMap,
  formatTerritoryRef,
  parseTerritoryRef,
  roundMapView,
  sanitiseGroupName,
} from './url-values';

/**
 * Parses a query string (with or without the leading `?`) into a complete, valid state. Unknown
 * or malformed parameters fall back to their defaults, each with a French notice for the user.
 */
export function parseState(search: string): { state: AppState; notices: string[] } {
  const notices: string[] = [];
  const params = migrateParams(
    withoutControlChars(expand(new URLSearchParams(search), notices), notices),
  );
  const counts = new Map<string, number>();
  for (const key of params.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, n] of counts) {
    if (!includes(URL_PARAMS, key)) notices.push(URL_NOTICES.unknownParam(key));
    else if (n > 1) notices.push(URL_NOTICES.repeatedParam(key));
  }
  const p = new Reader(params, notices);
  const d = DEFAULT_STATE;

  const view = p.oneOf('vue', VIEWS, d.view, NAV_LABELS[d.view]);
  const indicatorId = p.value('indicateur');
  let indicator = d.indicator;
  if (indicatorId !== null) {
    if (findIndicator(indicatorId)) indicator = indicatorId;
    else p.invalid('indicateur', indicatorId, `« ${labelOfIndicator(d.indicator)} »`);
  }
  let level: MapLevel = p.oneOf('niveau', MAP_LEVELS, d.level, LEVEL_LABELS[d.level]);
  const definition = findIndicator(indicator);
  if (definition && !isValidAt(definition, level)) {
    const fallback = isValidAt(definition, d.level)
      ? d.level
      : (MAP_LEVELS.find((l) => isValidAt(definition, l)) ?? d.level);
    notices.push(
      URL_NOTICES.indicatorLevel(
        definition.shortLabel,
        LEVEL_LABELS[level],
        LEVEL_LABELS[fallback],
      ),
    );
    level = fallback;
  }

  // The claims are published one axis at a time: the first axis given wins.
  let criterion = p.oneOf('critere', CRITERIA, null, 'tous les critères');
  let domain = p.oneOf('domaine', DOMAINS, null, 'tous les domaines');
  let channel = p.oneOf('canal', CHANNELS, null, 'tous les canaux');
  const axes = (
    [
      ['critere', criterion],
      ['domaine', domain],
      ['canal', channel],
    ] as const
  ).filter(([, v]) => v !== null);
  const [first] = axes;
  for (const [name] of axes.slice(1)) notices.push(URL_NOTICES.oneAxis(first?.[0] ?? '', name));
  if (first && axes.length > 1) {
    if (first[0] !== 'critere') criterion = null;
    if (first[0] !== 'domaine') domain = null;
    if (first[0] !== 'canal') channel = null;
  }

  return {
    state: {
      view,
      indicator,
      level,
      year: p.integer('periode', FIRST_YEAR, LAST_YEAR, d.year),
      territory: p.territory('territoire'),
      criterion,
      domain,
      channel,
      benefit: p.oneOf('prestation', BENEFITS, null, 'la prestation par défaut (RSA)'),
      territoryType: p.oneOf('type', TERRITORY_TYPES, d.territoryType, 'tous les territoires'),
      map: p.mapView('carte'),
      compare: p.territoryList('comparer', URL_LIMITS.compare),
      base100: p.flag('base100'),
      smallMultiples: p.flag('multiples'),
      sites: p.sites('sites'),
      groups: p.groups('groupes'),
      classification: p.oneOf('methode', CLASSIFICATIONS, d.classification, 'quantiles'),
      classes: p.integer('classes', MIN_CLASSES, MAX_CLASSES, d.classes),
      secondMap: p.secondMap('carte2', level),
      showServices: p.flag('services'),
      integration: p.flag('integration'),
    },
    notices,
  };
}

/**
 * Writes the state as a query string: `''` for the default view, otherwise `?name=value&…` in a
 * fixed order, defaults left out, map view rounded. `:`, `,`, `;` and `~` stay readable.
 */
function serialiseReadable(state: AppState): string {
  const d = DEFAULT_STATE;
  const out: [string, string][] = [];
  const put = (name: (typeof URL_PARAMS)[number], value: string) => out.push([name, value]);
  if (state.view !== d.view) put('vue', state.view);
  if (state.indicator !== d.indicator) put('indicateur', state.indicator);
  if (state.level !== d.level) put('niveau', state.level);
  if (state.year !== d.year) put('periode', String(state.year));
  if (state.territory) put('territoire', formatTerritoryRef(state.territory));
  if (state.criterion) put('critere', state.criterion);
  if (state.domain) put('domaine', state.domain);
  if (state.channel) put('canal', state.channel);
  if (state.benefit) put('prestation', state.benefit);
  if (state.territoryType !== d.territoryType) put('type', state.territoryType);
  if (state.map) {
    const m = roundMapView(state.map);
    put('carte', `${num(m.lon)},${num(m.lat)},${num(m.zoom)}`);
  }
  if (state.compare.length > 0) put('comparer', state.compare.map(formatTerritoryRef).join(','));
  if (state.base100) put('base100', '1');
  if (state.smallMultiples) put('multiples', '1');
  if (!sameList(state.sites, d.sites)) put('sites', state.sites.join(','));
  if (state.groups.length > 0)
    put(
      'groupes',
      state.groups
        .map((g) => `${sanitiseGroupName(g.name)}~${g.members.map(formatTerritoryRef).join(',')}`)
        .join(';'),
    );
  if (state.classification !== d.classification) put('methode', state.classification);
  if (state.classes !== d.classes) put('classes', String(state.classes));
  if (state.secondMap) put('carte2', formatSecondMap(state.secondMap));
  if (state.showServices) put('services', '1');
  if (state.integration) put('integration', '1');
  if (out.length === 0) return '';
  return '?' + out.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
}

/**
 * The same view's address with the embedded page on (`integration=1`, for the `<iframe>` of
 * « Intégrer ») or off (the « Ouvrir dans l’observatoire » link of an embedded page). The query
 * string is rewritten in its canonical form; origin, path and fragment are kept.
 */
export function integrationHref(href: string, on: boolean): string {
  const url = new URL(href);
  const { state } = parseState(url.search);
  url.search = serialiseState({ ...state, integration: on });
  return url.href;
}

/**
 * The query string the address bar gets: the readable one, or its compressed form `?etat=…` when
 * the readable one passes `URL_QUERY_MAX`. Either may still be too long (see `fitsInUrl`).
 */
export function serialiseState(state: AppState): string {
  const readable = serialiseReadable(state);
  if (readable.length <= URL_QUERY_MAX) return readable;
  return `?${COMPRESSED_PARAM}=${compressQuery(readable.slice(1))}`;
}

/** Whether a query string from `serialiseState` is short enough to be written and shared. */
export function fitsInUrl(search: string): boolean {
  return search.length <= URL_QUERY_MAX;
}

/**
 * Replaces a compressed `etat=` by the parameters it holds (parameters given beside it are kept
 * when it does not set them). An unreadable one is dropped with a notice.
 */
function expand(params: URLSearchParams, notices: string[]): URLSearchParams {
  const packed = params.get(COMPRESSED_PARAM);
  if (packed === null) return params;
  params.delete(COMPRESSED_PARAM);
  const query = decompressQuery(packed.trim());
  if (query === null) {
    notices.push(URL_NOTICES.unreadableState(COMPRESSED_PARAM));
    return params;
  }
  const out = new URLSearchParams(query);
  for (const [k, v] of params) if (!out.has(k)) out.append(k, v);
  return out;
}

/** Drops control characters from names and values, with one notice for the whole address. */
function withoutControlChars(params: URLSearchParams, notices: string[]): URLSearchParams {
  let found = false;
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    const key = k.replace(CONTROL_CHARS, '');
    const value = v.replace(CONTROL_CHARS, '');
    if (key !== k || value !== v) found = true;
    out.append(key, value);
  }
  if (found) notices.push(URL_NOTICES.controlChars);
  return out;
}

function encodeValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%3B/gi, ';')
    .replace(/%20/g, '+');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function num(x: number): string {
  return String(x);
}

function labelOfIndicator(id: string): string {
  return findIndicator(id)?.shortLabel ?? id;
}
