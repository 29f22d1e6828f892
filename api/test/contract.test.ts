import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/**
 * The contract held against the app: requests made from the OpenAPI document itself — every operation, by nobody, a
 * pro and an admin, aimed at the pro's own records, another pro's, a missing one and a malformed id, with odd queries,
 * headers and bodies — and every status answered must be one the document declares for that operation.
 */
let t: TestApp;
let admin: User, pro: User, other: User;
type Ids = { conversation: number; message: number; attachment: number; category: number; template: number; user: number; notification: number };
let mine: Ids, theirs: Ids;

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

async function recordsOf(user: User): Promise<Ids> {
  const created = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(user))
    .field("subject", "Contrat").field("content", "Bonjour").attach("files", Buffer.from("%PDF-1.4\n%%EOF\n"), "contrat.pdf").expect(201);
  await request(t.app).post(`/api/messaging/conversations/${created.body.id}/messages`).set("Authorization", t.bearer(admin)).send({ content: "Réponse" }).expect(201);
  const category = (await request(t.app).post("/api/categories").set("Authorization", t.bearer(admin)).send({ name: `Catégorie ${user.id}` }).expect(201)).body.id;
  const template = (await request(t.app).post("/api/templates").set("Authorization", t.bearer(admin)).send({ name: `Modèle ${user.id}`, content: "Bonjour" }).expect(201)).body.id;
  return {
    conversation: created.body.id, message: created.body.messages[0].id, attachment: created.body.messages[0].attachments[0].id,
    category, template, user: user.id, notification: 1,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro, other] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
  mine = await recordsOf(pro);
  theirs = await recordsOf(other);
});
afterAll(() => t.close());

/** The id a path's parameter names, by what the path is about. */
function idFor(path: string, ids: Ids): number {
  if (path.startsWith("/api/users")) return ids.user;
  if (path.startsWith("/api/attachments")) return ids.attachment;
  if (path.startsWith("/api/categories")) return ids.category;
  if (path.startsWith("/api/templates")) return ids.template;
  if (path.startsWith("/api/messaging/messages")) return ids.message;
  return ids.conversation;
}

const json = (value: unknown) => JSON.stringify(value);
const queries = (ids: Ids): Array<Record<string, string>> => [
  {},
  { filter: json({ conversationId: ids.conversation }) },
  { filter: json({ id: [ids.conversation, "me"] }) },
  { filter: "{" },
  { sort: json(["nope", "ASC"]), range: json([5, 1]) },
  { expires: "9999999999", signature: "forged" },
  { token: `0${ids.user}.${"x".repeat(43)}` },
  { interval: "year", from: "2026-02-30" },
];
const bodies = [{}, { content: "x", internal: true, unexpected: 1 }, { status: "closed" }];

describe("the OpenAPI document", () => {
  it("declares every status the API answers to requests made from it", async () => {
    const document = (await request(t.app).get("/api/openapi.json")).body as Document;
    const undeclared = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const declared = new Set(Object.keys(operation.responses));
        const streams = path === "/api/messaging/events";
        const targets = path.includes("{") ? [String(idFor(path, mine)), String(idFor(path, theirs)), "999999", "abc"] : [""];
        // A stream that is let in stays open: only its refusals are tried (a malformed Last-Event-ID, no token).
        const headers = streams ? { "Last-Event-ID": "not an id" } : {};
        const variants = method === "get" ? queries(theirs).map((query) => ({ query, body: undefined })) : bodies.map((body) => ({ query: {}, body }));
        for (const caller of [undefined, pro, admin]) {
          for (const target of targets) {
            for (const { query, body } of variants) {
              let call = request(t.app)[method as "get"](path.replace(/\{\w+\}/g, target)).query(query).set(headers);
              if (caller) call = call.set("Authorization", t.bearer(caller));
              const res = await (body === undefined ? call : call.send(body));
              if (!declared.has(String(res.status))) undeclared.add(`${method.toUpperCase()} ${path} → ${res.status} (${res.body?.code ?? ""})`);
            }
          }
        }
      }
    }
    expect([...undeclared].sort()).toEqual([]);
  });
});
