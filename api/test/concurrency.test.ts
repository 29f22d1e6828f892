import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/**
 * The interleavings that matter, forced: a second session holds the conversation's row lock (the barrier) while the
 * API's statements queue behind it, and writes meanwhile what a concurrent post would. PostgreSQL only: the embedded
 * PGlite has a single session, so nothing there can interleave inside a statement.
 */
let t: TestApp;
let admin: User, admin2: User, pro: User;
const skip = !process.env.DATABASE_URL;

beforeAll(async () => {
  t = await startTestApp();
  [admin, admin2, pro] = await Promise.all([t.createAdmin(), t.createAdmin(), t.createPro()]);
});
afterAll(() => t.close());

async function recount(id: number) {
  const conversation = await t.prisma.conversation.findUniqueOrThrow({ where: { id } });
  const messages = await t.prisma.message.findMany({ where: { conversationId: id } });
  const unread = (sender: string) => messages.filter((m) => m.senderType === sender && !m.readAt).length;
  return {
    stored: { messageCount: conversation.messageCount, unreadByAdmin: conversation.unreadByAdmin, unreadByProfessional: conversation.unreadByProfessional },
    recounted: { messageCount: messages.length, unreadByAdmin: unread("PROFESSIONAL"), unreadByProfessional: unread("ADMIN") },
  };
}

/** Opens a session that takes the conversation's row lock and keeps it until `release` is called. */
async function barrier(id: number) {
  const session = new pg.Client({ connectionString: t.databaseUrl });
  await session.connect();
  await session.query("BEGIN");
  await session.query(`SELECT id FROM "Conversation" WHERE id = $1 FOR UPDATE`, [id]);
  return {
    session,
    /** Resolves once `count` other sessions wait for a lock. */
    async waiters(count: number) {
      for (let i = 0; i < 500; i++) {
        // Statistics views are a snapshot per transaction, and the barrier's transaction stays open: refresh it.
        await session.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await session.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (rows[0].n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const { rows } = await session.query(`SELECT wait_event_type, wait_event, state, left(query, 60) AS q FROM pg_stat_activity WHERE datname = current_database()`);
      throw new Error(`the API's statements never queued behind the barrier: ${JSON.stringify(rows)}`);
    },
    async release() {
      await session.query("COMMIT");
      await session.end();
    },
  };
}

const ticket = async () =>
  (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Verrou", content: "Un" })).body.id as number;

describe.skipIf(skip)("forced interleavings (PostgreSQL)", () => {
  it("a message committed while a read mark waits for the lock stays unread and counted", async () => {
    const id = await ticket();
    const lock = await barrier(id);
    // The read mark starts (its snapshot is taken) and queues behind the barrier…
    const marking = request(t.app).patch(`/api/messaging/conversations/${id}/read`).set("Authorization", t.bearer(admin)).then((res) => res);
    await lock.waiters(1);
    // …while the barrier writes what a concurrent post of the pro would, and commits first.
    await lock.session.query(
      `INSERT INTO "Message" ("conversationId", "senderType", "senderId", content) VALUES ($1, 'PROFESSIONAL', $2, 'Deux')`,
      [id, pro.id],
    );
    await lock.session.query(`UPDATE "Conversation" SET "unreadByAdmin" = "unreadByAdmin" + 1, "messageCount" = "messageCount" + 1 WHERE id = $1`, [id]);
    await lock.release();
    const res = await marking;
    expect(res.status).toBe(200);
    const { stored, recounted } = await recount(id);
    expect(stored).toEqual(recounted);
    expect(stored.unreadByAdmin).toBe(1); // "Deux" was not in the read mark's snapshot: still unread, still counted
  });

  it("posts queued behind the lock each count once, in order", async () => {
    const id = await ticket();
    const lock = await barrier(id);
    const posts = Array.from({ length: 8 }, (_, i) =>
      request(t.app).post(`/api/messaging/conversations/${id}/messages`).set("Authorization", t.bearer(i % 2 ? admin : pro)).send({ content: `m${i}` }).then((res) => res),
    );
    await lock.waiters(8);
    await lock.release();
    const answers = await Promise.all(posts);
    expect(answers.map((res) => res.status)).toEqual(Array(8).fill(201));
    const { stored, recounted } = await recount(id);
    expect(stored).toEqual(recounted);
    expect(stored.messageCount).toBe(9);
    const conversation = await t.prisma.conversation.findUniqueOrThrow({ where: { id } });
    const last = await t.prisma.message.findFirstOrThrow({ where: { conversationId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(conversation.lastMessageAt).toEqual(last.createdAt);
  });

  it("two admins reading one ticket at once lower the counter once", async () => {
    const id = await ticket();
    await request(t.app).post(`/api/messaging/conversations/${id}/messages`).set("Authorization", t.bearer(pro)).send({ content: "Encore" });
    const lock = await barrier(id);
    const reads = [admin, admin2].map((who) => request(t.app).patch(`/api/messaging/conversations/${id}/read`).set("Authorization", t.bearer(who)).then((res) => res));
    await lock.waiters(2);
    await lock.release();
    const answers = await Promise.all(reads);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const { stored, recounted } = await recount(id);
    expect(stored).toEqual(recounted);
    expect(stored.unreadByAdmin).toBe(0);
  });
});
