import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { UrlStateStore } from './useAppState';
import { DEFAULT_STATE } from './url';

const BASE = 'http://localhost:4173/';
const stores: UrlStateStore[] = [];

function open(search: string): { store: UrlStateStore; win: Window } {
  const dom = new JSDOM('<!doctype html><html lang="fr"><body></body></html>', {
    url: BASE + search,
  });
  const win = dom.window as unknown as Window;
  const store = new UrlStateStore(win);
  stores.push(store);
  return { store, win };
}

function popped(win: Window): Promise<void> {
  return new Promise((resolve) =>
    win.addEventListener('popstate', () => resolve(), { once: true }),
  );
}

afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

describe('URL state store', () => {
  it('reads the URL, keeps notices and rewrites it in canonical form', () => {
    const { store, win } = open('?annee=2019&niveau=canton&vue=series');
    expect(store.getSnapshot().state).toEqual({ ...DEFAULT_STATE, year: 2019, view: 'series' });
    expect(store.getSnapshot().notices).toHaveLength(1);
    expect(win.location.search).toBe('?vue=series&periode=2019');
    expect(win.history.length).toBe(1);
  });

  it('pushes deliberate changes, replaces continuous ones, and walks back', async () => {
    const { store, win } = open('');
    let calls = 0;
    store.subscribe(() => calls++);
    store.update({ view: 'donnees' });
    store.update({ year: 2020 });
    expect(win.location.search).toBe('?vue=donnees&periode=2020');
    expect(win.history.length).toBe(3);
    store.update({ map: { lon: 2.123456, lat: 47, zoom: 6.789 } }, { replace: true });
    expect(win.history.length).toBe(3);
    expect(win.location.search).toBe('?vue=donnees&periode=2020&carte=2.1235,47,6.79');
    expect(store.getSnapshot().state.map).toEqual({ lon: 2.1235, lat: 47, zoom: 6.79 });
    expect(calls).toBe(3);

    const back = popped(win);
    win.history.back();
    await back;
    expect(store.getSnapshot().state).toEqual({ ...DEFAULT_STATE, view: 'donnees' });

    const forward = popped(win);
    win.history.forward();
    await forward;
    expect(store.getSnapshot().state.year).toBe(2020);
    expect(store.getSnapshot().state.map).toEqual({ lon: 2.1235, lat: 47, zoom: 6.79 });
  });

  it('normalises an update as the URL would', () => {
    const { store, win } = open('?niveau=commune');
    store.update({ indicator: 'france_services_taux' });
    expect(store.getSnapshot().state.level).toBe('departement');
    expect(win.location.search).toBe('?indicateur=france_services_taux');
  });

  it('does not push an entry when nothing changes', () => {
    const { store, win } = open('?vue=sites');
    store.update({ view: 'sites' });
    expect(win.history.length).toBe(1);
  });

  it('keeps the same state object when only the fragment changes', async () => {
    const { store, win } = open('?vue=donnees&comparer=departement:93');
    const before = store.getSnapshot();
    const hop = popped(win);
    win.location.hash = '#table-cases';
    await hop;
    expect(store.getSnapshot()).toBe(before);
  });

  it('lets the user dismiss notices', () => {
    const { store } = open('?foo=bar');
    expect(store.getSnapshot().notices).toHaveLength(1);
    store.dismissNotices();
    expect(store.getSnapshot().notices).toEqual([]);
  });
});
