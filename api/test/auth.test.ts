import jwt from "jsonwebtoken";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("POST /api/auth/login", () => {
  it("answers a token and the user without his password hash", async () => {
    const pro = await t.createPro({ email: "case.mixed@test.local" });
    const res = await request(t.app).post("/api/auth/login").send({ email: "  CASE.mixed@TEST.local ", password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: pro.id, role: "PROFESSIONAL", active: true });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    const me = await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(pro.id);
  });

  it("gives the same 401 for an unknown email and a wrong password", async () => {
    const pro = await t.createPro();
    const unknown = await request(t.app).post("/api/auth/login").send({ email: "nobody@test.local", password: PASSWORD });
    const wrong = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: "not the password" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("during a flood of failed logins from a few addresses, a correct login from another still signs in", async () => {
    const pro = await t.createPro();
    const from = (address: string) => ({ "X-Forwarded-For": address });
    // 40 at once from two addresses, each for its own email (no per-email limit): the hash pool holds two.
    const flood = Array.from({ length: 40 }, (_, i) =>
      request(t.app).post("/api/auth/login").set(from(`203.0.113.${1 + (i % 2)}`)).send({ email: `flood${i}@test.local`, password: "not the password" }));
    const correct = request(t.app).post("/api/auth/login").set(from("198.51.100.7")).send({ email: pro.email, password: PASSWORD });
    const answers = await Promise.all([...flood, correct]);
    const signedIn = answers.at(-1)!;
    const flooded = answers.slice(0, -1);
    expect(signedIn.status).toBe(200);
    // The flooders wait their own turn or are told to slow down: never a 503 for everyone, never a 5xx.
    expect(new Set(flooded.map((res) => res.status))).toEqual(new Set([401, 429]));
    expect(flooded.find((res) => res.status === 429)?.body.code).toBe("rate_limited");
  });

  it("refuses malformed input with field errors", async () => {
    const res = await request(t.app).post("/api/auth/login").send({ email: "not-an-email" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("throttles failed logins per email and address with Retry-After, never successful ones", async () => {
    const pro = await t.createPro();
    const other = await t.createPro();
    for (let i = 0; i < t.settings.login.maxFailures; i++) {
      const res = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: "wrong" });
      expect(res.status).toBe(401);
    }
    const blocked = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(blocked.body.message).toMatch(/too many/i);
    // Another account from the same address is not locked out by this one's failures…
    for (let i = 0; i < t.settings.login.maxFailures + 3; i++) {
      const ok = await request(t.app).post("/api/auth/login").send({ email: other.email, password: PASSWORD });
      // …and successful logins are never counted.
      expect(ok.status).toBe(200);
    }
  });

  it("refuses a deactivated user; his existing tokens stop working and stay refused after a reactivation", async () => {
    const [pro, admin] = await Promise.all([t.createPro(), t.createAdmin()]);
    const token = t.token(pro);
    expect((await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`)).status).toBe(200);
    const setActive = (active: boolean) => request(t.app).put(`/api/users/${pro.id}`).set("Authorization", t.bearer(admin)).send({ active });
    expect((await setActive(false)).status).toBe(200);
    const login = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: PASSWORD });
    expect(login.status).toBe(401);
    const me = await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
    expect(me.status).toBe(401);

    expect((await setActive(true)).status).toBe(200);
    expect((await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`)).status).toBe(401);
    // A token issued after the reactivation works at once, within the same second (tokens carry whole seconds: a
    // comparison of clocks refused it; each token now carries the account's generation).
    const again = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: PASSWORD });
    expect(again.status).toBe(200);
    expect((await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${again.body.token}`)).status).toBe(200);
    // Deactivated and reactivated once more in the same second: the token just issued is refused, the next one works.
    expect((await setActive(false)).status).toBe(200);
    expect((await setActive(true)).status).toBe(200);
    expect((await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${again.body.token}`)).status).toBe(401);
    const third = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: PASSWORD }).expect(200);
    expect((await request(t.app).get("/api/auth/me").set("Authorization", `Bearer ${third.body.token}`)).status).toBe(200);
  });
});

describe("tokens", () => {
  const protectedRoute = "/api/messaging/unread-count";

  it("accepts a valid token", async () => {
    const pro = await t.createPro();
    expect((await request(t.app).get(protectedRoute).set("Authorization", t.bearer(pro))).status).toBe(200);
  });

  it.each([
    ["missing", () => undefined],
    ["not a bearer", () => "Basic dXNlcjpwYXNz"],
    ["garbage", () => "Bearer not.a.jwt"],
  ])("answers 401 when the token is %s", async (_name, header) => {
    const req = request(t.app).get(protectedRoute);
    const value = header();
    const res = await (value ? req.set("Authorization", value) : req);
    expect(res.status).toBe(401);
    expect(res.body.message).toBeTruthy();
  });

  it("answers 401 for an expired token", async () => {
    const pro = await t.createPro();
    const token = jwt.sign({ role: pro.role, sub: String(pro.id), exp: Math.floor(Date.now() / 1000) - 10 }, t.settings.jwtSecret);
    expect((await request(t.app).get(protectedRoute).set("Authorization", `Bearer ${token}`)).status).toBe(401);
  });

  it("answers 401 for a token signed with another secret", async () => {
    const pro = await t.createPro();
    const token = jwt.sign({ role: pro.role }, "another-secret-of-sufficient-length-000000", { subject: String(pro.id) });
    expect((await request(t.app).get(protectedRoute).set("Authorization", `Bearer ${token}`)).status).toBe(401);
  });

  it("answers 401 for an unsigned alg:none token", async () => {
    const admin = await t.createAdmin();
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: String(admin.id), role: "ADMIN" })}.`;
    expect((await request(t.app).get(protectedRoute).set("Authorization", `Bearer ${token}`)).status).toBe(401);
  });

  it("answers 401 for a token whose role was tampered with", async () => {
    const pro = await t.createPro();
    const [header, , signature] = t.token(pro).split(".");
    const payload = Buffer.from(JSON.stringify({ sub: String(pro.id), role: "ADMIN" })).toString("base64url");
    const res = await request(t.app).get("/api/users").set("Authorization", `Bearer ${header}.${payload}.${signature}`);
    expect(res.status).toBe(401);
  });

  it("answers 401 for a validly signed token whose role no longer matches the account", async () => {
    const pro = await t.createPro();
    const token = jwt.sign({ role: "ADMIN" }, t.settings.jwtSecret, { subject: String(pro.id) });
    expect((await request(t.app).get("/api/users").set("Authorization", `Bearer ${token}`)).status).toBe(401);
  });
});
