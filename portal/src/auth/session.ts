import type { Session } from "@messagerie/client/types";

/** The portal's session, kept across reloads. */
export const SESSION_KEY = "messagerie.portal";
/** The admin console's session key (admin/src/auth/session.ts): an admin signing in here is handed over. */
export const ADMIN_SESSION_KEY = "messagerie.admin";
export const ADMIN_URL = "/admin/";

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const { token, user } = value as { token?: unknown; user?: unknown };
  if (typeof token !== "string" || typeof user !== "object" || user === null) return false;
  const { id, name, role } = user as { id?: unknown; name?: unknown; role?: unknown };
  return typeof id === "number" && typeof name === "string" && (role === "PROFESSIONAL" || role === "ADMIN");
}

export function readSession(): Session | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null");
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const writeSession = (session: Session): void => localStorage.setItem(SESSION_KEY, JSON.stringify(session));

export const clearSession = (): void => localStorage.removeItem(SESSION_KEY);

/** Why this tab's session ended, kept across a reload so that the login page still says it. */
export type SignedOutReason = "expired" | "disabled";
const SIGNED_OUT_KEY = "messagerie.portal.signedOut";

export function readSignedOutReason(): SignedOutReason | null {
  try {
    const value = sessionStorage.getItem(SIGNED_OUT_KEY);
    return value === "expired" || value === "disabled" ? value : null;
  } catch {
    return null;
  }
}

export function writeSignedOutReason(reason: SignedOutReason | null): void {
  try {
    if (reason) sessionStorage.setItem(SIGNED_OUT_KEY, reason);
    else sessionStorage.removeItem(SIGNED_OUT_KEY);
  } catch {
    // Storage refused (private mode): the login page says it until the next reload only.
  }
}

/** Admins work in the console: give it the session and go there. */
export function handOverToAdmin(session: Session): void {
  localStorage.setItem(ADMIN_SESSION_KEY, JSON.stringify(session));
  window.location.assign(ADMIN_URL);
}
