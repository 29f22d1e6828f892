import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";
import { snapshot as snapshotOf } from "./snapshot.ts";

let t: TestApp;
let admin: User, pro: User, inactivePro: User;
let ticketId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro, inactivePro] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro({ active: false })]);
  const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "S", content: "C" });
  ticketId = res.body.id;
});
afterAll(() => t.close());

const snapshot = () => snapshotOf(t.prisma);

type Case = [name: string, method: "post" | "put" | "patch", path: () => string, who: () => User, body: unknown, status?: number]; // body: a value, or a function for values known once beforeAll ran
const long = "x".repeat(10_001);

const cases: Case[] = [
  ["conversation without subject", "post", () => "/api/messaging/conversations", () => pro, { content: "c" }],
  ["conversation without content", "post", () => "/api/messaging/conversations", () => pro, { subject: "s" }],
  ["conversation with blank content", "post", () => "/api/messaging/conversations", () => pro, { subject: "s", content: "   " }],
  ["conversation with oversize content", "post", () => "/api/messaging/conversations", () => pro, { subject: "s", content: long }],
  ["conversation with oversize subject", "post", () => "/api/messaging/conversations", () => pro, { subject: "s".repeat(201), content: "c" }],
  ["conversation with a number as subject", "post", () => "/api/messaging/conversations", () => pro, { subject: 42, content: "c" }],
  ["conversation with a string professionalId", "post", () => "/api/messaging/conversations", () => admin, { subject: "s", content: "c", professionalId: "abc" }],
  ["conversation body as an array", "post", () => "/api/messaging/conversations", () => pro, ["s", "c"]],
  ["message without content", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => pro, {}],
  ["message with empty content", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => pro, { content: "" }],
  ["message with oversize content", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => admin, { content: long }],
  ["message with content as object", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => pro, { content: { text: "hi" } }],
  ["message to an id that does not parse", "post", () => "/api/messaging/conversations/abc/messages", () => pro, { content: "hi" }],
  ["message to a negative id (no such record: 404)", "post", () => "/api/messaging/conversations/-4/messages", () => pro, { content: "hi" }, 404],
  ["unknown status", "patch", () => `/api/messaging/conversations/${ticketId}/status`, () => pro, { status: "archived" }],
  ["missing status", "patch", () => `/api/messaging/conversations/${ticketId}/status`, () => admin, {}],
  ["status of an id that does not parse", "patch", () => "/api/messaging/conversations/1.5/status", () => admin, { status: "open" }],
  ["read of an id that does not parse", "patch", () => "/api/messaging/conversations/x/read", () => admin, undefined],
  ["PUT with unknown status", "put", () => `/api/messaging/conversations/${ticketId}`, () => admin, { status: "done" }],
  ["PUT with empty subject", "put", () => `/api/messaging/conversations/${ticketId}`, () => admin, { subject: "" }],
  ["user without password", "post", () => "/api/users", () => admin, { email: "a@b.fr", name: "A", role: "PROFESSIONAL" }],
  ["user with short password", "post", () => "/api/users", () => admin, { email: "a@b.fr", name: "A", role: "PROFESSIONAL", password: "short" }],
  ["user with bad email", "post", () => "/api/users", () => admin, { email: "nope", name: "A", role: "PROFESSIONAL", password: "longenough" }],
  ["user with unknown role", "post", () => "/api/users", () => admin, { email: "a@b.fr", name: "A", role: "ROOT", password: "longenough" }],
  ["user update with active as a string", "put", () => `/api/users/${pro.id}`, () => admin, { active: "no" }],
  ["user update with empty name", "put", () => `/api/users/${pro.id}`, () => admin, { name: " " }],
  ["user update of an id that does not parse", "put", () => "/api/users/me", () => admin, { name: "x" }],
  ["an admin's ticket for an inactive pro", "post", () => "/api/messaging/conversations", () => admin, () => ({ subject: "s", content: "c", professionalId: inactivePro.id })],
  ["an admin's ticket for an unknown pro", "post", () => "/api/messaging/conversations", () => admin, { subject: "s", content: "c", professionalId: 999_999 }],
  ["an admin's ticket with professionalId 0", "post", () => "/api/messaging/conversations", () => admin, { subject: "s", content: "c", professionalId: 0 }],
  ["an admin's ticket with a negative professionalId", "post", () => "/api/messaging/conversations", () => admin, { subject: "s", content: "c", professionalId: -3 }],
  ["an admin's ticket with professionalId ≥ 2³¹", "post", () => "/api/messaging/conversations", () => admin, { subject: "s", content: "c", professionalId: 2 ** 31 }],
  ["a subject of spaces", "post", () => "/api/messaging/conversations", () => pro, { subject: "     ", content: "c" }],
  ["PUT with an oversize subject", "put", () => `/api/messaging/conversations/${ticketId}`, () => admin, { subject: "s".repeat(201) }],
  ["a user with a taken email", "post", () => "/api/users", () => admin, () => ({ email: pro.email, name: "A", role: "PROFESSIONAL", password: "Soleil de mars 42" }), 409],
  ["a user whose name is over 120 characters", "post", () => "/api/users", () => admin, { email: "long@b.fr", name: "n".repeat(121), role: "PROFESSIONAL", password: "Soleil de mars 42" }],
  ["a user whose email is over 254 characters", "post", () => "/api/users", () => admin, { email: `${"e".repeat(250)}@b.fr`, name: "A", role: "PROFESSIONAL", password: "Soleil de mars 42" }],
  ["a user with a common password", "post", () => "/api/users", () => admin, { email: "common@b.fr", name: "A", role: "PROFESSIONAL", password: "12345678" }],
  ["a user with a trivial password (aaaaaaaa)", "post", () => "/api/users", () => admin, { email: "trivial@b.fr", name: "A", role: "PROFESSIONAL", password: "aaaaaaaa" }],
  ["a user with a keyboard pattern for a password", "post", () => "/api/users", () => admin, { email: "pattern@b.fr", name: "A", role: "PROFESSIONAL", password: "azertyuiop" }],
  ["a user with a password of spaces", "post", () => "/api/users", () => admin, { email: "spaces@b.fr", name: "A", role: "PROFESSIONAL", password: "        " }],
  ["a NUL in a subject", "post", () => "/api/messaging/conversations", () => pro, { subject: "a\u0000b", content: "c" }],
  ["a NUL in a message", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => pro, { content: "a\u0000b" }],
  ["a NUL in a user's name", "put", () => `/api/users/${pro.id}`, () => admin, { name: "a\u0000b" }],
  ["a message to an id ≥ 2³¹", "post", () => "/api/messaging/conversations/2147483648/messages", () => admin, { content: "hi" }, 404],
  ["a read mark on an id ≥ 2³¹", "patch", () => "/api/messaging/conversations/2147483648/read", () => admin, undefined, 404],
  ["a status on an id ≥ 2³¹", "patch", () => "/api/messaging/conversations/99999999999999999999/status", () => admin, { status: "open" }, 404],
  ["a user update of an id ≥ 2³¹", "put", () => "/api/users/2147483648", () => admin, { name: "x" }, 404],
];

