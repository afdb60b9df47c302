/**
 * Carte's territory search: the picked territory becomes the selection (profile panel), the map
 * shows its level when the indicator is published there, and centres on it.
 */
import type { JSX } from 'react';
import { MAP_LEVELS, isValidAt, type IndicatorDefinition, type MapLevel } from '../../catalogue';
import type { SearchResult } from '../../components/search-results';
import { TerritorySearch } from '../../components/TerritorySearch';
import type { AppState, MapView } from '../../state/app-state';
import { roundMapView } from '../../state/url';

/** Zoom at which a territory of each level fills a good part of the map. */
const ZOOM: Readonly<Record<string, number>> = {
  region: 6,
  departement: 7.5,
  epci: 9,
  site: 9.5,
  commune: 10.5,
  qpv: 12,
};

/** The URL change that goes to a picked territory. */
export function goTo(
  picked: SearchResult,
  indicator: IndicatorDefinition,
): Pick<AppState, 'territory'> & Partial<Pick<AppState, 'level' | 'map'>> {
  const level = MAP_LEVELS.find((l): l is MapLevel => l === picked.level);
  const zoom = ZOOM[picked.level];
  const map: MapView | null =
    picked.point && zoom !== undefined
      ? roundMapView({
          lon: picked.point[0],
          lat: picked.point[1],
          zoom: zoom + Math.log2(picked.scale),
        })
      : null;
  return {
    territory: { level: picked.level, code: picked.code },
    ...(level && isValidAt(indicator, level) ? { level } : {}),
    ...(map ? { map } : {}),
  };
}

export function CarteSearch(props: {
  readonly indicator: IndicatorDefinition;
  readonly onGo: (patch: ReturnType<typeof goTo>) => void;
}): JSX.Element {
  return (
    <TerritorySearch
      label="Aller à un territoire"
      hint="Nom, code Insee ou postal, EPCI, département, QPV"
      onSelect={(_ref, picked) => props.onGo(goTo(picked, props.indicator))}
    />
  );
}
