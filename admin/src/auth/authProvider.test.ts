import { HttpError } from "react-admin";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeApi } from "../test/fakeApi";
import { ADMINS_ONLY, createAuthProvider } from "./authProvider";
import { readSession, SESSION_KEY } from "./session";

const authProvider = createAuthProvider();

describe("authProvider", () => {
  beforeEach(() => {
    vi.stubGlobal("fetch", createFakeApi().fetch);
  });

  it("signs an admin in and keeps the session where the portal also writes it", async () => {
    await authProvider.login({ email: "admin@demo.local", password: "demo1234" });
    expect(readSession()?.user.name).toBe("Alice Martin");
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
    await expect(authProvider.getIdentity?.()).resolves.toEqual({ id: 1, fullName: "Alice Martin" });
  });

  it("refuses a professional with a clear message and keeps no session", async () => {
    await expect(authProvider.login({ email: "pro1@demo.local", password: "demo1234" })).rejects.toThrow(ADMINS_ONLY);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it("turns away a professional's session left by the portal", async () => {
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ token: "t", user: { id: 2, email: "pro1@demo.local", name: "Paul", role: "PROFESSIONAL" } }),
    );
    await expect(authProvider.checkAuth({})).rejects.toThrow(ADMINS_ONLY);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it("logs out on 401 but not on 403", async () => {
    await authProvider.login({ email: "admin@demo.local", password: "demo1234" });
    await expect(authProvider.checkError(new HttpError("Forbidden", 403))).resolves.toBeUndefined();
    expect(readSession()).not.toBeNull();
    await expect(authProvider.checkError(new HttpError("Unauthorized", 401))).rejects.toBeDefined();
    expect(readSession()).toBeNull();
  });
});
