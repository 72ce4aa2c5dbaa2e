import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../client';

type Info = MethodOutput<'workspace.info'>;
type User = MethodOutput<'users.list'>[number];

interface SessionValue {
  info: Info | undefined;
  users: User[];
  /** The user review acts are done as (the server acts as the local studio user otherwise). */
  actingAs: User | undefined;
  setActingAs(id: string): void;
  reviewCount: number;
  refreshReviewCount(): void;
}

const SessionContext = createContext<SessionValue>({
  info: undefined,
  users: [],
  actingAs: undefined,
  setActingAs: () => {},
  reviewCount: 0,
  refreshReviewCount: () => {},
});

const ACTING_KEY = 'shequn-acting-as';

/** Loads what every screen needs once: workspace info, users, the review queue size. */
export function SessionProvider({ info, users, children }: { info: Info | undefined; users: User[]; children: ReactNode }) {
  const [actingId, setActingId] = useState<string>(() => sessionStorage.getItem(ACTING_KEY) ?? '');
  const [reviewCount, setReviewCount] = useState(0);
  const refreshReviewCount = useCallback(() => {
    api('review.list', {})
      .then((q) => setReviewCount(q.length))
      .catch(() => setReviewCount(0));
  }, []);
  useEffect(refreshReviewCount, [refreshReviewCount]);
  const setActingAs = useCallback((id: string) => {
    setActingId(id);
    sessionStorage.setItem(ACTING_KEY, id);
  }, []);
  const actingAs = users.find((u) => u.id === actingId) ?? users.find((u) => u.role === 'editor') ?? users[0];
  const value = useMemo(
    () => ({ info, users, actingAs, setActingAs, reviewCount, refreshReviewCount }),
    [info, users, actingAs, setActingAs, reviewCount, refreshReviewCount],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Workspace info, the acting user and the review count. */
export function useSession(): SessionValue {
  return useContext(SessionContext);
}
