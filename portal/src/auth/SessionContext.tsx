import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Session } from "@messagerie/client/types";
import { clearSession, readSession, writeSession } from "./session.ts";

interface SessionState {
  session: Session | null;
  /** True after the API refused the token: the login page says the session expired. */
  expired: boolean;
  signIn: (session: Session) => void;
  signOut: (options?: { expired?: boolean }) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((next: Session) => {
    writeSession(next);
    setExpired(false);
    setSession(next);
  }, []);

  const signOut = useCallback((options: { expired?: boolean } = {}) => {
    clearSession();
    setExpired(options.expired ?? false);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession must be used inside <SessionProvider>");
  return state;
}
