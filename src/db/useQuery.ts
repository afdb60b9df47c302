import { useEffect, useState } from 'react';
import type { Table } from 'apache-arrow';
import { appCoordinator } from './engine';
import { ENGINE_MESSAGES } from './messages';
import { useCoordinator, useDataVersion } from './useCoordinator';

/**
 * Runs a query (SQL text) through the app coordinator's cache, keyed by SQL text and data version
 * (`Coordinator.query`). With `yieldTo` it is a background query (the warm-up). Kept for the
 * callers outside React (a view's prefetch); inside React, `useCoordinator().query`.
 */
export function cachedQuery(
  query: string,
  version: number,
  opts: { readonly yieldTo?: () => Promise<void> } = {},
): Promise<Table> {
  return appCoordinator.query(query, opts, version);
}

export interface QueryState {
  readonly data: Table | null;
  readonly error: string | null;
  readonly loading: boolean;
}

interface Result {
  readonly key: string;
  readonly data: Table | null;
  readonly error: string | null;
}

/**
 * Runs a query built by src/query through the coordinator of the tree (`useCoordinator`) and
 * returns its Arrow result. Results are cached by SQL text and data version; while a new query
 * runs the previous data stays (the map never flashes empty); a result that arrives after its
 * query was replaced is dropped. `null` runs nothing.
 */
export function useQuery(query: string | null): QueryState {
  const coordinator = useCoordinator();
  const version = useDataVersion();
  const sql = query;
  const key = sql === null ? null : `${version}\u0000${sql}`;
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    if (sql === null || key === null) return;
    let current = true;
    coordinator.query(sql, {}, version).then(
      (data) => {
        if (current) setResult({ key, data, error: null });
      },
      (e: unknown) => {
        console.error('[observatoire] requête en échec :', e, '\n', sql);
        if (current) setResult({ key, data: null, error: ENGINE_MESSAGES.queryFailed });
      },
    );
    return () => {
      current = false;
    };
  }, [coordinator, sql, key, version]);

  if (sql === null) return { data: null, error: null, loading: false };
  if (result?.key === key) return { data: result.data, error: result.error, loading: false };
  // Already known: answer in this render, not after an effect and a microtask (the year slider
  // and back/forward then repaint in one step).
  const ready = coordinator.peek(sql, version);
  if (ready) return { data: ready, error: null, loading: false };
  return { data: result?.data ?? null, error: null, loading: true };
}
