import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";
import { snapshot } from "./snapshot.ts";

/**
 * Property: whatever a client sends to a write or list route, the answer is never a 5xx; a 4xx is JSON with a
 * message; and a rejected write changed nothing in the database.
 */
let t: TestApp;
let admin: User, pro: User;
let ticketId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
  const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Fuzz", content: "Départ" });
  ticketId = res.body.id;
});
afterAll(() => t.close());

const RUNS = 200;

/** Strings a client might send: ordinary, empty, blank, huge, NUL, lone surrogates, emoji, RTL, SQL and JSON noise. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\uD800", "💥".repeat(60), "مرحبا", "'; DROP TABLE \"User\"; --", "%_\\", "x".repeat(10_001), "null"),
);
const nastyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_VALUE, 1e308));
const nastyValue = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.array(nastyString, { maxLength: 3 }), fc.dictionary(fc.string(), nastyString, { maxKeys: 3 }));

/**
 * A body as sent on the wire: sometimes nearly right (the route's own fields with odd values), sometimes any JSON,
 * sometimes text that is not JSON at all.
 */
const bodyOf = (fields: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(fields.map((field) => [field, nastyValue])), { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string(),
  );

/** Query strings stay under Node's 16 KB header limit (beyond it Node itself answers 431, before the app). */
const short = <T>(arbitrary: fc.Arbitrary<T>) => arbitrary.filter((value) => JSON.stringify(value).length < 1500);
const queryValue = short(fc.oneof(
  nastyString,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ status: nastyValue, unreadOnly: nastyValue, professionalId: nastyValue, conversationId: nastyValue, id: nastyValue, q: nastyValue, lastMessageAt_gte: nastyValue, role: nastyValue, active: nastyValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.tuple(nastyValue, nastyValue).map((value) => JSON.stringify(value)),
));
const queryOf = fc.record({ filter: queryValue, sort: queryValue, range: queryValue, status: queryValue, unreadOnly: queryValue }, { requiredKeys: [] });

type Method = "post" | "put" | "patch";
const writes: Array<[name: string, method: Method, path: () => string, who: () => User, fields: string[]]> = [
  ["POST /conversations (pro)", "post", () => "/api/messaging/conversations", () => pro, ["subject", "content", "professionalId"]],
  ["POST /conversations (admin)", "post", () => "/api/messaging/conversations", () => admin, ["subject", "content", "professionalId"]],
  ["POST /conversations/:id/messages", "post", () => `/api/messaging/conversations/${ticketId}/messages`, () => pro, ["content"]],
  ["PATCH /conversations/:id/status", "patch", () => `/api/messaging/conversations/${ticketId}/status`, () => admin, ["status"]],
  ["PATCH /conversations/:id/read", "patch", () => `/api/messaging/conversations/${ticketId}/read`, () => admin, []],
  ["PUT /conversations/:id", "put", () => `/api/messaging/conversations/${ticketId}`, () => admin, ["status", "subject"]],
  ["POST /users", "post", () => "/api/users", () => admin, ["email", "name", "role", "password"]],
  ["PUT /users/:id", "put", () => `/api/users/${admin.id}`, () => admin, ["name", "active"]],
  ["POST /auth/login", "post", () => "/api/auth/login", () => admin, ["email", "password"]],
];
const lists: Array<[name: string, path: string, who: () => User]> = [
  ["GET /conversations (admin)", "/api/messaging/conversations", () => admin],
  ["GET /conversations (pro)", "/api/messaging/conversations", () => pro],
  ["GET /messages", "/api/messaging/messages", () => pro],
  ["GET /users", "/api/users", () => admin],
  ["GET /conversations/export.csv", "/api/messaging/conversations/export.csv", () => admin],
];

function expectClean(res: request.Response) {
  expect(res.status, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.type).toBe("application/json");
    expect(typeof res.body.message).toBe("string");
  }
}

describe("fuzz: write routes", () => {
  it.each(writes)("%s: never a 5xx; a rejected write changes nothing", async (_name, method, path, who, fields) => {
    await fc.assert(
      fc.asyncProperty(bodyOf(fields), async (body) => {
        const before = await snapshot(t.prisma);
        const res = await request(t.app)[method](path()).set("Authorization", t.bearer(who())).set("Content-Type", "application/json").send(body);
        expectClean(res);
        if (res.status >= 400) expect(await snapshot(t.prisma)).toEqual(before);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe("fuzz: list routes", () => {
  it.each(lists)("%s: never a 5xx for any query string", async (_name, path, who) => {
    await fc.assert(
      fc.asyncProperty(queryOf, async (query) => {
        const res = await request(t.app).get(path).query(query).set("Authorization", t.bearer(who()));
        expectClean(res);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
