import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Where the user is in the studio. Kept in memory (the URL fragment carries the access token). */
export type Route =
  | { screen: 'posts' }
  | { screen: 'post'; id: string }
  | { screen: 'templates' }
  | { screen: 'template'; id: string }
  | { screen: 'review' }
  | { screen: 'reviewItem'; template: string; version: number }
  | { screen: 'stores' }
  | { screen: 'groups' }
  | { screen: 'brand' }
  | { screen: 'export' };

/** A check run before leaving the current screen; resolves false to stay. */
export type LeaveGuard = () => Promise<boolean>;

interface NavValue {
  route: Route;
  go(route: Route): Promise<void>;
  setGuard(guard: LeaveGuard | null): void;
}

const NavContext = createContext<NavValue>({ route: { screen: 'posts' }, go: async () => {}, setGuard: () => {} });

/** Holds the route and the current screen's leave guard. */
export function NavProvider({ children, initial }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(initial ?? { screen: 'posts' });
  const guard = useRef<LeaveGuard | null>(null);
  const go = useCallback(async (next: Route) => {
    if (guard.current && !(await guard.current())) return;
    guard.current = null;
    setRoute(next);
  }, []);
  const setGuard = useCallback((g: LeaveGuard | null) => {
    guard.current = g;
  }, []);
  const value = useMemo(() => ({ route, go, setGuard }), [route, go, setGuard]);
  return <NavContext.Provider value={value}>{children}</NavContext.Provider>;
}

/** The route and `go(route)`. */
export function useNav(): NavValue {
  return useContext(NavContext);
}

/**
 * Registers a guard while `active`: navigating away inside the studio asks `ask()`,
 * and closing or reloading the window shows the browser's own warning.
 */
export function useLeaveGuard(active: boolean, ask: LeaveGuard): void {
  const { setGuard } = useNav();
  const askRef = useRef(ask);
  askRef.current = ask;
  useEffect(() => {
    if (!active) {
      setGuard(null);
      return;
    }
    setGuard(() => askRef.current());
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setGuard(null);
    };
  }, [active, setGuard]);
}
