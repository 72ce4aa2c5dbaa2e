import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Where the user is in the studio; mirrored in the URL fragment (`#/posts/<id>`), so reload, back and forward work. */
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
  | { screen: 'export' }
  | { screen: 'results' }
  | { screen: 'calendar' };

const PLAIN = new Set(['posts', 'templates', 'review', 'stores', 'groups', 'brand', 'export', 'results', 'calendar']);

/** The URL fragment of a route: `#/posts`, `#/posts/<id>`, `#/templates/<id>`, `#/review/<template>/<version>`... */
export function routeToHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.screen) {
    case 'post':
      return `#/posts/${e(route.id)}`;
    case 'template':
      return `#/templates/${e(route.id)}`;
    case 'reviewItem':
      return `#/review/${e(route.template)}/${route.version}`;
    default:
      return `#/${route.screen}`;
  }
}

/** The route a URL fragment names; anything else (no fragment, the access token, a typo) is the posts list. */
export function routeFromHash(hash: string): Route {
  const m = /^#\/([^?]*)/.exec(hash);
  if (!m) return { screen: 'posts' };
  let parts: string[];
  try {
    parts = m[1]!.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { screen: 'posts' };
  }
  const [screen, a, b] = parts;
  if (screen === 'posts' && a) return { screen: 'post', id: a };
  if (screen === 'templates' && a) return { screen: 'template', id: a };
  if (screen === 'review' && a && b && /^\d+$/.test(b)) return { screen: 'reviewItem', template: a, version: Number(b) };
  if (screen && PLAIN.has(screen)) return { screen } as Route;
  return { screen: 'posts' };
}

/** A check run before leaving the current screen; resolves false to stay. */
export type LeaveGuard = () => Promise<boolean>;

interface NavValue {
  route: Route;
  /** Goes to `route` unless the current screen's leave guard says stay; resolves whether it went. */
  go(route: Route): Promise<boolean>;
  setGuard(guard: LeaveGuard | null): void;
}

const NavContext = createContext<NavValue>({ route: { screen: 'posts' }, go: async () => false, setGuard: () => {} });

/**
 * Holds the route and the current screen's leave guard. Going somewhere pushes a history entry;
 * back and forward (and a typed or pasted fragment) ask the same guard, and stay put if it says no.
 */
export function NavProvider({ children, initial }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(() => initial ?? routeFromHash(window.location.hash));
  const current = useRef(route);
  current.current = route;
  const guard = useRef<LeaveGuard | null>(null);
  // True while the leave guard is asking: other navigation waits for that answer instead of asking again.
  const asking = useRef(false);
  const ask = useCallback(async (): Promise<boolean> => {
    if (!guard.current) return true;
    asking.current = true;
    try {
      return await guard.current();
    } finally {
      asking.current = false;
    }
  }, []);
  const go = useCallback(async (next: Route) => {
    if (asking.current || !(await ask())) return false;
    guard.current = null;
    const hash = routeToHash(next);
    if (window.location.hash !== hash) history.pushState(null, '', hash);
    setRoute(next);
    return true;
  }, [ask]);
  const setGuard = useCallback((g: LeaveGuard | null) => {
    guard.current = g;
  }, []);
  useEffect(() => {
    // The fragment shows where the studio opened (the first screen has no history entry of its own).
    const hash = routeToHash(current.current);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
    const onPop = async () => {
      // A Back/Forward while the guard is asking: its answer decides, and the URL is put right then.
      if (asking.current) return;
      if (routeToHash(routeFromHash(window.location.hash)) === routeToHash(current.current)) return;
      if (!(await ask())) {
        history.pushState(null, '', routeToHash(current.current));
        return;
      }
      guard.current = null;
      // Wherever the URL points now (it may have moved again while the guard asked).
      const next = routeFromHash(window.location.hash);
      history.replaceState(null, '', routeToHash(next));
      setRoute(next);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [ask]);
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
