/**
 * Carte's derive layer: URL state → query plans → Arrow results → classes and legend of one or
 * two maps, what each map keeps drawing while the next result is prepared, whether the view is
 * busy, and the background warm-up once a map is painted. CarteView only lays this out.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { MAP_LEVELS, indicatorOrDefault, isValidAt, type MapLevel } from '../../catalogue';
import { numbers, strings } from '../../arrow/columns';
import { useBusySignal } from '../../components/BusyScope';
import {
  cachedQuery,
  dataVersion,
  holdWarmUp,
  stopWarmUp,
  useEngineBusy,
  useManifest,
  useQuery,
  useWarmUpBusy,
  warmUp,
  warmUpEnabled,
} from '../../db';
import { registerTestHook } from '../../dev/test-hooks';
import { readResult } from '../../map/join';
import {
  acceptedFilters,
  effectiveLevel,
  mapReferenceQuery,
  mapWarmList,
  type Filters,
} from '../../query';
import { servicesOpenAt } from '../../query/services-overlay';
import type { AppState } from '../../state/app-state';
import { stateFilters } from '../../state/filters';
import type { UpdateState } from '../../state/useAppState';
import { deriveMap } from './map-derive';
import { servicesToGeoJson } from './services-geojson';
import { bothValues, secondMapOf, sharesClasses } from './two-maps';
import { useHeld } from './use-held';
import { slicePartYear, useMapResult } from './use-map-result';
import { usePrepaint } from './use-prepaint';

/** How long a painted map is left alone before warm-up starts (a user reading it). */
const WARM_UP_DELAY_MS = 300;

/**
 * Levels whose geometry is loaded ahead of need once a map is painted: all but the communes,
 * which come after the first warm-up has drained (`COMMUNES_LAST`).
 */
const PRELOADED_LEVELS: readonly MapLevel[] = MAP_LEVELS.filter((l) => l !== 'commune');
/**
 * The communes' tiles in view (~2.5 MB, 35,000 outlines for MapLibre's worker to cut) were
 * loaded at the first switch to them: ~1 s more than any other switch. They are loaded hidden
 * once the first warm-up list has drained (nothing of the user's is waiting then), and let go
 * again by a paint that comes before they are in (map-levels.ts), so no click waits for them.
 */
const COMMUNES_LAST: readonly MapLevel[] = [...PRELOADED_LEVELS, 'commune'];

/** What the Carte view's test hook (`window.__observatoire.carte`) gives the tests and bench. */
export interface CarteTestHook {
  update: UpdateState;
  /** Paint key the first map must report (`map.painted.key`) for the state to be drawn. */
  expectedKey: string;
  /** The second map's, when there is one. */
  expectedKey2: string | null;
  busy: boolean;
  /** Whether the background warm-up is running. */
  warming: boolean;
}

declare global {
  interface ObservatoireTestHooks {
    carte?: CarteTestHook;
  }
}

/** Every filter of the state as chosen, kept while none of them changes. */
function useChosenFilters(state: AppState): Filters {
  const { criterion, domain, channel, benefit, territoryType } = state;
  return useMemo(
    () => stateFilters({ criterion, domain, channel, benefit, territoryType }),
    [criterion, domain, channel, benefit, territoryType],
  );
}

