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

async function ticketOf(pro: User) {
  const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Sujet", content: "Bonjour" });
  return res.body as { id: number };
}
const post = (user: User, id: number, content: string) =>
  request(t.app).post(`/api/messaging/conversations/${id}/messages`).set("Authorization", t.bearer(user)).send({ content });

describe("POST /api/messaging/conversations/:id/messages", () => {
  it("stores the message and updates the conversation's last message", async () => {
    const ticket = await ticketOf(pro1);
    const res = await post(admin, ticket.id, "  Voici la réponse  ");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ conversationId: ticket.id, senderType: "ADMIN", senderId: admin.id, content: "Voici la réponse", readAt: null });
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row).toMatchObject({ lastMessagePreview: "Voici la réponse", lastMessageSenderType: "ADMIN", messageCount: 2, unreadByProfessional: 1 });
    expect(row.firstAdminReplyAt).toEqual(row.lastMessageAt);
  });

  it("reopens a closed conversation", async () => {
    const ticket = await ticketOf(pro1);
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set("Authorization", t.bearer(admin)).send({ status: "closed" });
    expect((await post(pro1, ticket.id, "Encore une question")).status).toBe(201);
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.status).toBe("open");
    expect(row.closedAt).toBeNull();
  });

  it("answers 404 to another pro and writes nothing", async () => {
    const ticket = await ticketOf(pro1);
    const res = await post(pro2, ticket.id, "intrusion");
    expect(res.status).toBe(404);
    expect(await t.prisma.message.count({ where: { conversationId: ticket.id } })).toBe(1);
    expect((await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).send({ content: "x" })).status).toBe(401);
  });
});

describe("PATCH /api/messaging/conversations/:id/read", () => {
  it("marks the other side's messages read, idempotently, and answers the caller's new count", async () => {
    const ticket = await ticketOf(pro1);
    await post(admin, ticket.id, "un");
    await post(admin, ticket.id, "deux");
    const before = await request(t.app).get("/api/messaging/unread-count").set("Authorization", t.bearer(pro1));
    const read = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(pro1));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ count: before.body.count - 2 });
    const again = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(pro1));
    expect(again.body).toEqual(read.body);
    const messages = await t.prisma.message.findMany({ where: { conversationId: ticket.id }, orderBy: { id: "asc" } });
    expect(messages[0].readAt).toBeNull(); // the pro's own message is not his to mark
    expect(messages.slice(1).every((m) => m.readAt !== null)).toBe(true);
  });

  it("answers 404 to another pro and marks nothing", async () => {
    const ticket = await ticketOf(pro1);
    await post(admin, ticket.id, "privé");
    expect((await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(pro2))).status).toBe(404);
    expect(await t.prisma.message.count({ where: { conversationId: ticket.id, readAt: { not: null } } })).toBe(0);
  });
});

describe("PATCH /api/messaging/conversations/:id/status", () => {
  it("lets the owning pro and admins change the status; not another pro", async () => {
    const ticket = await ticketOf(pro1);
    const byPro = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set("Authorization", t.bearer(pro1)).send({ status: "closed" });
    expect(byPro.status).toBe(200);
    expect(byPro.body.status).toBe("closed");
    const byOther = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set("Authorization", t.bearer(pro2)).send({ status: "open" });
    expect(byOther.status).toBe(404);
    const byAdmin = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set("Authorization", t.bearer(admin)).send({ status: "open" });
    expect(byAdmin.body).toMatchObject({ status: "open", closedAt: null });
  });
});

describe("GET /api/messaging/messages", () => {
  it("lists a conversation's messages in the simple-rest protocol, 404 for another pro's", async () => {
    const ticket = await ticketOf(pro1);
    await post(admin, ticket.id, "réponse");
    const filter = JSON.stringify({ conversationId: ticket.id });
    const own = await request(t.app).get("/api/messaging/messages").query({ filter }).set("Authorization", t.bearer(pro1));
    expect(own.status).toBe(200);
    expect(own.body.map((m: { content: string }) => m.content)).toEqual(["Bonjour", "réponse"]);
    expect(own.headers["content-range"]).toBe("messages 0-1/2");
    expect((await request(t.app).get("/api/messaging/messages").query({ filter }).set("Authorization", t.bearer(pro2))).status).toBe(404);

    const one = own.body[1].id;
    expect((await request(t.app).get(`/api/messaging/messages/${one}`).set("Authorization", t.bearer(admin))).status).toBe(200);
    expect((await request(t.app).get(`/api/messaging/messages/${one}`).set("Authorization", t.bearer(pro2))).status).toBe(404);
    const everything = await request(t.app).get("/api/messaging/messages").set("Authorization", t.bearer(pro2));
    expect(everything.body.some((m: { conversationId: number }) => m.conversationId === ticket.id)).toBe(false);
  });
});
