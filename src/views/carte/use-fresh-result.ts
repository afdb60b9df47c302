/**
 * `useQuery` keeps the previous table while a new query runs (so the map never flashes empty).
 * The map must still know which query a table answers — painting a département result on the
 * commune geometry would be wrong — so this hook pairs each table with the request that asked
 * for it (`meta`, e.g. the level) and reports whether it is the answer to the current request.
 */
import type { Table } from 'apache-arrow';
import { useRef } from 'react';
import { useQuery } from '../../db';

export interface FreshResult<M> {
  /** The latest table that answered a request, with that request's SQL and meta. */
  readonly shown: { readonly table: Table; readonly sql: string; readonly meta: M } | null;
  /** True while the current request has not been answered. */
  readonly pending: boolean;
  readonly error: string | null;
}

export function useFreshResult<M>(sql: string | null, meta: M): FreshResult<M> {
  const q = useQuery(sql);
  const shown = useRef<FreshResult<M>['shown']>(null);
  const seen = useRef<Table | null>(null);
  // A table object we have not seen before, delivered while not loading, answers the current SQL.
  if (q.data && !q.loading && !q.error && q.data !== seen.current && sql !== null) {
    seen.current = q.data;
    shown.current = { table: q.data, sql, meta };
  }
  const fresh = shown.current !== null && shown.current.sql === sql;
  return { shown: shown.current, pending: sql !== null && !fresh && !q.error, error: q.error };
}
