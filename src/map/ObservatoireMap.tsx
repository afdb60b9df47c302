/**
 * The map as a React component: mounts one MapController, passes it each new result, selection,
 * overlay and view. The controller keeps the previous colours until a new result is joined, so
 * the map never flashes empty; stale results are dropped by the controller's paint sequence.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, type JSX } from 'react';
import { useIsDark } from '@codegouvfr/react-dsfr/useIsDark';
import type { MapLevel, MapView } from '../catalogue';
import type { ResultColumns, Styling } from './join';
import { registerTestHook } from '../dev/test-hooks';
import { MapController, type MapCallbacks, type MapPaint, type TileSets } from './map-controller';

export interface ObservatoireMapProps extends MapCallbacks {
  readonly dataRoot: string;
  readonly bounds: readonly [number, number, number, number];
  /** Levels whose geometry comes as pre-cut vector tiles (read once, with the data root). */
  readonly tiles: TileSets;
  readonly view: MapView | null;
  readonly level: MapLevel;
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns | null;
  readonly styling: Styling | null;
  readonly resultKey: string;
  readonly selected: string | null;
  readonly services: FeatureCollection | null;
  readonly label: string;
  /** Levels whose geometry to load ahead of need (hidden until shown). */
  readonly preload: readonly MapLevel[];
  /**
   * Results of other levels to join to their (hidden) features ahead of a switch, at an idle
   * moment (`MapController.prepaint`).
   */
  readonly prepaint?: readonly MapPaint[];
  /** Name of the test hook under `window.__observatoire` (`map2` for the second map). */
  readonly hookName?: 'map' | 'map2';
  /** Gets the controller once created (and `null` when it goes), to pair two maps. */
  readonly onController?: (controller: MapController | null) => void;
}

/** What browser tests and the bench read: the map, its controller, the last painted result. */
export interface MapTestHook {
  map: MapController['map'] | null;
  controller: MapController | null;
  /**
   * Last paint: result key, when its first complete frame was rendered, when the join started
   * and ended (performance.now()).
   */
  painted: {
    key: string;
    at: number;
    count: number;
    requestedAt: number;
    appliedAt: number;
    /** Feature states the paint's join sent. */
    states: number;
  };
}

declare global {
  interface ObservatoireTestHooks {
    map?: MapTestHook;
    map2?: MapTestHook;
  }
}

export function ObservatoireMap(props: ObservatoireMapProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const ctrl = useRef<MapController | null>(null);
  const callbacks = useRef<ObservatoireMapProps>(props);
  callbacks.current = props;

  useEffect(() => {
    const el = container.current;
    if (!el) return undefined;
    const hook: MapTestHook = {
      map: null,
      controller: null,
      painted: { key: '', at: 0, count: 0, requestedAt: 0, appliedAt: 0, states: 0 },
    };
    const c = new MapController(
      el,
      props.dataRoot,
      props.bounds,
      props.view,
      {
        onHover: (h) => callbacks.current.onHover(h),
        onSelect: (code) => callbacks.current.onSelect(code),
        onMove: (v) => callbacks.current.onMove(v),
        onError: (m) => callbacks.current.onError(m),
        onPainted: (key, times) => {
          hook.painted = { key, at: performance.now(), count: hook.painted.count + 1, ...times };
          callbacks.current.onPainted(key, times);
        },
      },
      props.tiles,
    );
    ctrl.current = c;
    hook.map = c.map;
    hook.controller = c;
    const unregister = registerTestHook(props.hookName ?? 'map', hook);
    const ro = new ResizeObserver(() => c.map.resize());
    ro.observe(el);
    callbacks.current.onController?.(c);
    return () => {
      ro.disconnect();
      callbacks.current.onController?.(null);
      c.destroy();
      ctrl.current = null;
      unregister();
    };
    // The map is created once; later prop changes go through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.dataRoot]);

  const { cols, styling, level, mode, resultKey } = props;
  useEffect(() => {
    if (!cols || !styling) return;
    void ctrl.current?.paint({ level, mode, cols, styling, key: resultKey });
  }, [cols, styling, level, mode, resultKey]);

  useEffect(() => {
    ctrl.current?.select(props.selected);
  }, [props.selected, resultKey]);

  useEffect(() => {
    ctrl.current?.setServices(props.services);
  }, [props.services]);

  const { preload } = props;
  useEffect(() => {
    if (preload.length > 0) ctrl.current?.preload(preload);
  }, [preload]);

  const { prepaint } = props;
  useEffect(() => {
    if (!prepaint) return undefined;
    const run = (): void => ctrl.current?.prepaint(prepaint);
    // An empty list only drops the jobs not joined yet (a state the user has left).
    if (prepaint.length === 0 || typeof requestIdleCallback !== 'function') {
      run();
      return undefined;
    }
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }, [prepaint]);

  // The DSFR theme (system setting by default, or the « Paramètres d’affichage » choice).
  const { isDark } = useIsDark();
  useEffect(() => {
    ctrl.current?.setTheme(isDark ? 'dark' : 'light');
  }, [isDark]);

  const { view } = props;
  useEffect(() => {
    ctrl.current?.setView(view);
  }, [view]);

  return (
    <div
      ref={container}
      className="observatoire-map__canvas"
      role="region"
      aria-label={props.label}
      data-level={level}
    />
  );
}
