/**
 * The URLs people land on for Sites and the report, apart from the plans that prebake their
 * queries (entry-queries.ts): the page's start reads them before any view chunk is loaded.
 */
import { parseState, serialiseState } from '../state/url';

/** The Sites view and the report as people land on them (`npm run bench` opens both). */
export const SITES_ENTRY_URLS: readonly string[] = ['?vue=sites', '?vue=rapport'];

/**
 * Whether `search` (a page's query string) opens Sites or the report in their entry state, the
 * one whose queries the pipeline prebakes: the same state, whatever the spelling of the URL.
 */
export function isSitesEntryUrl(search: string): boolean {
  const state = serialiseState(parseState(search).state);
  return SITES_ENTRY_URLS.some((url) => serialiseState(parseState(url).state) === state);
}
