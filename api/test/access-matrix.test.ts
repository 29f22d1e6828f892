import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { listening, startTestApp, type TestApp } from "./harness.ts";
import { routesOf } from "./routes.ts";
import { snapshot } from "./snapshot.ts";
import { openStream } from "./sse.ts";

/**
 * The access rule tried on every route the app serves, read from its routers: another pro (Bruno) aims each one at
 * Alice's records — her conversation, her message, her account — and must get 403/404 or an answer holding nothing of
 * hers, with every table unchanged. A route added without a case here fails the first test: decide what it owes.
 */
let t: TestApp;
let server: Awaited<ReturnType<typeof listening>>;
let base: string;
let alice: User, bruno: User, admin: User;
let aliceConversation: number, aliceMessage: number, aliceNote: number, aliceAttachment: number, brunoConversation: number, archivedCategory: number, template: number;
const secrets = {
  subject: "Litige confidentiel zircon",
  content: "Mon numéro de contrat est quetzal-4417",
  reply: "Réponse saphir",
  note: "Note interne tourmaline",
  archived: "Catégorie archivée grenat",
};

type Attempt = { query?: Record<string, string>; body?: object };
type Case = {
  /** What Bruno may get: a refusal, or (for his own views) a success that must hold nothing of Alice's. */
  statuses: number[];
  attempts?: (ids: Ids) => Attempt[];
  /** A write of Bruno's own (his login attempt, his own new ticket): Alice's rows must be unchanged, not every table. */
  ownWrite?: boolean;
};
/** Alice's conversation, her message, her account — and an archived category, which a pro must not see either. */
type Ids = { conversation: number; message: number; user: number; category: number; template: number; attachment: number };

const filter = (value: object) => ({ filter: JSON.stringify(value) });
const aliceFilters = (ids: Ids) => [
  filter({ id: [ids.conversation] }),
  filter({ q: "zircon" }),
  filter({ q: "quetzal" }),
  filter({ q: "zircno" }), // a typo: corrected only from the searcher's own subjects
  filter({ q: "Litige confidentiel zircn" }),
  filter({ professionalId: ids.user }),
  {},
];

