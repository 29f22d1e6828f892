import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
let admin: User, pro1: User, pro2: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro1, pro2] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
});
afterAll(() => t.close());

const open = async (user: User, subject = "Question", content = "Bonjour") => {
  const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(user)).send({ subject, content });
  expect(res.status).toBe(201);
  return res.body;
};

describe("POST /api/messaging/conversations", () => {
  it("lets a pro open his own ticket, with its first message", async () => {
    const res = await request(t.app)
      .post("/api/messaging/conversations")
      .set("Authorization", t.bearer(pro1))
      .send({ subject: "  Facture  ", content: " Où est ma facture ? ", professionalId: pro2.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      subject: "Facture",
      status: "open",
      professionalId: pro1.id, // a pro cannot open a ticket for someone else
      professional: { id: pro1.id, name: pro1.name },
      lastMessagePreview: "Où est ma facture ?",
      lastMessageSenderType: "PROFESSIONAL",
      messageCount: 1,
      unreadCount: 0,
    });
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.messages[0]).toMatchObject({ senderType: "PROFESSIONAL", senderId: pro1.id, content: "Où est ma facture ?", readAt: null });
  });

  it("lets an admin contact an active pro, and requires professionalId", async () => {
    const res = await request(t.app)
      .post("/api/messaging/conversations")
      .set("Authorization", t.bearer(admin))
      .send({ subject: "Documents", content: "Il manque un document", professionalId: pro2.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ professionalId: pro2.id, adminId: admin.id, lastMessageSenderType: "ADMIN" });

    const missing = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(admin)).send({ subject: "x", content: "y" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty("professionalId");
  });

  it("refuses an admin's ticket for an inactive pro, an admin or a missing user", async () => {
    const inactive = await t.createPro({ active: false });
    for (const professionalId of [inactive.id, admin.id, 999_999]) {
      const res = await request(t.app)
        .post("/api/messaging/conversations")
        .set("Authorization", t.bearer(admin))
        .send({ subject: "x", content: "y", professionalId });
      expect(res.status).toBe(400);
      expect(res.body.errors.professionalId).toBeTruthy();
    }
  });

  it("answers 401 without a token", async () => {
    expect((await request(t.app).post("/api/messaging/conversations").send({ subject: "x", content: "y" })).status).toBe(401);
  });
});

