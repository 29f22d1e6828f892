import jwt from "jsonwebtoken";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";
import { snapshot } from "./snapshot.ts";

let t: TestApp;
let admin: User, pro: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
  await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "S", content: "C" });
});
afterAll(() => t.close());

const filter = (value: object) => `filter=${encodeURIComponent(JSON.stringify(value))}`;

describe("ids outside PostgreSQL's integers", () => {
  it.each([
    "/api/messaging/conversations/2147483648",
    "/api/messaging/conversations/0",
    "/api/messaging/messages/2147483648",
    "/api/users/2147483648",
    "/api/users/-1",
  ])("GET %s → 404 like a missing id", async (path) => {
    const res = await request(t.app).get(path).set("Authorization", t.bearer(admin));
    expect(res.status).toBe(404);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it.each([
    ["/api/messaging/conversations", { professionalId: 2147483648 }, "filter.professionalId"],
    ["/api/messaging/messages", { conversationId: "2147483648" }, "filter.conversationId"],
    ["/api/messaging/conversations", { id: [1, 2147483648] }, "filter.id.1"],
    ["/api/users", { id: 2 ** 40 }, "filter.id"],
  ])("GET %s?filter=%j → 400 naming the field", async (path, value, field) => {
    const res = await request(t.app).get(`${path}?${filter(value)}`).set("Authorization", t.bearer(admin));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toContain(field);
  });
});

describe("dates outside 1970–9999 in filters", () => {
  it.each(["0000-01-01", "1969-12-31T23:59:59Z", "+275760-09-13T00:00:00Z", "10000-01-01"])("lastMessageAt_gte %s → 400", async (date) => {
    const res = await request(t.app).get(`/api/messaging/conversations?${filter({ lastMessageAt_gte: date })}`).set("Authorization", t.bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.errors["filter.lastMessageAt_gte"]).toMatch(/1970/);
  });
});

describe("NUL characters", () => {
  it("in a body: 400 naming the field, nothing written", async () => {
    const before = await snapshot(t.prisma);
    const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "ok", content: "a\u0000b" });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ content: expect.stringMatching(/NUL/) });
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it("in a query string, raw or JSON-escaped: 400", async () => {
    for (const query of [`${filter({ q: "a\u0000b" })}`, "q=%00", `filter=${encodeURIComponent('{"q":"a\\u0000"}')}`]) {
      const res = await request(t.app).get(`/api/messaging/conversations?${query}`).set("Authorization", t.bearer(admin));
      expect(res.status).toBe(400);
    }
  });
});

describe("bodies no route takes", () => {
  it("nested 8,000 levels deep: 400 validation, nothing written (a recursive walk threw RangeError: 500)", async () => {
    const before = await snapshot(t.prisma);
    const deep = `${"[".repeat(8000)}${"]".repeat(8000)}`;
    const body = `{"subject":"S","content":"C","extra":${deep}}`;
    const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).set("Content-Type", "application/json").send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation", errors: { body: expect.stringMatching(/nested/) } });
    const objects = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const again = await request(t.app).put(`/api/users/${pro.id}`).set("Authorization", t.bearer(admin)).set("Content-Type", "application/json").send(objects);
    expect(again.status).toBe(400);
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it("`internal: true` when opening a conversation, or any field a write route does not take: 400 naming it, nothing written", async () => {
    const before = await snapshot(t.prisma);
    const note = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(admin))
      .send({ subject: "S", content: "Texte qui serait envoyé au pro", professionalId: pro.id, internal: true });
    expect(note.status).toBe(400);
    expect(note.body.errors).toEqual({ internal: expect.stringMatching(/unknown field/) });
    expect(note.body.fields).toEqual({ internal: "unknown_field" });
    const [conversation] = await t.prisma.conversation.findMany({ take: 1 });
    const typo = await request(t.app).post(`/api/messaging/conversations/${conversation.id}/messages`).set("Authorization", t.bearer(admin)).send({ content: "x", interal: true });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toHaveProperty("interal");
    expect(await snapshot(t.prisma)).toEqual(before);
  });
});

describe("tokens that cannot name a user", () => {
  it.each(["2147483648", "0", "-1", "1.5", "99999999999999999999"])("sub %s → 401", async (sub) => {
    const token = jwt.sign({ role: "ADMIN" }, t.settings.jwtSecret, { algorithm: "HS256", subject: sub, expiresIn: 60 });
    const res = await request(t.app).get("/api/messaging/unread-count").set("Authorization", `Bearer ${token}`);
    expect(res.status).toBe(401);
  });
});

describe("a body that is not what its Content-Encoding says", () => {
  it("answers 400 JSON and writes nothing", async () => {
    const before = await snapshot(t.prisma);
    const server = t.app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { port, method: "POST", path: "/api/messaging/conversations", headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", Authorization: t.bearer(pro) } },
          (res) => {
            let body = "";
            res.on("data", (chunk) => (body += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ subject: "gzip?", content: "not gzip at all" }));
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toMatch(/decoded/);
    } finally {
      server.close();
    }
    expect(await snapshot(t.prisma)).toEqual(before);
  });
});
