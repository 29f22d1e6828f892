import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("HTTP basics", () => {
  it("reports the database in /api/health", async () => {
    const res = await request(t.app).get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "up" });
  });

  it("answers JSON 404 for an unknown API route, with or without a token", async () => {
    const res = await request(t.app).get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/no route/i);
    const pro = await t.createPro();
    const authed = await request(t.app).get("/api/messaging/nope").set("Authorization", t.bearer(pro));
    expect(authed.status).toBe(404);
    expect(authed.type).toBe("application/json");
  });

  it("sets helmet headers and CORS for configured origins only, exposing Content-Range", async () => {
    const allowed = await request(t.app).get("/api/health").set("Origin", "http://allowed.example");
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://allowed.example");
    expect(allowed.headers["access-control-expose-headers"]).toMatch(/Content-Range/);
    expect(allowed.headers["x-content-type-options"]).toBe("nosniff");
    const other = await request(t.app).get("/api/health").set("Origin", "http://evil.example");
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
