/** Which component draws which `vue`, and the order of the main navigation. */
import type { ComponentType, JSX } from 'react';
import type { ViewId } from '../state/app-state';
import { CarteView } from '../views/CarteView';
import { SeriesView } from '../views/SeriesView';
import { SitesView } from '../views/SitesView';
import { RapportView } from '../views/RapportView';
import { DonneesView } from '../views/DonneesView';

export const VIEW_COMPONENTS: Readonly<Record<ViewId, ComponentType>> = {
  carte: CarteView,
  series: SeriesView,
  sites: SitesView,
  rapport: RapportView,
  donnees: DonneesView,
};

/** Main navigation, in reading order. */
export const NAV_ORDER: readonly ViewId[] = ['carte', 'series', 'sites', 'rapport', 'donnees'];

export function CurrentView({ view }: { readonly view: ViewId }): JSX.Element {
  const View = VIEW_COMPONENTS[view];
  return <View />;
}
