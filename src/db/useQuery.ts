import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Table } from 'apache-arrow';
import { engineSnapshot, runQuery, subscribeEngine } from './engine';
import { ENGINE_MESSAGES } from './messages';
import { prebakedOrLive } from './prebaked';
import { noteForeground, promotable, retryIfCancelled } from './warm-up';

const MAX_CACHED = 200;
const cache = new Map<string, Promise<Table>>();
/** Results already arrived, by cache key: a view asking again gets them in the same render. */
const settled = new Map<string, Table>();

/**
 * Background queries still running, by cache key: a foreground request for one promotes it (it
 * stops yielding), else the view would wait for a query that waits for the view.
 */
const promoters = new Map<string, () => void>();

/**
 * Runs a query (SQL text) through a cache keyed by SQL text and
 * data version (LRU, failures not kept). With `yieldTo` it is a background query (the warm-up):
 * not counted as foreground, and run at low priority, yielding to `yieldTo` between slices
 * (`Connector.queryInBackground`).
 */
export function cachedQuery(
  query: string,
  version: number,
  opts: { readonly yieldTo?: () => Promise<void> } = {},
): Promise<Table> {
  const background = opts.yieldTo !== undefined;
  const key = `${version}\u0000${query}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    if (!background && !settled.has(key)) {
      const promote = promoters.get(key);
      if (promote) {
        promote();
        // A warm-up query cancelled just before this request (its list changed) rejects: the
        // view then runs it again in the foreground (the cache dropped the failed entry).
        const own = retryIfCancelled(hit, () => cachedQuery(query, version));
        noteForeground(own);
        return own;
      }
      noteForeground(hit);
    }
    return hit;
  }
  let p: Promise<Table>;
  if (opts.yieldTo) {
    const slot = promotable(opts.yieldTo);
    promoters.set(key, slot.promote);
    p = runQuery(query, slot.yieldTo);
  } else p = prebakedOrLive(query, version, () => runQuery(query));
  if (!background) noteForeground(p);
  cache.set(key, p);
  p.then(
    (t) => {
      promoters.delete(key);
      if (cache.get(key) === p) settled.set(key, t);
    },
    () => {
      promoters.delete(key);
      cache.delete(key);
    },
  );
  while (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
    settled.delete(oldest);
  }
  return p;
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
 * Runs a query built by src/query and returns its Arrow result. Results are
 * cached by SQL text and data version; while a new query runs the previous data stays (the map
 * never flashes empty); a result that arrives after its query was replaced is dropped. `null`
 * runs nothing.
 */
export function useQuery(query: string | null): QueryState {
  const version = useSyncExternalStore(subscribeEngine, () => engineSnapshot().version);
  const sql = query;
  const key = sql === null ? null : `${version}\u0000${sql}`;
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    if (sql === null || key === null) return;
    let current = true;
    cachedQuery(sql, version).then(
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
  }, [sql, key, version]);

  if (sql === null) return { data: null, error: null, loading: false };
  if (result?.key === key) return { data: result.data, error: result.error, loading: false };
  // Already in the cache: answer in this render, not after an effect and a microtask (the year
  // slider and back/forward then repaint in one step).
  const ready = key === null ? undefined : settled.get(key);
  if (ready) return { data: ready, error: null, loading: false };
  return { data: result?.data ?? null, error: null, loading: true };
}
