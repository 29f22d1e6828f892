import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { PASSWORD, startTestApp, type TestApp } from "./harness.ts";

/** Every error says what went wrong as a stable `code` (and, for a form, a code per field) for the UIs to translate. */
let t: TestApp;
let admin: User, pro: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
});
afterAll(() => t.close());

const body = (res: request.Response) => ({ status: res.status, code: res.body.code, fields: res.body.fields });

describe("error codes", () => {
  it("name the sign-in failures: wrong password, a deactivated account (to its owner only), an expired session", async () => {
    const login = (email: string, password: string) => request(t.app).post("/api/auth/login").send({ email, password });
    expect(body(await login(pro.email, "not-the-password"))).toMatchObject({ status: 401, code: "invalid_credentials" });
    const token = t.bearer(pro);
    await request(t.app).put(`/api/users/${pro.id}`).set("Authorization", t.bearer(admin)).send({ active: false }).expect(200);
    expect(body(await login(pro.email, PASSWORD))).toMatchObject({ status: 401, code: "account_disabled" });
    expect(body(await login(pro.email, "not-the-password"))).toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(body(await request(t.app).get("/api/auth/me").set("Authorization", token))).toMatchObject({ status: 401, code: "account_disabled" });
    expect(body(await request(t.app).get("/api/auth/me").set("Authorization", "Bearer not.a.token"))).toMatchObject({ status: 401, code: "session_expired" });
    expect(body(await request(t.app).get("/api/auth/me"))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("give a code per field on validation, and name conflicts and missing records", async () => {
    const other = await t.createPro();
    const empty = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).send({ subject: "x".repeat(201) });
    expect(body(empty)).toEqual({ status: 400, code: "validation", fields: { subject: "too_long", content: "required" } });
    const blank = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).send({ subject: "  ", content: "Bonjour" });
    expect(body(blank)).toMatchObject({ code: "validation", fields: { subject: "required" } });
    const taken = await request(t.app).post("/api/users").set("Authorization", t.bearer(admin))
      .send({ email: other.email, name: "Doublon", role: "PROFESSIONAL", password: "correct horse battery" });
    expect(body(taken)).toMatchObject({ status: 409, code: "email_taken" });
    expect(body(await request(t.app).get("/api/messaging/conversations/999999").set("Authorization", t.bearer(other)))).toMatchObject({ status: 404, code: "not_found" });
    expect(body(await request(t.app).get("/api/users").set("Authorization", t.bearer(other)))).toMatchObject({ status: 403, code: "forbidden" });
    const huge = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).set("Content-Type", "application/json")
      .send(JSON.stringify({ subject: "x", content: "y".repeat(2_000_000) }));
    expect(body(huge)).toMatchObject({ status: 413, code: "payload_too_large" });
    const malformed = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).set("Content-Type", "application/json").send("{");
    expect(body(malformed)).toMatchObject({ status: 400, code: "bad_request" });
  });
});
