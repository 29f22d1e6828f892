import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationDetailJsonSchema, conversationJsonSchema } from "../src/conversations/schemas.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { messageJsonSchema } from "../src/conversations/schemas.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/**
 * PostgreSQL writes the JSON of conversations and messages (conversations/present.ts): every route that answers one
 * must give the same object, with dates exactly as JavaScript writes them, whatever the text holds.
 */
let t: TestApp;
let admin: User, pro: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro({ name: 'Zoé "Ô" \\ <b>' })]);
});
afterAll(() => t.close());

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const tricky = 'Ligne 1\nLigne 2\t"guillemets" \\ barre, émoji 🙂, \u2028 séparateur, <script>alert(1)</script>';

describe("conversation and message JSON", () => {
  it("is the same object from the list, the detail, a change of status, the messages list and getOne", async () => {
    const as = (user: User) => ({ Authorization: t.bearer(user) });
    const created = await request(t.app).post("/api/messaging/conversations").set(as(pro)).send({ subject: `Sujet ${tricky}`, content: tricky });
    expect(created.status).toBe(201);
    const { id } = created.body;
    const reply = await request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(admin)).send({ content: "Réponse" });
    expect(reply.status).toBe(201);
    await request(t.app).patch(`/api/messaging/conversations/${id}/read`).set(as(pro));

    const detail = (await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(admin))).body;
    const { messages, ...conversation } = detail;
    // Compared with the database itself, not only with another route.
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(conversation).toEqual({
      id,
      subject: row.subject,
      status: "open",
      professionalId: pro.id,
      adminId: admin.id, // the first admin reply assigns an unassigned ticket
      admin: { id: admin.id, name: admin.name },
      categoryId: null,
      category: null,
      priority: "normal",
      waitingOn: "PROFESSIONAL",
      waitingSince: row.waitingSince?.toISOString(),
      lastMessageInternal: false,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      lastMessageAt: row.lastMessageAt.toISOString(),
      lastMessagePreview: "Réponse",
      lastMessageSenderType: "ADMIN",
      messageCount: 2,
      firstAdminReplyAt: row.firstAdminReplyAt?.toISOString(),
      closedAt: null,
      professional: { id: pro.id, name: pro.name, email: pro.email },
      unreadCount: 1, // the pro's first message, which no admin has read
      rating: null,
      closedBy: null,
      lastMessageSender: { id: admin.id, name: admin.name },
    });
    expect(conversation.createdAt).toMatch(iso);
    // What the API's document (GET /api/openapi.json) says, exactly: no field more, none less.
    conversationDetailJsonSchema.strict().parse(detail);
    conversationJsonSchema.strict().parse(conversation);
    for (const message of messages) messageJsonSchema.strict().parse(message);
    const stored = await t.prisma.message.findMany({ where: { conversationId: id }, orderBy: { id: "asc" } });
    expect(messages).toEqual(
      stored.map((message) => ({
        ...message, // admins see `internal`
        createdAt: message.createdAt.toISOString(),
        readAt: message.readAt?.toISOString() ?? null,
        sender: message.senderId === pro.id ? { id: pro.id, name: pro.name } : { id: admin.id, name: admin.name },
        attachments: [],
      })),
    );
    expect(messages[0].content).toBe(tricky);
    expect(messages[1].readAt).toMatch(iso);
    expect(reply.body).toEqual({ ...messages[1], readAt: null }); // read after it was posted

    const list = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ id: [id] }) }).set(as(admin));
    expect(list.body).toEqual([conversation]);
    expect(list.headers["content-range"]).toBe("conversations 0-0/1");

    const listed = await request(t.app).get("/api/messaging/messages").query({ filter: JSON.stringify({ conversationId: id }) }).set(as(admin));
    expect(listed.body).toEqual(messages);
    for (const message of messages) {
      expect((await request(t.app).get(`/api/messaging/messages/${message.id}`).set(as(admin))).body).toEqual(message);
    }

    const closed = await request(t.app).put(`/api/messaging/conversations/${id}`).set(as(admin)).send({ status: "closed" });
    const after = (await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(admin))).body;
    expect(closed.body).toEqual({ ...after, messages: undefined });
    expect(closed.body.closedAt).toMatch(iso);

    // The pro's view differs only by his own unread count.
    const proView = (await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(pro))).body;
    const { priority: _priority, lastMessageInternal: _internal, ...seenByPro } = after;
    expect(proView).toEqual({
      ...seenByPro,
      unreadCount: 0,
      messages: after.messages.map(({ internal: _note, ...message }: { internal: boolean }) => message),
    });
    conversationDetailJsonSchema.strict().parse(proView);
  });

  it("keeps each page in its sort order, ties broken by id", async () => {
    const as = { Authorization: t.bearer(admin) };
    const ids: number[] = [];
    for (const subject of ["b", "a", "c", "a"]) {
      const res = await request(t.app).post("/api/messaging/conversations").set(as).send({ subject, content: "x", professionalId: pro.id });
      ids.push(res.body.id);
    }
    const page = async (sort: string, range: string) =>
      (await request(t.app).get("/api/messaging/conversations").query({ sort, range, filter: JSON.stringify({ id: ids }) }).set(as)).body.map(
        (row: { id: number }) => row.id,
      );
    expect(await page('["subject","ASC"]', "[0,9]")).toEqual([ids[1], ids[3], ids[0], ids[2]]);
    expect(await page('["subject","DESC"]', "[0,9]")).toEqual([ids[2], ids[0], ids[3], ids[1]]);
    expect(await page('["subject","ASC"]', "[1,2]")).toEqual([ids[3], ids[0]]);
  });
});
