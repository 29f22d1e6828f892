import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { Session } from "@messagerie/client/types";
import { clearSession, readSession, readSignedOutReason, writeSession, writeSignedOutReason } from "./session.ts";

interface SessionState {
  session: Session | null;
  /** Why the API refused the token, when it did: the login page says the session expired, or the account was deactivated. */
  expired: boolean;
  disabled: boolean;
  signIn: (session: Session) => void;
  signOut: (options?: { expired?: boolean; disabled?: boolean }) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [expired, setExpired] = useState(() => readSignedOutReason() === "expired");
  const [disabled, setDisabled] = useState(() => readSignedOutReason() === "disabled");

  const signIn = useCallback((next: Session) => {
    writeSession(next);
    writeSignedOutReason(null);
    toldDisabled.current = false;
    setExpired(false);
    setDisabled(false);
    setSession(next);
  }, []);

  // Several calls may be refused at once, in any order: once one said the account is deactivated, that is what is told.
  const toldDisabled = useRef(readSignedOutReason() === "disabled");
  const signOut = useCallback((options: { expired?: boolean; disabled?: boolean } = {}) => {
    clearSession();
    const next = options.disabled === true || (toldDisabled.current && options.expired === true);
    toldDisabled.current = next;
    writeSignedOutReason(next ? "disabled" : options.expired ? "expired" : null);
    setDisabled(next);
    setExpired(!next && options.expired === true);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, expired, disabled, signIn, signOut }), [session, expired, disabled, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession must be used inside <SessionProvider>");
  return state;
}