const cases: Record<string, Case> = {
  "GET /api/health": { statuses: [200] },
  "GET /api/openapi.json": { statuses: [200] },
  "GET /api/docs": { statuses: [200] },
  "GET /api/docs/start.js": { statuses: [200] },
  "POST /api/auth/login": { statuses: [401], ownWrite: true, attempts: () => [{ body: { email: alice.email, password: "not her password" } }] },
  "GET /api/auth/me": { statuses: [200] },
  "GET /api/messaging/conversations": { statuses: [200], attempts: (ids) => aliceFilters(ids).map((query) => ({ query })) },
  "GET /api/messaging/conversations/export.csv": { statuses: [403], attempts: (ids) => aliceFilters(ids).map((query) => ({ query })) },
  "POST /api/messaging/conversations": {
    statuses: [201],
    ownWrite: true,
    attempts: (ids) => [{ body: { subject: "À moi", content: "Pour moi", professionalId: ids.user } }],
  },
  "GET /api/messaging/conversations/:id": { statuses: [404] },
  "PUT /api/messaging/conversations/:id": { statuses: [403], attempts: () => [{ body: { status: "closed", subject: "Volé" } }] },
  "POST /api/messaging/conversations/:id/messages": { statuses: [404], attempts: () => [{ body: { content: "Intrusion" } }] },
  "PATCH /api/messaging/conversations/:id/read": { statuses: [404] },
  "PATCH /api/messaging/conversations/:id/status": { statuses: [404], attempts: () => [{ body: { status: "closed" } }, { body: { status: "open" } }] },
  "GET /api/messaging/unread-count": { statuses: [200] },
  "GET /api/messaging/messages": {
    statuses: [200, 404],
    attempts: (ids) => [
      { query: filter({ id: [ids.message] }) },
      { query: filter({ conversationId: ids.conversation }) },
      { query: filter({ conversationId: ids.conversation, id: [ids.message] }) },
      { query: {} },
    ],
  },
  "GET /api/messaging/messages/:id": { statuses: [404] },
  "GET /api/categories": { statuses: [200], attempts: (ids) => [{ query: filter({ id: [ids.category] }) }, { query: filter({ active: false }) }, { query: {} }] },
  "GET /api/categories/:id": { statuses: [404] },
  "POST /api/categories": { statuses: [403], attempts: () => [{ body: { name: "Pirate" } }] },
  "PUT /api/categories/:id": { statuses: [403], attempts: () => [{ body: { active: true } }, { body: { name: "Renommée" } }] },
  "GET /api/search/suggestions": {
    statuses: [200],
    attempts: (ids): Attempt[] => [{ query: { subject: "Litige confidentiel" } }, { query: { subject: "zirc" } }, { query: { subject: "zircon", professionalId: String(ids.user) } }],
  },
  "GET /api/templates": { statuses: [403], attempts: (ids) => [{ query: filter({ id: [ids.template] }) }, { query: {} }] },
  "GET /api/templates/:id": { statuses: [403] },
  "POST /api/templates": { statuses: [403], attempts: () => [{ body: { name: "Pirate", content: "Bonjour" } }] },
  "PUT /api/templates/:id": { statuses: [403], attempts: () => [{ body: { name: "Renommée" } }] },
  "DELETE /api/templates/:id": { statuses: [403] },
  "POST /api/templates/:id/render": { statuses: [403], attempts: (ids) => [{ body: { conversationId: ids.conversation } }] },
  "POST /api/messaging/conversations/:id/presence": { statuses: [403], attempts: () => [{ body: { state: "typing" } }] },
  "POST /api/messaging/conversations/:id/rating": { statuses: [404], attempts: () => [{ body: { score: 1, comment: "Pas moi" } }] },
  "GET /api/stats": { statuses: [403], attempts: (): Attempt[] => [{ query: {} }, { query: { adminId: "1" } }] },
  "GET /api/stats/timeseries": { statuses: [403], attempts: () => [{ query: { interval: "month" } }] },
  "GET /api/attachments/limits": { statuses: [200] },
  // His own preferences only; the unsubscribe link of Alice's emails cannot be forged.
  "GET /api/auth/me/preferences": { statuses: [200] },
  "PUT /api/auth/me/preferences": { statuses: [200], ownWrite: true, attempts: () => [{ body: { emailNotifications: false, language: "en" } }] },
  "GET /api/notifications": { statuses: [403], attempts: (ids) => [{ query: filter({ recipientId: ids.user }) }, { query: {} }] },
  "GET /api/notifications/unsubscribe": { statuses: [400], attempts: (ids) => [{ query: { token: `${ids.user}.${"x".repeat(43)}` } }] },
  "POST /api/notifications/unsubscribe": { statuses: [400], attempts: (ids) => [{ query: { token: `${ids.user}.${"x".repeat(43)}` } }, { query: { token: String(ids.user) } }] },
  // Alice's file (a signed link forged without the key: 403), and the file of a note on her ticket.
  "GET /api/attachments/:id": {
    statuses: [403, 404],
    attempts: () => [{}, { query: { expires: "9999999999", signature: "forged" } }],
  },
  "GET /api/attachments/:id/thumbnail": { statuses: [403, 404], attempts: () => [{}, { query: { expires: "9999999999", signature: "forged" } }] },
  "GET /api/users": { statuses: [403], attempts: (ids) => [{ query: filter({ id: [ids.user] }) }, { query: {} }] },
  "GET /api/users/:id": { statuses: [403] },
  "POST /api/users": { statuses: [403], attempts: () => [{ body: { email: "x@test.local", name: "X", role: "ADMIN", password: "correct horse battery" } }] },
  "PUT /api/users/:id": { statuses: [403], attempts: () => [{ body: { active: false } }, { body: { name: "Renommée" } }] },
};

