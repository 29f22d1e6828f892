import { HttpError } from "react-admin";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchApi } from "./http";

afterEach(() => vi.unstubAllGlobals());

describe("fetchApi", () => {
  it("turns the API's codes into translation keys, for the error and for each field", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({
      code: "email_taken", message: "This email is already used", errors: { email: "This email is already used" }, fields: { email: "invalid" },
    }), { status: 409, headers: { "Content-Type": "application/json" } })));
    const error = await fetchApi("/api/users", { method: "POST", body: "{}" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe("app.errors.email_taken");
    expect((error as HttpError).status).toBe(409);
    expect((error as HttpError).body.errors).toEqual({ email: "app.errors.email_taken" });
  });

  it("says a lost connection in words, still as a network failure", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("Failed to fetch"); }));
    const error = await fetchApi("/api/users").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("app.errors.network");
  });
});
