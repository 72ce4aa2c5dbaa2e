import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { api, setUserKey } from '../client';

type Info = MethodOutput<'workspace.info'>;
type User = MethodOutput<'users.list'>[number];

interface SessionValue {
  info: Info | undefined;
  users: User[];
  /** The user the studio acts as (their key checked); undefined = the local studio itself. */
  actingAs: User | undefined;
  /** Acts as `id` once its key is confirmed by the core (rejects with its refusal); '' = back to the local studio. */
  signInAs(id: string, key: string): Promise<void>;
  reviewCount: number;
  refreshReviewCount(): void;
}

const SessionContext = createContext<SessionValue>({
  info: undefined,
  users: [],
  actingAs: undefined,
  signInAs: async () => {},
  reviewCount: 0,
  refreshReviewCount: () => {},
});

// Per browser tab, like the studio token: a reload keeps the identity, closing the tab forgets it.
const ACTING_KEY = 'shequn-acting';

function stored(): { id: string; key: string } | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(ACTING_KEY) ?? 'null') as { id?: unknown; key?: unknown } | null;
    return v && typeof v.id === 'string' && typeof v.key === 'string' ? { id: v.id, key: v.key } : undefined;
  } catch {
    return undefined;
  }
}

/** Loads what every screen needs once: workspace info, users, the review queue size; holds the acting user and their key. */
export function SessionProvider({ info, users, children }: { info: Info | undefined; users: User[]; children: ReactNode }) {
  const [acting, setActing] = useState<{ id: string; key: string } | undefined>(() => {
    const s = stored();
    setUserKey(s?.key);
    return s;
  });
  const [reviewCount, setReviewCount] = useState(0);
  const refreshReviewCount = useCallback(() => {
    api('review.list', {})
      .then((q) => setReviewCount(q.length))
      .catch(() => setReviewCount(0));
  }, []);
  useEffect(refreshReviewCount, [refreshReviewCount]);
  const signInAs = useCallback(async (id: string, key: string) => {
    if (!id) {
      setUserKey(undefined);
      sessionStorage.removeItem(ACTING_KEY);
      setActing(undefined);
      return;
    }
    // Checked by the core with this key only; on a refusal the previous identity stays.
    const previous = stored();
    setUserKey(key);
    try {
      await api('users.whoami', { as: id });
    } catch (err) {
      setUserKey(previous?.key);
      throw err;
    }
    sessionStorage.setItem(ACTING_KEY, JSON.stringify({ id, key }));
    setActing({ id, key });
  }, []);
  const actingAs = acting ? users.find((u) => u.id === acting.id) : undefined;
  const value = useMemo(
    () => ({ info, users, actingAs, signInAs, reviewCount, refreshReviewCount }),
    [info, users, actingAs, signInAs, reviewCount, refreshReviewCount],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Workspace info, the acting user and the review count. */
export function useSession(): SessionValue {
  return useContext(SessionContext);
}
