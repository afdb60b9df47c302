import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { DatasetManifest } from '../catalogue/dataset';
import type { PublishedTableName } from '../catalogue/schema';
import type { EngineStatus } from './connector';
import { engineSnapshot, showFigure, subscribeEngine, tablesReadBy } from './engine';
import { provenanceOf, syntheticShown, type Provenance, type ProvenanceMap } from './provenance';

/** The engine's status: idle | loading(step, progress) | ready | failed(message, detail). */
/**
 * A value of the engine's state, re-read when it changes. The same reader serves server
 * rendering (the build's poster of the first view, src/app/poster-page.tsx): the state at rest.
 */
function useEngineValue<T>(get: () => T): T {
  return useSyncExternalStore(subscribeEngine, get, get);
}

export function useEngineStatus(): EngineStatus {
  return useEngineValue(() => engineSnapshot().status);
}

/**
 * Whether every table is loaded and the engine locked. Views do not need it (their queries wait
 * for the tables they read); tests and the benchmark read it from `data-engine-complete`.
 */
export function useEngineComplete(): boolean {
  return useEngineValue(() => engineSnapshot().complete);
}

/**
 * The dataset's manifest, as soon as it is read — before any table is loaded, so what it says
 * (synthetic data, geometry, bounds) shows at once. Null before that.
 */
export function useManifest(): DatasetManifest | null {
  return useEngineValue(() => engineSnapshot().manifest);
}

/**
 * Label of the data in use: the demo manifest's title, or the names of the user's own files in
 * use after `notifyDataChanged`. Null before loading.
 */
export function useDataSource(): string | null {
  return useEngineValue(() => engineSnapshot().sourceLabel);
}

/**
 * Whether a view is busy because of the engine: while it starts. A failed engine is not busy
 * (the view shows the failure), so `aria-busy` never stays true forever.
 */
export function useEngineBusy(): boolean {
  const state = useEngineStatus().state;
  return state === 'idle' || state === 'loading';
}

/** Where each table's rows come from: the dataset, or the user's own file. */
export function useTableProvenance(): ProvenanceMap {
  return useEngineValue(() => engineSnapshot().tables);
}

/**
 * Provenance of a figure from the tables its `sql` reads (null until the plan is known, or
 * without SQL). While mounted, the figure counts for the synthetic-data banner.
 */
export function useProvenance(sql: string | null): Provenance | null {
  const id = useId();
  const map = useTableProvenance();
  const [read, setRead] = useState<{ sql: string; tables: PublishedTableName[] } | null>(null);
  useEffect(() => {
    if (sql === null) return undefined;
    let live = true;
    void tablesReadBy(sql).then((tables) => {
      if (!live) return;
      setRead({ sql, tables });
      showFigure(id, tables);
    });
    return () => {
      live = false;
    };
  }, [sql, id]);
  useEffect(() => () => showFigure(id, null), [id]);
  useEffect(() => {
    if (sql === null) showFigure(id, null);
  }, [sql, id]);
  return useMemo(
    () => (read && read.sql === sql ? provenanceOf(map, read.tables) : null),
    [read, sql, map],
  );
}

/** Whether the synthetic-data banner shows (`syntheticShown` over the figures on screen). */
export function useSyntheticShown(): boolean {
  return useEngineValue(() => {
    const { figures, tables, manifest } = engineSnapshot();
    return syntheticShown(figures.values(), tables, manifest?.synthetic ?? false);
  });
}
