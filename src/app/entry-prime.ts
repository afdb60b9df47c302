/**
 * The page's entry view as soon as the page starts (main.tsx): its code starts loading, and for
 * Sites and the report opened on their entry URL, their prebaked results (src/db/prebaked.ts) are
 * decoded into the query cache as they arrive (`Coordinator.prime`: the prebaked answer only,
 * never the engine). The view renders its controls and tables meanwhile; when the sites' members
 * come in, every panel's query is then answered in the same render (`peek`), so the view draws
 * its figures in one pass instead of one re-render per result as they trickled in.
 */
import { appCoordinator } from '../db';
import { readSiteMembers, siteMembersSql } from '../query';
import { isSitesEntryUrl } from '../query/entry-urls';
import { rapportViewQueries, sitesViewQueries } from '../query/sites-plans';
import { parseState } from '../state/url';
import { preloadView } from './routes';

/**
 * Reads the prebaked results of the view `search` opens into the query cache, when it is the
 * Sites view's or the report's entry URL; resolves once they are in (or known absent). Whatever
 * is missing (no prebaked index, another data set, a file that fails) is left to the view, which
 * asks for it as usual.
 */
export async function primeEntryView(search: string): Promise<void> {
  if (window.__OBSERVATOIRE_PREBAKED__ === false || !isSitesEntryUrl(search)) return;
  const version = appCoordinator.version;
  const membersTable = await appCoordinator.prime(siteMembersSql(), version);
  if (!membersTable) return;
  const state = parseState(search).state;
  const members = readSiteMembers(membersTable);
  const queries =
    state.view === 'rapport'
      ? rapportViewQueries(state, members)
      : sitesViewQueries(state, members);
  await Promise.all(queries.map((sql) => appCoordinator.prime(sql, version)));
}

/**
 * Starts the page's entry view (see the module's comment). Carte is left to its poster's
 * hand-over (its code loads when the shell first renders). Call after the engine's boot, which
 * points the prebaked results at the data set (src/db/prebaked.ts).
 */
export function startEntryView(search: string): void {
  const { view } = parseState(search).state;
  if (view === 'carte') return;
  preloadView(view);
  if (view === 'sites' || view === 'rapport') primeEntryView(search).catch(() => undefined);
}
