import type { AuthProvider } from "react-admin";
import { fetchApi } from "../api/http";
import { clearSession, isSession, readSession, writeSession, writeSignedOutReason } from "./session";

/** Translation key shown when a professional tries to enter the console. */
export const ADMINS_ONLY = "app.auth.admins_only";

interface Credentials {
  email: string;
  password: string;
}

export const createAuthProvider = (apiUrl = "/api"): AuthProvider => ({
  async login({ email, password }: Credentials) {
    const { json } = await fetchApi(`${apiUrl}/auth/login`, {
      method: "POST",
      body: JSON.stringify({ email, password }),
    });
    if (!isSession(json)) throw new Error("ra.auth.sign_in_error");
    if (json.user.role !== "ADMIN") throw new Error(ADMINS_ONLY);
    writeSession(json);
  },

  async logout() {
    clearSession();
  },

  async checkAuth() {
    const session = readSession();
    // No notification on a plain first visit: the login page speaks for itself.
    if (!session) throw { message: false };
    if (session.user.role !== "ADMIN") {
      clearSession();
      throw new Error(ADMINS_ONLY);
    }
  },

  async checkError(error: { status?: number; body?: { code?: unknown } }) {
    // 403 means "not allowed to do this", not "signed out": stay signed in.
    if (error?.status === 401) {
      clearSession();
      // Said on the login page: a deactivated account, or a session that expired.
      const reason = error.body?.code === "account_disabled" ? "app.errors.account_disabled" : "app.errors.session_expired";
      writeSignedOutReason(reason);
      throw { message: reason };
    }
  },

  async getIdentity() {
    const session = readSession();
    if (!session) throw new Error("Not signed in");
    return { id: session.user.id, fullName: session.user.name };
  },
});