describe("GET /api/messaging/conversations", () => {
  it("shows a pro only his own conversations, an admin all of them", async () => {
    const mine = await open(pro1, "Mine");
    const theirs = await open(pro2, "Theirs");
    const asPro = await request(t.app).get("/api/messaging/conversations").set("Authorization", t.bearer(pro1));
    expect(asPro.status).toBe(200);
    const ids = asPro.body.map((row: { id: number }) => row.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(asPro.body.every((row: { professionalId: number }) => row.professionalId === pro1.id)).toBe(true);

    const asAdmin = await request(t.app).get("/api/messaging/conversations").set("Authorization", t.bearer(admin));
    expect(asAdmin.body.map((row: { id: number }) => row.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(asAdmin.headers["content-range"]).toMatch(/^conversations \d+-\d+\/\d+$/);
  });

  it("a pro filtering on another pro's id gets nothing of his", async () => {
    await open(pro2, "Secret");
    const res = await request(t.app)
      .get("/api/messaging/conversations")
      .query({ filter: JSON.stringify({ professionalId: pro2.id }) })
      .set("Authorization", t.bearer(pro1));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.headers["content-range"]).toBe("conversations */0");
  });

  it("supports the seed's status and unreadOnly parameters", async () => {
    const pro = await t.createPro();
    const a = await open(pro, "A");
    const b = await open(pro, "B");
    await request(t.app).patch(`/api/messaging/conversations/${b.id}/status`).set("Authorization", t.bearer(pro)).send({ status: "closed" });
    await request(t.app).post(`/api/messaging/conversations/${a.id}/messages`).set("Authorization", t.bearer(admin)).send({ content: "Réponse" });

    const get = (query: Record<string, string>) =>
      request(t.app).get("/api/messaging/conversations").query(query).set("Authorization", t.bearer(pro));
    expect((await get({ status: "closed" })).body.map((r: { id: number }) => r.id)).toEqual([b.id]);
    expect((await get({ status: "open" })).body.map((r: { id: number }) => r.id)).toEqual([a.id]);
    const unread = await get({ unreadOnly: "true" });
    expect(unread.body.map((r: { id: number }) => r.id)).toEqual([a.id]);
    expect(unread.body[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: "Réponse", lastMessageSenderType: "ADMIN" });
    expect((await get({ unreadOnly: "false" })).body).toHaveLength(2);
    expect((await get({ status: "archived" })).status).toBe(400);
  });

  it("speaks the simple-rest protocol: filter, sort, range, getMany and q over subjects and messages", async () => {
    const pro = await t.createPro();
    const first = await open(pro, "Zèbre impayé", "premier");
    const second = await open(pro, "Autre sujet", "le mot papillon est ici");
    const third = await open(pro, "Troisième", "rien");
    const auth = t.bearer(admin);
    const list = (params: Record<string, unknown>) =>
      request(t.app)
        .get("/api/messaging/conversations")
        .query(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])))
        .set("Authorization", auth);

    const page = await list({ filter: { professionalId: pro.id }, sort: ["createdAt", "ASC"], range: [0, 1] });
    expect(page.body.map((r: { id: number }) => r.id)).toEqual([first.id, second.id]);
    expect(page.headers["content-range"]).toBe("conversations 0-1/3");

    const latest = await list({ filter: { professionalId: pro.id } }); // default: last activity, newest first
    expect(latest.body.map((r: { id: number }) => r.id)).toEqual([third.id, second.id, first.id]);

    const many = await list({ filter: { id: [first.id, third.id] } });
    expect(many.body.map((r: { id: number }) => r.id).sort()).toEqual([first.id, third.id].sort());

    expect((await list({ filter: { q: "zèbre" } })).body.map((r: { id: number }) => r.id)).toEqual([first.id]);
    expect((await list({ filter: { q: "PAPILLON" } })).body.map((r: { id: number }) => r.id)).toEqual([second.id]);

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await list({ filter: { professionalId: pro.id, lastMessageAt_gte: future } })).body).toEqual([]);
  });

  it("refuses malformed list parameters with 400", async () => {
    const auth = t.bearer(admin);
    for (const query of [{ sort: "not json" }, { sort: '["password","ASC"]' }, { range: "[5,1]" }, { range: "[0,5000]" }, { filter: '{"status":"x"}' }]) {
      const res = await request(t.app).get("/api/messaging/conversations").query(query).set("Authorization", auth);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.message).toBeTruthy();
    }
  });
});

describe("GET /api/messaging/conversations/:id", () => {
  it("answers the conversation and all its messages, oldest first", async () => {
    const ticket = await open(pro1, "Fil", "un");
    for (const content of ["deux", "trois"]) {
      await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(admin)).send({ content });
    }
    const res = await request(t.app).get(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(pro1));
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { content: string }) => m.content)).toEqual(["un", "deux", "trois"]);
    expect(res.body.messages[1].sender).toEqual({ id: admin.id, name: admin.name });
  });

  it("answers 404 to another pro exactly as for a missing id, 400 for an id that does not parse", async () => {
    const ticket = await open(pro1);
    const other = await request(t.app).get(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(pro2));
    const missing = await request(t.app).get("/api/messaging/conversations/987654").set("Authorization", t.bearer(pro2));
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect((await request(t.app).get(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(admin))).status).toBe(200);
    expect((await request(t.app).get(`/api/messaging/conversations/${ticket.id}`)).status).toBe(401);
    expect((await request(t.app).get("/api/messaging/conversations/abc").set("Authorization", t.bearer(admin))).status).toBe(400);
  });
});

describe("PUT /api/messaging/conversations/:id", () => {
  it("merges a partial body for admins; pros get 403", async () => {
    const ticket = await open(pro1, "Sujet initial");
    const res = await request(t.app).put(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(admin)).send({ status: "closed" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "closed", subject: "Sujet initial" });
    expect(res.body.closedAt).toBeTruthy();
    const asPro = await request(t.app).put(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(pro1)).send({ status: "open" });
    expect(asPro.status).toBe(403);
    expect((await t.prisma.conversation.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");
  });
});
