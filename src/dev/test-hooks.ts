/**
 * The one door of the browser tests and the bench into the page: `window.__observatoire`. Each
 * part registers its own slot here (`engine` from db/engine, `map`/`map2` from ObservatoireMap,
 * `carte` from the Carte view) and declares its shape by augmenting `ObservatoireTestHooks`.
 *
 * Off unless asked for: the slots reach `window` only when the page was opened with
 * `window.__OBSERVATOIRE_TEST_HOOKS__ = true` set before the app's scripts (an init script:
 * browser-tests/harness.ts and scripts/bench.ts set it). The browser tests and the bench
 * drive the production build, the very files users get, so the hooks cannot be compiled out of
 * it; a user's page carries this small module but exposes nothing. Nothing here imports the rest
 * of the app: every layer can register.
 */

declare global {
  /** Slots of `window.__observatoire`, augmented by each registrant. */
  interface ObservatoireTestHooks {
    [name: string]: unknown;
  }
  interface Window {
    __observatoire?: ObservatoireTestHooks;
    /** Set by an init script of the browser tests and the bench. */
    __OBSERVATOIRE_TEST_HOOKS__?: boolean;
  }
}

/** Whether this page publishes its test hooks (see the module comment). */
export function testHooksEnabled(): boolean {
  if (typeof window === 'undefined') return false;
  return window.__OBSERVATOIRE_TEST_HOOKS__ === true;
}

/**
 * Publishes `value` as `window.__observatoire[name]` when test hooks are on (otherwise does
 * nothing) and returns what removes it again — only if it is still the one published.
 */
export function registerTestHook<K extends keyof ObservatoireTestHooks & string>(
  name: K,
  value: NonNullable<ObservatoireTestHooks[K]>,
): () => void {
  if (!testHooksEnabled()) return () => undefined;
  const hooks: ObservatoireTestHooks = (window.__observatoire ??= {});
  hooks[name] = value;
  return () => {
    if (window.__observatoire?.[name] === value) delete window.__observatoire[name];
  };
}
