/**
 * The entry views' first queries: the SQL texts a view sends for the state people land on,
 * which the pipeline prebakes (scripts/prebake.ts) so that the first map, the Sites view and the
 * report paint before DuckDB-WASM is ready. Built by the same plans as the views (map-plans.ts,
 * sites-plans.ts), so a change of what the view asks changes what is prebaked;
 * scripts/prebake.test.ts checks both agree with the published data.
 */
import { indicatorOrDefault, type MapLevel } from '../catalogue';
import type { AppState } from '../state/app-state';
import { filtersOf } from '../state/filters';
import { parseState } from '../state/url';
import { effectiveLevel, mapQueries, mapReferenceQuery } from './map-plans';
import { rapportViewQueries, sitesViewQueries } from './sites-plans';
import { siteMembersSql, type SiteMembers } from './sites';
import { SITES_ENTRY_URLS } from './entry-urls';

/**
 * The URLs (query strings) people land on: the default Carte view, which `npm run bench` opens
 * (`?vue=carte`, the same state as no parameter at all).
 */
export const ENTRY_URLS: readonly string[] = [''];

/** SQL texts of the Carte view's first map for `state` (as views/carte/useCarteData plans them). */
export function carteFirstQueries(state: AppState): string[] {
  const indicator = indicatorOrDefault(state.indicator);
  const level = effectiveLevel(indicator, state.level);
  const filters = filtersOf(indicator, state);
  const reference = mapReferenceQuery(indicator, filters);
  return [
    mapQueries(indicator, level, state.year, filters).run,
    ...(reference === null ? [] : [reference]),
  ];
}

/** Every SQL text to prebake: the first queries of each entry URL, without repeats. */
export function entryQueries(): string[] {
  const all = ENTRY_URLS.flatMap((url) => carteFirstQueries(parseState(url).state));
  return [...new Set(all)];
}

// ---- Sites and the report ------------------------------------------------------------------

export { SITES_ENTRY_URLS } from './entry-urls';

/**
 * SQL texts the Sites view and the report send for their entry URLs, without repeats: who the
 * sites are (`siteMembersSql`), then every panel's queries (sites-plans.ts), planned from
 * `members` — that first query's result (`readSiteMembers`), as the views plan their groups.
 */
export function sitesEntryQueries(members: SiteMembers): string[] {
  const all = SITES_ENTRY_URLS.flatMap((url) => {
    const state = parseState(url).state;
    return state.view === 'rapport'
      ? rapportViewQueries(state, members)
      : sitesViewQueries(state, members);
  });
  return [...new Set([siteMembersSql(), ...all])];
}

/** Every SQL text to prebake, without repeats: Carte's first map, then Sites' and the report's. */
export function prebakedQueries(members: SiteMembers): string[] {
  return [...new Set([...entryQueries(), ...sitesEntryQueries(members)])];
}

/** The level of the Carte view's first map for `state`. */
export function carteFirstLevel(state: AppState): MapLevel {
  return effectiveLevel(indicatorOrDefault(state.indicator), state.level);
}

/** The levels the entry URLs' first maps draw (the poster's geometry is prebaked for them). */
export function entryLevels(): MapLevel[] {
  return [...new Set(ENTRY_URLS.map((url) => carteFirstLevel(parseState(url).state)))];
}

/**
 * The views whose entry state sends each prebaked SQL text (`PrebakedEntry.views`): the page
 * fetches at once only its own view's results.
 */
export function entryViews(members: SiteMembers): Map<string, string[]> {
  const views = new Map<string, string[]>();
  const tag = (view: string, sqls: readonly string[]): void => {
    for (const sql of sqls) {
      const list = views.get(sql) ?? [];
      if (!list.includes(view)) views.set(sql, [...list, view]);
    }
  };
  tag('carte', entryQueries());
  for (const url of SITES_ENTRY_URLS) {
    const state = parseState(url).state;
    tag(state.view, [
      siteMembersSql(),
      ...(state.view === 'rapport'
        ? rapportViewQueries(state, members)
        : sitesViewQueries(state, members)),
    ]);
  }
  return views;
}