/** Alice's id for each `:id`, by what the path names. */
function idFor(path: string, ids: Ids) {
  if (path.startsWith("/api/users")) return ids.user;
  if (path.startsWith("/api/attachments")) return ids.attachment;
  if (path.startsWith("/api/categories")) return ids.category;
  if (path.startsWith("/api/templates")) return ids.template;
  if (path.startsWith("/api/messaging/messages")) return ids.message;
  return ids.conversation;
}

const aliceRows = async () => ({
  user: await t.prisma.user.findUniqueOrThrow({ where: { id: alice.id } }),
  conversations: await t.prisma.conversation.findMany({ where: { professionalId: alice.id }, orderBy: { id: "asc" } }),
  messages: await t.prisma.message.findMany({ where: { conversation: { professionalId: alice.id } }, orderBy: { id: "asc" } }),
});

beforeAll(async () => {
  t = await startTestApp();
  [alice, bruno, admin] = await Promise.all([
    t.createPro({ name: "Alice Quintessence", email: "alice.quintessence@test.local" }),
    t.createPro({ name: "Bruno" }),
    t.createAdmin(),
  ]);
  const created = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(alice)).send({ subject: secrets.subject, content: secrets.content });
  aliceConversation = created.body.id;
  aliceMessage = created.body.messages[0].id;
  await request(t.app).post(`/api/messaging/conversations/${aliceConversation}/messages`).set("Authorization", t.bearer(admin)).send({ content: secrets.reply });
  const note = await request(t.app).post(`/api/messaging/conversations/${aliceConversation}/messages`).set("Authorization", t.bearer(admin)).send({ content: secrets.note, internal: true });
  aliceNote = note.body.id;
  const withFile = await request(t.app).post(`/api/messaging/conversations/${aliceConversation}/messages`).set("Authorization", t.bearer(alice))
    .field("content", "Ma pièce").attach("files", Buffer.from("%PDF-1.4\n%%EOF\n"), "contrat-quetzal.pdf");
  aliceAttachment = withFile.body.attachments[0].id;
  const archived = await request(t.app).post("/api/categories").set("Authorization", t.bearer(admin)).send({ name: secrets.archived });
  archivedCategory = archived.body.id;
  await request(t.app).put(`/api/categories/${archivedCategory}`).set("Authorization", t.bearer(admin)).send({ active: false });
  template = (await request(t.app).post("/api/templates").set("Authorization", t.bearer(admin)).send({ name: "Modèle grenat", content: "Bonjour {{pro.firstName}}" })).body.id;
  const own = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(bruno)).send({ subject: "Bruno", content: "Bonjour" });
  brunoConversation = own.body.id;
  server = await listening(t.app);
  base = server.base;
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const served = () => routesOf(t.app).filter((route) => route.path.startsWith("/api/"));
const leaks = (text: string) =>
  [...Object.values(secrets), "quetzal", "zircon", "saphir", "tourmaline", "grenat", alice.email, alice.name].filter((secret) => text.includes(secret));

