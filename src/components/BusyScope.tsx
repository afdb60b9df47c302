/**
 * `aria-busy` for a view: the view wraps its content in <BusyScope> and every part that loads
 * (a query, a map paint) calls `useBusySignal(loading)`. The scope is busy while any part is, so
 * assistive technologies and browser tests know when the view is painted. Parts register in a
 * layout effect, before the browser paints, so the scope is never seen idle while a part loads.
 */
import {
  createContext,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  type HTMLAttributes,
  type JSX,
  type ReactNode,
} from 'react';

interface BusyRegistry {
  set(id: string, busy: boolean): void;
}

const BusyContext = createContext<BusyRegistry | null>(null);

export interface BusyScopeProps extends HTMLAttributes<HTMLElement> {
  /** Busy for reasons the scope itself knows (e.g. the engine is still starting). */
  readonly busy?: boolean;
  readonly as?: 'section' | 'div' | 'main' | 'article';
  readonly children?: ReactNode;
}

export function BusyScope({
  busy = false,
  as = 'section',
  children,
  ...rest
}: BusyScopeProps): JSX.Element {
  const [parts, setParts] = useState<ReadonlySet<string>>(() => new Set());
  const set = useCallback((id: string, isBusy: boolean) => {
    setParts((prev) => {
      if (prev.has(id) === isBusy) return prev;
      const next = new Set(prev);
      if (isBusy) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const registry = useMemo(() => ({ set }), [set]);
  const Tag = as;
  return (
    <BusyContext.Provider value={registry}>
      <Tag {...rest} aria-busy={busy || parts.size > 0 ? 'true' : 'false'}>
        {children}
      </Tag>
    </BusyContext.Provider>
  );
}

/** Marks the enclosing BusyScope busy while `busy` is true (and until the caller unmounts). */
export function useBusySignal(busy: boolean): void {
  const registry = useContext(BusyContext);
  const id = useId();
  useLayoutEffect(() => {
    if (!registry) return undefined;
    registry.set(id, busy);
    return () => registry.set(id, false);
  }, [registry, id, busy]);
}
