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

const countOf = async (user: User) => {
  const res = await request(t.app).get("/api/messaging/unread-count").set("Authorization", t.bearer(user));
  expect(res.status).toBe(200);
  return res.body.count as number;
};
/** What the counters claim must equal what the messages say. */
const truthFor = (user: User) =>
  t.prisma.message.count({
    where: user.role === "ADMIN" ? { senderType: "PROFESSIONAL", readAt: null } : { senderType: "ADMIN", readAt: null, conversation: { professionalId: user.id } },
  });

describe("unread counts", () => {
  it("pro posts → admins' count +1; an admin reads → back; the pro's count follows the admin's replies", async () => {
    const adminBefore = await countOf(admin);
    const ticket = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro1)).send({ subject: "S", content: "1" })).body;
    expect(await countOf(admin)).toBe(adminBefore + 1);
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(pro1)).send({ content: "2" });
    expect(await countOf(admin)).toBe(adminBefore + 2);
    const read = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(admin));
    expect(read.body.count).toBe(adminBefore);
    expect(await countOf(admin)).toBe(adminBefore);

    expect(await countOf(pro1)).toBe(0);
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(admin)).send({ content: "réponse" });
    expect(await countOf(pro1)).toBe(1);
    expect(await countOf(pro2)).toBe(0); // another pro's conversation never counts
    expect(await countOf(admin)).toBe(await truthFor(admin));
  });

  it("stays exact with 50 messages posted in parallel", async () => {
    const ticket = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro2)).send({ subject: "Rafale", content: "0" })).body;
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(admin));
    const adminBefore = await countOf(admin);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(t.app)
          .post(`/api/messaging/conversations/${ticket.id}/messages`)
          .set("Authorization", t.bearer(i % 2 ? admin : pro2))
          .send({ content: `message ${i + 1}` }),
      ),
    );
    expect(results.every((res) => res.status === 201)).toBe(true);
    expect(await t.prisma.message.count({ where: { conversationId: ticket.id } })).toBe(51);
    expect(await countOf(admin)).toBe(adminBefore + 25);
    expect(await countOf(pro2)).toBe(25);
    expect(await countOf(pro2)).toBe(await truthFor(pro2));
    expect(await countOf(admin)).toBe(await truthFor(admin));
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.messageCount).toBe(51);
    const last = await t.prisma.message.findFirstOrThrow({ where: { conversationId: ticket.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(row.lastMessagePreview).toBe(last.content);

    // Reading while messages keep arriving: counts stay equal to the truth.
    await Promise.all([
      request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(pro2)),
      ...Array.from({ length: 10 }, () => request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(admin)).send({ content: "encore" })),
    ]);
    expect(await countOf(pro2)).toBe(await truthFor(pro2));
  });

  it("a pro reads a conversation holding notes: both counters and the read marks are what a recount of the public messages gives", async () => {
    const pro = await t.createPro();
    const post = (user: User, content: string, internal?: boolean) =>
      request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(user)).send({ content, ...(internal && { internal }) }).expect(201);
    const ticket = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Notes", content: "Bonjour" }).expect(201)).body;
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(admin)).expect(200);
    await post(admin, "Première réponse");
    await post(admin, "Note : vérifier le contrat", true);
    await post(admin, "Deuxième réponse");
    await post(admin, "Note : relancer jeudi", true);
    await post(pro, "Merci, je regarde");
    expect(await countOf(pro)).toBe(2);

    const read = await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(pro)).expect(200);
    expect(read.body.count).toBe(0);

    const messages = await t.prisma.message.findMany({ where: { conversationId: ticket.id }, orderBy: { id: "asc" } });
    const recount = (sender: "ADMIN" | "PROFESSIONAL") => messages.filter((m) => !m.internal && m.senderType === sender && m.readAt === null).length;
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.unreadByProfessional).toBe(recount("ADMIN"));
    expect(row.unreadByProfessional).toBe(0);
    expect(row.unreadByAdmin).toBe(recount("PROFESSIONAL"));
    expect(row.unreadByAdmin).toBe(1);
    expect(await countOf(pro)).toBe(0);
    // ✓✓ on the public replies the pro read; a note is never marked read by him.
    expect(messages.filter((m) => m.senderType === "ADMIN" && !m.internal).every((m) => m.readAt !== null)).toBe(true);
    expect(messages.filter((m) => m.internal).map((m) => m.readAt)).toEqual([null, null]);
    const admins = (await request(t.app).get(`/api/messaging/conversations/${ticket.id}`).set("Authorization", t.bearer(admin)).expect(200)).body;
    expect(admins.messages.filter((m: { internal: boolean; readAt: string | null }) => m.internal).map((m: { readAt: unknown }) => m.readAt)).toEqual([null, null]);
  });

  it("the admins' badge is the kept counter, never a recount, and the counter follows every statement that changes a conversation's", async () => {
    const kept = async () => (await t.prisma.adminUnread.aggregate({ _sum: { count: true } }))._sum.count ?? 0;
    const recount = async () => (await t.prisma.conversation.aggregate({ _sum: { unreadByAdmin: true } }))._sum.unreadByAdmin ?? 0;
    const ticket = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro2)).send({ subject: "Compteur", content: "1" }).expect(201)).body;
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set("Authorization", t.bearer(pro2)).send({ content: "2" }).expect(201);
    expect(await kept()).toBe(await recount());
    expect(await countOf(admin)).toBe(await recount());
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set("Authorization", t.bearer(admin)).expect(200);
    expect(await kept()).toBe(await recount());
    // Any statement, not only the API's: a counter set by hand, a conversation deleted.
    await t.prisma.conversation.update({ where: { id: ticket.id }, data: { unreadByAdmin: 7 } });
    expect(await kept()).toBe(await recount());
    await t.prisma.conversation.delete({ where: { id: ticket.id } });
    expect(await kept()).toBe(await recount());
    // One statement over many conversations, in as many shards: each counter changed once per statement.
    const many = await t.prisma.conversation.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, i) => ({ subject: `Lot ${i}`, professionalId: pro2.id, unreadByAdmin: i % 3, lastMessageAt: new Date(), lastMessagePreview: "…", lastMessageSenderType: "PROFESSIONAL" as const })),
      select: { id: true },
    });
    expect(await kept()).toBe(await recount());
    await t.prisma.conversation.updateMany({ where: { id: { in: many.map((c) => c.id) } }, data: { unreadByAdmin: { increment: 2 } } });
    expect(await kept()).toBe(await recount());
    await t.prisma.conversation.updateMany({ where: { id: { in: many.map((c) => c.id) } }, data: { subject: "Lot renommé" } });
    expect(await kept()).toBe(await recount());
    await t.prisma.conversation.deleteMany({ where: { id: { in: many.slice(0, 25).map((c) => c.id) } } });
    expect(await kept()).toBe(await recount());
    // The badge reads the counter: set apart from the conversations, it is what the badge says.
    await t.prisma.adminUnread.update({ where: { shard: 0 }, data: { count: { increment: 100 } } });
    const other = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro2)).send({ subject: "Encore", content: "1" }).expect(201)).body;
    expect(await countOf(admin)).toBe((await recount()) + 100);
    await t.prisma.adminUnread.update({ where: { shard: 0 }, data: { count: { decrement: 100 } } });
    await request(t.app).patch(`/api/messaging/conversations/${other.id}/read`).set("Authorization", t.bearer(admin)).expect(200);
    expect(await countOf(admin)).toBe(await recount());
  });
});
