/**
 * The test hooks reach `window.__observatoire` only when the page asked for them, and a slot is
 * removed only by the registration that set it (two maps, a view re-registering on change).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { registerTestHook, testHooksEnabled } from './test-hooks';

const g = globalThis as { window?: Partial<Window> };

afterEach(() => {
  delete g.window;
});

describe('registerTestHook', () => {
  it('publishes nothing without a window (unit tests, Node)', () => {
    expect(testHooksEnabled()).toBe(false);
    registerTestHook('probe', 1)();
    expect(g.window).toBeUndefined();
  });

  it('publishes nothing when the page did not ask for test hooks', () => {
    g.window = {};
    expect(testHooksEnabled()).toBe(false);
    registerTestHook('probe', 1);
    expect(g.window.__observatoire).toBeUndefined();
  });

  it('publishes a slot when asked, and only its own registration removes it', () => {
    g.window = { __OBSERVATOIRE_TEST_HOOKS__: true };
    const first = registerTestHook('probe', 'a');
    expect(g.window.__observatoire?.['probe']).toBe('a');
    const second = registerTestHook('probe', 'b');
    first();
    expect(g.window.__observatoire?.['probe']).toBe('b');
    second();
    expect(g.window.__observatoire).toEqual({});
  });
});
