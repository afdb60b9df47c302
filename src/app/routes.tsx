/**
 * Which component draws which `vue`, and the order of the main navigation. Views are loaded on
 * demand: the Données view does not wait for MapLibre, and the map does not wait for the report.
 */
import { Suspense, lazy, type ComponentType, type JSX } from 'react';
import type { ViewId } from '../state/app-state';

const VIEW_COMPONENTS: Readonly<Record<ViewId, ComponentType>> = {
  carte: lazy(() => import('../views/CarteView').then((m) => ({ default: m.CarteView }))),
  series: lazy(() => import('../views/SeriesView').then((m) => ({ default: m.SeriesView }))),
  sites: lazy(() => import('../views/SitesView').then((m) => ({ default: m.SitesView }))),
  rapport: lazy(() => import('../views/RapportView').then((m) => ({ default: m.RapportView }))),
  donnees: lazy(() => import('../views/DonneesView').then((m) => ({ default: m.DonneesView }))),
};

/** Main navigation, in reading order. */
export const NAV_ORDER: readonly ViewId[] = ['carte', 'series', 'sites', 'rapport', 'donnees'];

function ViewLoading(): JSX.Element {
  return (
    <div className="fr-container fr-my-4w" aria-busy="true">
      <p role="status">Chargement de la vue…</p>
    </div>
  );
}

export function CurrentView({ view }: { readonly view: ViewId }): JSX.Element {
  const View = VIEW_COMPONENTS[view];
  return (
    <Suspense fallback={<ViewLoading />}>
      <View />
    </Suspense>
  );
}
