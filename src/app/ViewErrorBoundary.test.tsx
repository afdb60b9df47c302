// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ViewErrorBoundary } from './ViewErrorBoundary';

let fail = true;
function Flaky(): string {
  if (fail) throw new Error('panne simulée');
  return 'vue affichée';
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

describe('ViewErrorBoundary', () => {
  it('replaces a crashed view by a French message, logs the detail, and retries', () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    fail = true;
    act(() =>
      root?.render(
        <ViewErrorBoundary view="carte">
          <Flaky />
        </ViewErrorBoundary>,
      ),
    );
    expect(container.textContent).toContain('Cette vue a rencontré une erreur');
    expect(container.textContent).toContain('panne simulée');
    expect(container.querySelector('[data-view-error="carte"]')).not.toBeNull();
    expect(logged.mock.calls.some((c) => String(c[0]).includes('« carte » a échoué'))).toBe(true);

    fail = false;
    const retry = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Réessayer',
    );
    expect(retry).toBeDefined();
    act(() => retry?.click());
    expect(container.textContent).toBe('vue affichée');
  });
});