describe("bad input on write routes", () => {
  it.each(cases)("%s → 4xx JSON, nothing changed", async (_name, method, path, who, body, status = 400) => {
    const before = await snapshot();
    const req = request(t.app)[method](path()).set("Authorization", t.bearer(who()));
    const payload = typeof body === "function" ? (body as () => unknown)() : body;
    const res = await (payload === undefined ? req : req.send(payload as object));
    expect(res.status).toBe(status);
    expect(res.type).toBe("application/json");
    expect(typeof res.body.message).toBe("string");
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await snapshot()).toEqual(before);
  });

  it("names the offending fields in errors", async () => {
    const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "", content: long });
    expect(res.body.errors).toEqual({ subject: expect.any(String), content: expect.any(String) });
  });

  it("answers 400 to malformed JSON and 413 to a body over 1 MB, changing nothing", async () => {
    const before = await snapshot();
    const malformed = await request(t.app)
      .post("/api/messaging/conversations")
      .set("Authorization", t.bearer(pro))
      .set("Content-Type", "application/json")
      .send('{"subject": "s", "content": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/json/i);
    const huge = await request(t.app)
      .post(`/api/messaging/conversations/${ticketId}/messages`)
      .set("Authorization", t.bearer(pro))
      .send({ content: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toBeTruthy();
    expect(await snapshot()).toEqual(before);
  });
});