export function useCarteData(state: AppState, update: UpdateState) {
  const manifest = useManifest();
  const indicator = indicatorOrDefault(state.indicator);
  const level = effectiveLevel(indicator, state.level);
  const chosen = useChosenFilters(state);
  const filters = useMemo(() => acceptedFilters(indicator, chosen), [indicator, chosen]);
  const result = useMapResult(indicator, level, state.year, filters);
  // The second map (`carte2`): the same query builder with another year and/or indicator; the
  // level and the filters are shared. An indicator not published at the level shows no map.
  const second = state.secondMap ? secondMapOf(state.secondMap, state.year, indicator) : null;
  const secondValid = second !== null && isValidAt(second.indicator, level);
  const indicator2 = secondValid ? second.indicator : indicator;
  const year2 = secondValid ? second.year : state.year;
  const filters2 = useMemo(() => acceptedFilters(indicator2, chosen), [indicator2, chosen]);
  const result2 = useMapResult(indicator2, level, year2, filters2, secondValid);
  // Without official contours, the QPV are drawn as symbols on their commune (see the note).
  const qpvAtCommunes =
    manifest?.geometry.find((g) => g.level === 'qpv')?.pointPosition !== 'contour';
  const refSql = useMemo(() => mapReferenceQuery(indicator, filters), [indicator, filters]);
  const national = useQuery(refSql);
  const services = useQuery(state.showServices ? servicesOpenAt(state.year) : null);
  const [painted, setPainted] = useState('');
  const [painted2, setPainted2] = useState('');
  const [mapError, setMapError] = useState<string | null>(null);
  const [tableOpen, setTableOpen] = useState(false);

  const shown = result.shown;
  const shownInd = shown?.meta.indicator ?? indicator;
  const shownLevel = shown?.meta.level ?? level;
  const cols = useMemo(() => (shown ? readResult(shown.table) : null), [shown]);
  const names = useMemo(() => (shown ? strings(shown.table, 'name') : []), [shown]);
  // Confidence bounds are read only for the data table, and only while it is open (two columns
  // of 35,000 communes on every year change otherwise).
  const intervals = useMemo(
    () =>
      shown && tableOpen
        ? { low: numbers(shown.table, 'low'), high: numbers(shown.table, 'high') }
        : null,
    [shown, tableOpen],
  );
  const reference = useMemo(() => {
    const v: unknown = national.data
      ? slicePartYear(national.data, state.territoryType, state.year).get(0)?.value
      : null;
    return typeof v === 'number' && refSql !== null && !national.loading ? v : null;
  }, [national.data, national.loading, refSql, state.territoryType, state.year]);
  // Feature count of a level's geometry (the classification's « no data » share).
  const featuresOf = useCallback(
    (l: MapLevel) => manifest?.geometry.find((g) => g.level === l)?.features,
    [manifest],
  );
  const features = featuresOf(shownLevel) ?? cols?.length ?? 0;
  const shown2 = secondValid ? result2.shown : null;
  const shownInd2 = shown2?.meta.indicator ?? indicator2;
  const cols2 = useMemo(() => (shown2 ? readResult(shown2.table) : null), [shown2]);
  const names2 = useMemo(() => (shown2 ? strings(shown2.table, 'name') : []), [shown2]);
  // One classification for both maps when their indicators are drawn alike in one unit: each
  // map then waits for the other's result, and its paint key names both.
  const shared = secondValid && sharesClasses(shownInd, shownInd2);
  const scaleValues = useMemo(
    () => (shared && cols && cols2 ? bothValues(cols, cols2) : undefined),
    [shared, cols, cols2],
  );
  // For a diverging scale the France value is needed: until it arrives, keep drawing the
  // previous result rather than flash sequential colours and then repaint.
  // Side by side, both maps stay sequential (a diverging scale pivots on one year's France value).
  const waitingReference = !secondValid && refSql !== null && national.loading;
  const mapReference = secondValid ? null : reference;
  const { classification: method, classes } = state;
  const classKey = `${method}|${classes}|${mapReference ?? ''}`;
  const paintKey = shown
    ? `${shown.sql}|${classKey}${shared ? `|avec ${shown2?.sql ?? ''}` : ''}`
    : '';
  const paintKey2 = shown2
    ? `${shown2.sql}|${classKey}${shared ? `|avec ${shown?.sql ?? ''}` : ''}`
    : '';
  const waitingOther = shared && !scaleValues;
  // The paint keys sum up the inputs they name (query, classification, reference): the fresh
  // derivations change when they do.
  const fresh = useMemo(
    () =>
      cols && !waitingReference && !waitingOther
        ? {
            cols,
            names,
            key: paintKey,
            level: shownLevel,
            indicator: shownInd,
            derived: deriveMap(cols, shownInd, shownLevel, {
              method,
              classes,
              features,
              reference: mapReference,
              qpvAtCommunes,
              ...(scaleValues ? { scaleValues } : {}),
            }),
          }
        : null,
    [
      cols,
      names,
      waitingReference,
      waitingOther,
      paintKey,
      shownInd,
      shownLevel,
      features,
      method,
      classes,
      mapReference,
      qpvAtCommunes,
      scaleValues,
    ],
  );
  const drawn = useHeld(fresh);
  const fresh2 = useMemo(
    () =>
      shown2 && cols2 && !waitingOther
        ? {
            cols: cols2,
            names: names2,
            key: paintKey2,
            level: shown2.meta.level,
            indicator: shownInd2,
            derived: deriveMap(cols2, shownInd2, shown2.meta.level, {
              method,
              classes,
              features: featuresOf(shown2.meta.level) ?? cols2.length,
              reference: null,
              qpvAtCommunes,
              ...(scaleValues ? { scaleValues } : {}),
            }),
          }
        : null,
    [
      shown2,
      cols2,
      names2,
      waitingOther,
      paintKey2,
      shownInd2,
      featuresOf,
      method,
      classes,
      qpvAtCommunes,
      scaleValues,
    ],
  );
  const drawn2 = useHeld(fresh2, secondValid);

  // Busy: the view is busy (aria-busy) while a map has not painted the result its state asks
  // for, or a diverging rate waits for its France value.
  const busy2 = secondValid && (result2.pending || paintKey2 !== painted2);
  const busy =
    result.pending ||
    paintKey !== painted ||
    (!secondValid && refSql !== null && national.loading) ||
    busy2;
  const repainting = busy && !result.error && !result2.error && !mapError;
  useBusySignal(repainting);
  // While the map repaints after a change, the warm-up pauses (it would compete for the CPU).
  useEffect(() => (repainting ? holdWarmUp() : undefined), [repainting]);

  // Once the map has shown this state for a moment, warm what is one click away (other
  // indicators, types, levels, filter values) and load the other levels' geometry.
  const settledPaint = !busy && painted !== '';
  // A map painted from prebaked results comes before the engine: warming and preloading wait for
  // it, else they would take the CPU the engine's start needs.
  const engineStarting = useEngineBusy();
  const warmable = settledPaint && !engineStarting;
  const [preload, setPreload] = useState<readonly MapLevel[]>([]);
  const warmBusy = useWarmUpBusy();
  const { year } = state;
  // The paint whose warm-up list has been handed over (it then runs until drained).
  const [warmedFor, setWarmedFor] = useState('');
  useEffect(() => {
    if (!warmable) return undefined;
    const timer = setTimeout(() => {
      setWarmedFor(paintKey);
      warmUp(mapWarmList(indicator, level, year, chosen), (q, yieldTo) =>
        cachedQuery(q, dataVersion, { yieldTo }),
      );
      if (warmUpEnabled()) setPreload((p) => (p.length > 0 ? p : PRELOADED_LEVELS));
    }, WARM_UP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      stopWarmUp();
    };
  }, [warmable, paintKey, indicator, level, year, chosen]);
  // The warm-up started with the light levels' preload: once it has drained, the communes.
  const communesDue = warmable && !warmBusy && preload === PRELOADED_LEVELS;
  useEffect(() => {
    if (!communesDue) return undefined;
    const timer = setTimeout(() => setPreload(COMMUNES_LAST), WARM_UP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [communesDue]);

  // Once the warm-up has drained (the other levels' results are in the cache), their features
  // get their colours hidden, so that a level switch is an opacity flip (use-prepaint.ts).
  const prepaint = usePrepaint({
    enabled:
      warmable &&
      warmedFor === paintKey &&
      !warmBusy &&
      !secondValid &&
      warmUpEnabled() &&
      shown?.sql === result.sql,
    indicator,
    level,
    year,
    filters,
    method,
    classes,
    reference: mapReference,
    qpvAtCommunes,
    features: featuresOf,
    classKey,
  });

  useEffect(
    () =>
      registerTestHook('carte', {
        update,
        expectedKey: paintKey,
        expectedKey2: secondValid ? paintKey2 : null,
        busy,
        warming: warmBusy,
      }),
    [update, paintKey, paintKey2, secondValid, busy, warmBusy],
  );

  const servicesGeo = useMemo(
    () => (state.showServices && services.data ? servicesToGeoJson(services.data) : null),
    [state.showServices, services.data],
  );

  return {
    manifest,
    indicator,
    level,
    filters,
    sql: result.sql,
    error: result.error ?? result2.error ?? mapError,
    second,
    secondValid,
    indicator2,
    year2,
    qpvAtCommunes,
    shownInd,
    shownLevel,
    cols,
    names,
    intervals,
    shownInd2,
    cols2,
    names2,
    shared,
    drawn,
    drawn2,
    busy,
    busy2,
    preload,
    prepaint,
    settledPaint,
    servicesGeo,
    setPainted,
    setPainted2,
    setMapError,
    setTableOpen,
  };
}
