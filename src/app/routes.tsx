/**
 * Which component draws which `vue`, and the order of the main navigation. Views are loaded on
 * demand: the Données view does not wait for MapLibre, and the map does not wait for the report.
 * The page's entry view starts loading with the page (`preloadView`), not at the first render.
 */
import { Suspense, lazy, type ComponentType, type JSX } from 'react';
import type { ViewId } from '../state/app-state';

type ViewModule = { default: ComponentType };

const IMPORTS: Readonly<Record<ViewId, () => Promise<ViewModule>>> = {
  carte: () => import('../views/CarteView').then((m) => ({ default: m.CarteView })),
  series: () => import('../views/SeriesView').then((m) => ({ default: m.SeriesView })),
  sites: () => import('../views/SitesView').then((m) => ({ default: m.SitesView })),
  rapport: () => import('../views/RapportView').then((m) => ({ default: m.RapportView })),
  donnees: () => import('../views/DonneesView').then((m) => ({ default: m.DonneesView })),
};

/** A view's code as it loads, started once (a failed load is tried again next time). */
const loading = new Map<ViewId, Promise<ViewModule>>();

function load(view: ViewId): Promise<ViewModule> {
  let p = loading.get(view);
  if (!p) {
    p = IMPORTS[view]();
    loading.set(view, p);
    p.catch(() => loading.delete(view));
  }
  return p;
}

/**
 * Starts loading `view`'s code now (the page's entry view): its chunks then download while
 * DSFR starts and the shell first renders, instead of after them.
 */
export function preloadView(view: ViewId): void {
  load(view).catch(() => undefined);
}

const lazyView = (view: ViewId): ComponentType => lazy(() => load(view));

const VIEW_COMPONENTS: Readonly<Record<ViewId, ComponentType>> = {
  carte: lazyView('carte'),
  series: lazyView('series'),
  sites: lazyView('sites'),
  rapport: lazyView('rapport'),
  donnees: lazyView('donnees'),
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
