/**
 * The coordinator's result cache: query promises by key (SQL text and data version), least
 * recently used first out, budgeted by the bytes of the Arrow results rather than by their
 * number (a commune result is ~35k rows, a national one a single row). A query in flight counts
 * for nothing until it settles; a failed query is not kept.
 *
 * Results a view asked for (`asked`) go out after those only the warm-up ran, as long as they
 * hold at most half the budget: a map result of all years and types is ~12 MB at EPCI level, so
 * the warm-up of one EPCI map (the five other indicators there) filled the 64 MB budget alone
 * and pushed out the maps the user had just seen; going back to one then ran its query again
 * (2.6 s at ×250 under load, measured in the bench's level series).
 */
import type { Data, Table } from 'apache-arrow';

/**
 * Bytes held by `table`'s buffers (values, offsets, validity, type ids, children, dictionaries),
 * from the buffers' lengths: no copy and no serialisation, linear in the number of columns and
 * batches. Buffers that are views on a larger one count for their view only.
 */
export function tableBytes(table: Table): number {
  const dictionaries = new Set<unknown>();
  const bytes = (data: Data): number => {
    const { valueOffsets, values, nullBitmap, typeIds } = data;
    let n =
      (valueOffsets?.byteLength ?? 0) +
      (values?.byteLength ?? 0) +
      (nullBitmap?.byteLength ?? 0) +
      (typeIds?.byteLength ?? 0);
    for (const child of data.children) n += bytes(child);
    // `Data.byteLength` leaves dictionaries out; one shared by several batches counts once.
    const dictionary = data.dictionary;
    if (dictionary && !dictionaries.has(dictionary)) {
      dictionaries.add(dictionary);
      for (const d of dictionary.data) n += bytes(d);
    }
    return n;
  };
  let total = 0;
  for (const batch of table.data) total += bytes(batch);
  return total;
}

interface Entry {
  readonly promise: Promise<Table>;
  /** The result once arrived: a view asking again gets it in the same render. */
  table?: Table;
  bytes: number;
  /** Whether a view (a foreground request) asked for it, not only the warm-up. */
  asked: boolean;
}

/** Query results by key, LRU, at most `budget` bytes of settled results. */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private used = 0;
  /** Bytes of the settled results a view asked for. */
  private askedBytes = 0;

  constructor(readonly budget: number) {}

  /** Bytes of the settled results kept. */
  get bytes(): number {
    return this.used;
  }

  /** Number of entries (settled or in flight). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The entry's promise, marked as the most recently used; `asked`: a view asks for it (it then
   * goes out after the warm-up's results, see `evict`).
   */
  get(key: string, asked = false): Promise<Table> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (asked && !entry.asked) {
      entry.asked = true;
      this.askedBytes += entry.bytes;
    }
    return entry.promise;
  }

  /** Whether a view asked for `key` (tests). */
  asked(key: string): boolean {
    return this.entries.get(key)?.asked === true;
  }

  /** The result of `key` if it has arrived (does not change the LRU order). */
  settled(key: string): Table | undefined {
    return this.entries.get(key)?.table;
  }

  /**
   * Keeps `promise` under `key` (`asked`: for a view, not the warm-up); once it resolves it is
   * sized and the budget enforced.
   */
  set(key: string, promise: Promise<Table>, asked = false): void {
    this.delete(key);
    const entry: Entry = { promise, bytes: 0, asked };
    this.entries.set(key, entry);
    promise.then(
      (table) => {
        if (this.entries.get(key) !== entry) return;
        entry.table = table;
        entry.bytes = tableBytes(table);
        this.used += entry.bytes;
        if (entry.asked) this.askedBytes += entry.bytes;
        this.evict(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.delete(key);
      },
    );
  }

  /**
   * Keeps a result already known (a prebaked one, primed for the entry view: a view's, so
   * `asked`) under `key`, readable at once (`settled`).
   */
  put(key: string, table: Table): void {
    this.delete(key);
    const bytes = tableBytes(table);
    this.entries.set(key, { promise: Promise.resolve(table), table, bytes, asked: true });
    this.used += bytes;
    this.askedBytes += bytes;
    this.evict(key);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
    if (entry.asked) this.askedBytes -= entry.bytes;
  }

  /** Forgets every entry whose key `drop` accepts. */
  deleteWhere(drop: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (drop(key)) this.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.used = 0;
    this.askedBytes = 0;
  }

  /**
   * Drops settled results until the budget holds: first the least recently used of those only
   * the warm-up asked for (and of the asked ones too while these hold more than half the
   * budget), then the least recently used of all. `keep` (the result that just arrived) stays
   * even when alone over budget: its view is about to read it.
   */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget) return;
      if (key === keep || entry.table === undefined) continue;
      if (!entry.asked || this.askedBytes > this.budget / 2) this.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget) return;
      if (key === keep || entry.table === undefined) continue;
      this.delete(key);
    }
  }
}
