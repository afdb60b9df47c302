// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BusyScope, useBusySignal } from './BusyScope';

function Part({ busy }: { readonly busy: boolean }): null {
  useBusySignal(busy);
  return null;
}

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container = null;
});

/** Renders into the test's one root, so a second call updates the first tree. */
function render(ui: ReactNode): HTMLElement {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  container ??= document.createElement('div');
  root ??= createRoot(container);
  act(() => root?.render(ui));
  return container;
}

describe('BusyScope', () => {
  it('is busy while any part is, or while told so', () => {
    const scope = (c: HTMLElement) => c.querySelector('section')?.getAttribute('aria-busy');
    let c = render(
      <BusyScope>
        <Part busy={true} />
        <Part busy={false} />
      </BusyScope>,
    );
    expect(scope(c)).toBe('true');
    c = render(
      <BusyScope>
        <Part busy={false} />
        <Part busy={false} />
      </BusyScope>,
    );
    expect(scope(c)).toBe('false');
    c = render(
      <BusyScope busy>
        <Part busy={false} />
      </BusyScope>,
    );
    expect(scope(c)).toBe('true');
  });

  it('forgets a busy part once it unmounts', () => {
    const c = render(
      <BusyScope>
        <Part busy={true} />
      </BusyScope>,
    );
    expect(c.querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    render(<BusyScope>{null}</BusyScope>);
    expect(c.querySelector('section')?.getAttribute('aria-busy')).toBe('false');
  });
});
