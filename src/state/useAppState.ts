/**
 * The app state lives in the URL. One store per page reads `location.search`, shares the parsed
 * state with every component (useSyncExternalStore) and writes changes back to history:
 * a push for a deliberate change (back/forward walk through them), a replace for continuous ones
 * such as map moves. Back/forward (popstate) re-read the URL.
 *
 * The history write comes just after the next frame, not before the view renders: Chromium's
 * `pushState` takes 0.2–12 ms (a message to the browser process), which every click on the map
 * paid before its first frame. The state itself changes at once.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { URL_NOTICES } from '../messages';
import type { AppState } from './app-state';
import { URL_QUERY_MAX, fitsInUrl, parseState, serialiseState } from './url';

export interface UpdateOptions {
  /** Replace the current history entry instead of pushing one (continuous changes). */
  readonly replace?: boolean;
}

export type UpdateState = (patch: Partial<AppState>, opts?: UpdateOptions) => void;

/** A history write waiting for the frame after its change. */
interface PendingWrite {
  /** `location.search` when the write was scheduled. */
  readonly from: string;
  search: string;
  replace: boolean;
}

/** The latest a history write waits when no frame comes (a hidden tab has none). */
export const HISTORY_WRITE_MAX_DELAY_MS = 200;

interface Snapshot {
  readonly state: AppState;
  /** Notices about the URL the user opened or navigated back to (dismissible). */
  readonly notices: readonly string[];
}

/** A URL-backed store. Exported for tests; the app uses the page's single instance. */
export class UrlStateStore {
  private snapshot: Snapshot;
  private pending: PendingWrite | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly win: Window) {
    this.snapshot = this.read();
    this.canonicalise();
    win.addEventListener('popstate', this.onPopState);
  }

  getSnapshot = (): Snapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update: UpdateState = (patch, opts) => {
    const next = { ...this.snapshot.state, ...patch };
    const candidate = serialiseState(next);
    if (!fitsInUrl(candidate)) {
      // Refused before it reaches the address bar: a server would answer 431/414 to the link.
      console.warn(`[Observatoire] état refusé : adresse de ${candidate.length} caractères`, patch);
      const notice = URL_NOTICES.tooLong(candidate.length, URL_QUERY_MAX);
      const kept = this.snapshot.notices.filter((n) => n !== notice);
      this.set({ ...this.snapshot, notices: [...kept, notice] });
      return;
    }
    const { state, notices } = parseState(candidate);
    const search = serialiseState(state);
    // The state is normalised like a URL would be (e.g. an indicator not valid at the current
    // level moves the level); worth a trace for developers, not an error for users.
    if (notices.length > 0) console.warn('[Observatoire] état normalisé :', notices, patch);
    if (search !== this.writtenSearch()) this.schedule(search, opts?.replace === true);
    this.set({ state, notices: this.snapshot.notices });
  };

  /** Writes a waiting history entry now (tests; a navigation that must see it). */
  flushHistory = (): void => {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const url = this.win.location.pathname + p.search + this.win.location.hash;
    if (p.replace) this.win.history.replaceState(null, '', url);
    else this.win.history.pushState(null, '', url);
  };

  /** The page's URL for this state, its history write done or not (permalinks). */
  href = (): string => {
    const l = this.win.location;
    return l.origin + l.pathname + this.writtenSearch() + l.hash;
  };

  dismissNotices = (): void => this.set({ ...this.snapshot, notices: [] });

  dispose(): void {
    this.flushHistory();
    this.win.removeEventListener('popstate', this.onPopState);
  }

  private onPopState = (): void => {
    const p = this.pending;
    if (p) {
      // A fragment link followed before the write came (same search): write it now, keeping the
      // fragment. Back/forward before it (another search): the history wins, the write is dropped.
      if (this.win.location.search === p.from) {
        this.flushHistory();
        return;
      }
      this.pending = null;
    }
    // Following an in-page link (#contenu, #table-cases) also fires popstate: same state, no render.
    if (this.win.location.search === serialiseState(this.snapshot.state)) return;
    this.set(this.read());
  };

  /** The search the URL has, or will have once the waiting write is done. */
  private writtenSearch(): string {
    return this.pending?.search ?? this.win.location.search;
  }

  /**
   * Writes `search` to history after the next frame. A replace that follows a waiting write
   * joins it (the result is the same history); a push writes the waiting one first.
   */
  private schedule(search: string, replace: boolean): void {
    if (this.pending && replace) {
      this.pending.search = search;
      return;
    }
    this.flushHistory();
    this.pending = { from: this.win.location.search, search, replace };
    const w = this.win;
    // After the frame: a timer set from a frame callback runs once that frame is drawn.
    if (typeof w.requestAnimationFrame === 'function')
      w.requestAnimationFrame(() => w.setTimeout(this.flushHistory, 0));
    w.setTimeout(this.flushHistory, HISTORY_WRITE_MAX_DELAY_MS);
  }

  private read(): Snapshot {
    return parseState(this.win.location.search);
  }

  /** Rewrites a migrated or partly invalid URL into its canonical form (same history entry). */
  private canonicalise(): void {
    const search = serialiseState(this.snapshot.state);
    if (search !== this.win.location.search) {
      const url = this.win.location.pathname + search + this.win.location.hash;
      this.win.history.replaceState(null, '', url);
    }
  }

  private set(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    for (const l of this.listeners) l();
  }
}

let store: UrlStateStore | null = null;

function pageStore(): UrlStateStore {
  store ??= new UrlStateStore(window);
  return store;
}

/** `const [state, update] = useAppState()`: the URL state and its updater. */
export function useAppState(): readonly [AppState, UpdateState] {
  const s = pageStore();
  const snapshot = useSyncExternalStore(s.subscribe, s.getSnapshot);
  return [snapshot.state, s.update] as const;
}

/** The permalink of the current state (`location.href` can lag a frame behind a change). */
export function currentHref(): string {
  return pageStore().href();
}

/** Notices about ignored URL parameters, and a function to dismiss them. */
export function useUrlNotices(): readonly [readonly string[], () => void] {
  const s = pageStore();
  const snapshot = useSyncExternalStore(s.subscribe, s.getSnapshot);
  return [snapshot.notices, s.dismissNotices] as const;
}

/** A memoised updater for one field, e.g. `const setYear = useStateField('year')`. */
export function useStateField<K extends keyof AppState>(
  key: K,
): (value: AppState[K], opts?: UpdateOptions) => void {
  const [, update] = useAppState();
  return useCallback(
    (value, opts) => update({ [key]: value } as Pick<AppState, K>, opts),
    [key, update],
  );
}
