import type { User } from "@messagerie/client/types";

// The signed-in admin, shared with the portal: when an admin logs in there, the portal writes this key and
// redirects to /admin/, so the console opens already signed in.
export const SESSION_KEY = "messagerie.admin";

// The signed-in user as stored: the login answer's user, of which the console needs only these fields.
export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

export interface Session {
  token: string;
  user: SessionUser;
}

export const isSession = (value: unknown): value is Session => {
  if (typeof value !== "object" || value === null) return false;
  const { token, user } = value as { token?: unknown; user?: unknown };
  if (typeof token !== "string" || typeof user !== "object" || user === null) return false;
  const { id, name, role } = user as { id?: unknown; name?: unknown; role?: unknown };
  return typeof id === "number" && typeof name === "string" && (role === "ADMIN" || role === "PROFESSIONAL");
};

export const readSession = (): Session | null => {
  const raw = localStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

export const writeSession = (session: Session): void => {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
};

export const clearSession = (): void => {
  localStorage.removeItem(SESSION_KEY);
};

export const authHeader = (): Record<string, string> => {
  const session = readSession();
  return session ? { Authorization: `Bearer ${session.token}` } : {};
};

// Why the console signed its admin out (a translation key), said once on the sign-in screen that follows: the
// redirection there drops react-admin's notifications. Kept for the tab only.
const SIGNED_OUT_KEY = "messagerie.admin.signedOut";

export const writeSignedOutReason = (key: string): void => {
  sessionStorage.setItem(SIGNED_OUT_KEY, key);
};

/** The reason left by the last sign-out, forgotten once read. */
export const takeSignedOutReason = (): string | null => {
  const key = sessionStorage.getItem(SIGNED_OUT_KEY);
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return key;
};
