/**
 * The results of the other levels for the state shown, classified as a switch to them would
 * classify them, for the map to join to their hidden features while the user reads the map
 * (`MapController.prepaint`). A level switch then sends only the feature states that differ (none
 * when nothing changed meanwhile): at commune level the first switch sent 35,000 states on the
 * click (0.4 s of join at ×250 under load, measured in the bench's level series). Only results
 * already in the cache are used (the warm-up ran them); nothing is queried here.
 */
import { useMemo } from 'react';
import { MAP_LEVELS, isValidAt, type IndicatorDefinition, type MapLevel } from '../../catalogue';
import { useCoordinator, useDataVersion } from '../../db';
import { readResult } from '../../map/join';
import type { MapPaint } from '../../map/map-controller';
import { mapQueries, type Filters } from '../../query';
import type { ClassificationMethod } from '../../map/classification';
import { deriveMap } from './map-derive';
import { slicePartYear } from './use-map-result';

export interface PrepaintInput {
  /** False: nothing to prepaint (the map is busy, the warm-up runs, two maps are shown). */
  readonly enabled: boolean;
  readonly indicator: IndicatorDefinition;
  /** The level shown. */
  readonly level: MapLevel;
  readonly year: number;
  readonly filters: Filters;
  readonly method: ClassificationMethod;
  readonly classes: number;
  readonly reference: number | null;
  readonly qpvAtCommunes: boolean;
  /** Feature count of each level's geometry (the classification's « no data » share). */
  readonly features: (level: MapLevel) => number | undefined;
  /** What the paint key adds to the SQL (classification and reference). */
  readonly classKey: string;
}

const NONE: readonly MapPaint[] = [];

export function usePrepaint(p: PrepaintInput): readonly MapPaint[] {
  const coordinator = useCoordinator();
  const version = useDataVersion();
  const { enabled, indicator, level, year, filters, method, classes, reference } = p;
  const { qpvAtCommunes, features, classKey } = p;
  return useMemo(() => {
    if (!enabled) return NONE;
    const jobs: MapPaint[] = [];
    for (const l of MAP_LEVELS) {
      // Levels not loaded yet too: the map joins those as it preloads them (the communes come
      // last), before their tiles arrive.
      if (l === level || !isValidAt(indicator, l)) continue;
      const q = mapQueries(indicator, l, year, filters);
      const table = coordinator.peek(q.run, version);
      if (!table) continue;
      const cols = readResult(q.sliced ? slicePartYear(table, filters.territoryType, year) : table);
      const derived = deriveMap(cols, indicator, l, {
        method,
        classes,
        features: features(l) ?? cols.length,
        reference,
        qpvAtCommunes,
      });
      jobs.push({
        level: l,
        mode: derived.mode,
        cols,
        styling: derived.styling,
        key: `${q.single}|${classKey}`,
      });
    }
    return jobs.length > 0 ? jobs : NONE;
  }, [
    enabled,
    coordinator,
    version,
    indicator,
    level,
    year,
    filters,
    method,
    classes,
    reference,
    qpvAtCommunes,
    features,
    classKey,
  ]);
}