describe("every route, tried by another pro on Alice's records", () => {
  it("has a case for every route the app serves", () => {
    const missing = served()
      .map((route) => `${route.method.toUpperCase()} ${route.path}`)
      .filter((key) => key !== "GET /api/messaging/events" && !cases[key]);
    expect(missing).toEqual([]);
  });

  it("answers a refusal or nothing of Alice's, and changes nothing of hers (or nothing at all)", async () => {
    const ids: Ids = { conversation: aliceConversation, message: aliceMessage, user: alice.id, category: archivedCategory, template, attachment: aliceAttachment };
    let tried = 0;
    for (const route of served()) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      if (key === "GET /api/messaging/events") continue; // a stream: tried below
      const routeCase = cases[key];
      const path = route.path.replace(/:id\b/g, String(idFor(route.path, ids)));
      for (const attempt of routeCase.attempts?.(ids) ?? [{}]) {
        const before = routeCase.ownWrite ? await aliceRows() : await snapshot(t.prisma);
        const call = (request(t.app) as unknown as Record<string, (path: string) => request.Test>)[route.method](path)
          .set("Authorization", t.bearer(bruno))
          .query(attempt.query ?? {});
        const res = attempt.body ? await call.send(attempt.body) : await call;
        const label = `${key} ${JSON.stringify(attempt)}`;
        expect(routeCase.statuses, label).toContain(res.status);
        expect(leaks(`${JSON.stringify(res.headers)} ${res.text ?? ""}`), label).toEqual([]);
        expect(routeCase.ownWrite ? await aliceRows() : await snapshot(t.prisma), label).toEqual(before);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(30);
  });

  it("answers 401 without a token on every route but the public ones, and changes nothing", async () => {
    const open = new Set(["GET /api/health", "GET /api/openapi.json", "GET /api/docs", "GET /api/docs/start.js", "POST /api/auth/login",
      "GET /api/notifications/unsubscribe", "POST /api/notifications/unsubscribe"]);
    const ids: Ids = { conversation: aliceConversation, message: aliceMessage, user: alice.id, category: archivedCategory, template, attachment: aliceAttachment };
    let tried = 0;
    for (const route of served()) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      if (open.has(key)) continue;
      const path = route.path.replace(/:id\b/g, String(idFor(route.path, ids)));
      const before = await snapshot(t.prisma);
      const attempt = cases[key]?.attempts?.(ids)[0] ?? {};
      const call = (request(t.app) as unknown as Record<string, (path: string) => request.Test>)[route.method](path).query(attempt.query ?? {});
      const res = attempt.body ? await call.send(attempt.body) : await call;
      expect(res.status, key).toBe(401);
      expect(leaks(res.text ?? ""), key).toEqual([]);
      expect(await snapshot(t.prisma), key).toEqual(before);
      tried += 1;
    }
    expect(tried).toBeGreaterThan(15);
  });

  it("gives Bruno's own views only his own rows (the matrix's 200s are not empty by accident)", async () => {
    const list = await request(t.app).get("/api/messaging/conversations").set("Authorization", t.bearer(bruno));
    expect(list.body.map((row: { id: number }) => row.id)).toContain(brunoConversation);
    expect(list.body.every((row: { professionalId: number }) => row.professionalId === bruno.id)).toBe(true);
    const asAdmin = await request(t.app).get("/api/messaging/conversations").query(filter({ q: "quetzal" })).set("Authorization", t.bearer(admin));
    expect(asAdmin.body.map((row: { id: number }) => row.id)).toEqual([aliceConversation]); // the search does find it, for whom may see it
    const corrected = await request(t.app).get("/api/messaging/conversations").query(filter({ q: "zircno" })).set("Authorization", t.bearer(admin));
    expect([corrected.headers["x-search-corrected"], corrected.body.map((row: { id: number }) => row.id)]).toEqual(["zircon", [aliceConversation]]);
    const suggested = await request(t.app).get("/api/search/suggestions").query({ subject: "zirc" }).set("Authorization", t.bearer(alice));
    expect(suggested.body.map((row: { id: number }) => row.id)).toEqual([aliceConversation]);
    const messages = await request(t.app).get("/api/messaging/messages").query(filter({ id: [aliceMessage] })).set("Authorization", t.bearer(admin));
    expect(messages.body).toHaveLength(1);
  });

  it("never shows Alice the admins' note on her own ticket, by any route", async () => {
    const asAlice = { Authorization: t.bearer(alice) };
    const texts = [
      (await request(t.app).get(`/api/messaging/conversations/${aliceConversation}`).set(asAlice)).text,
      (await request(t.app).get("/api/messaging/conversations").set(asAlice)).text,
      (await request(t.app).get("/api/messaging/conversations").query(filter({ q: "tourmaline" })).set(asAlice)).text,
      (await request(t.app).get("/api/messaging/messages").query(filter({ conversationId: aliceConversation })).set(asAlice)).text,
      (await request(t.app).get("/api/messaging/messages").query(filter({ id: [aliceNote] })).set(asAlice)).text,
    ];
    for (const text of texts) expect(text).not.toContain("tourmaline");
    // Her search does not find the ticket by the note's words (it does by hers).
    expect((await request(t.app).get("/api/messaging/conversations").query(filter({ q: "tourmaline" })).set(asAlice)).body).toEqual([]);
    expect((await request(t.app).get("/api/messaging/conversations").query(filter({ q: "quetzal" })).set(asAlice)).body).toHaveLength(1);
    const adminSearch = await request(t.app).get("/api/messaging/conversations").query(filter({ q: "tourmaline" })).set("Authorization", t.bearer(admin));
    expect(adminSearch.body.map((row: { id: number }) => row.id)).toEqual([aliceConversation]);
    expect((await request(t.app).get(`/api/messaging/messages/${aliceNote}`).set(asAlice)).status).toBe(404);
  });

  it("never lets Alice download the file of a note on her own ticket: by id 404, by any signed link 403", async () => {
    const asAlice = { Authorization: t.bearer(alice) };
    const note = await request(t.app).post(`/api/messaging/conversations/${aliceConversation}/messages`).set("Authorization", t.bearer(admin))
      .field("content", "Note avec pièce").field("internal", "true").attach("files", Buffer.from("%PDF-1.4\n%%EOF\n"), "audit-obsidienne.pdf").expect(201);
    expect(note.body.internal).toBe(true);
    const file = note.body.attachments[0] as { id: number; url: string };
    // The admins' own link works (the file is there).
    expect((await request(t.app).get(file.url)).status).toBe(200);
    expect((await request(t.app).get(`/api/attachments/${file.id}`).set(asAlice)).status).toBe(404);
    expect((await request(t.app).head(`/api/attachments/${file.id}`).set(asAlice)).status).toBe(404);
    expect((await request(t.app).get(`/api/attachments/${file.id}/thumbnail`).set(asAlice)).status).toBe(404);
    // Her own file's signature carried over to the note's file, or one made up: refused.
    const mine = (await request(t.app).get(`/api/messaging/conversations/${aliceConversation}`).set(asAlice)).body.messages
      .flatMap((message: { attachments: Array<{ id: number; url: string }> }) => message.attachments)
      .find((attachment: { id: number }) => attachment.id === aliceAttachment) as { url: string };
    const carried = mine.url.replace(`/api/attachments/${aliceAttachment}?`, `/api/attachments/${file.id}?`);
    expect(carried).not.toBe(mine.url);
    expect((await request(t.app).get(carried).set(asAlice)).status).toBe(403);
    expect((await request(t.app).get(`/api/attachments/${file.id}?expires=9999999999&signature=forged`).set(asAlice)).status).toBe(403);
    // Nothing of it in what she reads.
    const thread = (await request(t.app).get(`/api/messaging/conversations/${aliceConversation}`).set(asAlice)).text;
    expect(thread).not.toContain("obsidienne");
    expect(thread).not.toContain(`/api/attachments/${file.id}?`);
  });

  it("never streams Alice's events to Bruno", async () => {
    const stream = await openStream(`${base}/api/messaging/events`, { Authorization: t.bearer(bruno) });
    try {
      await request(t.app).post(`/api/messaging/conversations/${aliceConversation}/messages`).set("Authorization", t.bearer(admin)).send({ content: "saphir encore" });
      await request(t.app).patch(`/api/messaging/conversations/${aliceConversation}/status`).set("Authorization", t.bearer(admin)).send({ status: "closed" });
      // Events are delivered in order: once Bruno's own arrives, Alice's would have arrived before it.
      await request(t.app).post(`/api/messaging/conversations/${brunoConversation}/messages`).set("Authorization", t.bearer(admin)).send({ content: "Pour Bruno" });
      await stream.next((frame) => frame.event === "message.created" && frame.data.includes("Pour Bruno"));
      expect(stream.frames.filter((frame) => frame.data.includes(`"conversationId":${aliceConversation}`) || leaks(frame.data).length > 0)).toEqual([]);
    } finally {
      await stream.close();
    }
  });
});
