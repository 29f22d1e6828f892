import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { listening, startTestApp, type TestApp } from "./harness.ts";
import { openStream, type SseStream } from "./sse.ts";

/** Sends that never double (Idempotency-Key), replies that never ignore a newer message, and admins' presence. */
let t: TestApp;
let server: Awaited<ReturnType<typeof listening>>;
let admin: User, otherAdmin: User, pro: User, otherPro: User;
const streams: SseStream[] = [];

beforeAll(async () => {
  t = await startTestApp({ sseHeartbeatMs: 100 });
  server = await listening(t.app);
  [admin, otherAdmin, pro, otherPro] = await Promise.all([t.createAdmin({ name: "Alice Admin" }), t.createAdmin(), t.createPro(), t.createPro()]);
});
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const as = (user: User) => ({ Authorization: t.bearer(user) });
const messageCount = (conversationId: number) => t.prisma.message.count({ where: { conversationId } });
const open = async (user: User = pro) =>
  (await request(t.app).post("/api/messaging/conversations").set(as(user)).send({ subject: "Question", content: "Bonjour" })).body as { id: number; messages: Array<{ id: number }> };

describe("Idempotency-Key", () => {
  it("answers the first answer again for the same key and body, without writing twice", async () => {
    const ticket = await open();
    const send = () => request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", "k-1").send({ content: "Une seule fois" });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect([again.status, again.body, again.headers["idempotent-replayed"]]).toEqual([201, first.body, "true"]);
    expect(await messageCount(ticket.id)).toBe(2);
    // The same key with another body is a mistake; another user's same key is his own.
    const other = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", "k-1").send({ content: "Autre chose" });
    expect([other.status, other.body.message]).toEqual([422, expect.stringContaining("another request")]);
    const admins = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).set("Idempotency-Key", "k-1").send({ content: "Réponse" });
    expect(admins.status).toBe(201);
    expect(await messageCount(ticket.id)).toBe(3);
  });

  it("writes one message for concurrent duplicates, and one conversation for a repeated creation", async () => {
    const ticket = await open();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request(server.base).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", "same").send({ content: "Réseau instable" })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await messageCount(ticket.id)).toBe(2);

    const create = () => request(t.app).post("/api/messaging/conversations").set(as(otherPro)).set("Idempotency-Key", "new-ticket").send({ subject: "Une fois", content: "Bonjour" });
    const [a, b] = [await create(), await create()];
    expect([a.status, b.status, b.body.id]).toEqual([201, 201, a.body.id]);
    expect(await t.prisma.conversation.count({ where: { professionalId: otherPro.id } })).toBe(1);
  });

  it("forgets a key after a day, and takes over one whose request died without an answer", async () => {
    const ticket = await open();
    const send = (key: string, content: string) =>
      request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", key).send({ content });
    expect((await send("old", "Hier")).status).toBe(201);
    await t.prisma.$executeRaw`UPDATE "IdempotencyKey" SET "createdAt" = (now() AT TIME ZONE 'UTC') - interval '25 hours' WHERE key = 'old'`;
    expect((await send("old", "Aujourd'hui")).status).toBe(201); // another body, but the key has expired
    await t.prisma.idempotencyKey.create({ data: { userId: pro.id, key: "died", requestHash: "x", createdAt: new Date(Date.now() - 120_000) } });
    expect((await send("died", "Repris")).status).toBe(201);
    expect(await messageCount(ticket.id)).toBe(4);
  });

  it("keeps refusals that change nothing, lets a conflict be sent again, and refuses a malformed key", async () => {
    const ticket = await open();
    const empty = () => request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", "empty").send({ content: " " });
    expect((await empty()).status).toBe(400);
    expect((await empty()).headers["idempotent-replayed"]).toBe("true");
    const bad = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).set("Idempotency-Key", "é".repeat(3)).send({ content: "x" });
    expect([bad.status, bad.body.errors]).toEqual([400, { "Idempotency-Key": expect.stringContaining("visible ASCII") }]);
    expect(await messageCount(ticket.id)).toBe(1);
  });
});

describe("stale-reply guard (afterMessageId)", () => {
  it("refuses a reply when someone else wrote since what the sender saw, shows it, and writes nothing", async () => {
    const ticket = await open();
    const seen = ticket.messages[0].id;
    // The admin loaded the ticket; the pro writes again before he answers.
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).send({ content: "Et aussi, mon adresse a changé" });
    const stale = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).send({ content: "Réponse", afterMessageId: seen });
    expect(stale.status).toBe(409);
    expect(stale.body.newMessages.map((message: { content: string }) => message.content)).toEqual(["Et aussi, mon adresse a changé"]);
    expect(await messageCount(ticket.id)).toBe(2);
    // Sent anyway (without the guard), or after reading: accepted. His own messages never count against him.
    const latest = stale.body.newMessages[0].id;
    expect((await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).send({ content: "Réponse", afterMessageId: latest })).status).toBe(201);
    expect((await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).send({ content: "Précision", afterMessageId: latest })).status).toBe(201);
  });

  it("counts another admin's note for an admin, never for the pro (who is not told of it)", async () => {
    const ticket = await open();
    const seen = ticket.messages[0].id;
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(otherAdmin)).send({ content: "Note secrète", internal: true });
    const adminStale = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).send({ content: "Réponse", afterMessageId: seen });
    expect([adminStale.status, adminStale.body.newMessages?.[0]?.internal]).toEqual([409, true]);
    const proSend = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(pro)).send({ content: "Relance", afterMessageId: seen });
    expect(proSend.status).toBe(201);
    expect(JSON.stringify(proSend.body)).not.toContain("secrète");
    // Another pro aiming at this ticket learns nothing either: 404, as without the guard.
    const intruder = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(otherPro)).send({ content: "x", afterMessageId: 1 });
    expect([intruder.status, JSON.stringify(intruder.body)]).toEqual([404, expect.not.stringContaining("Relance")]);
  });
});

describe("presence", () => {
  const streamOf = async (user: User) => {
    const stream = await openStream(`${server.base}/api/messaging/events`, as(user));
    streams.push(stream);
    await stream.next((frame) => frame.event === "unread.changed");
    return stream;
  };

  it("tells the other admins who views and who types, never a pro; it expires by itself", async () => {
    const ticket = await open();
    const [watcher, owner] = await Promise.all([streamOf(otherAdmin), streamOf(pro)]);
    const typing = await request(t.app).post(`/api/messaging/conversations/${ticket.id}/presence`).set(as(admin)).send({ state: "typing" });
    expect(typing.status).toBe(200);
    const frame = await watcher.next((candidate) => candidate.event === "presence.changed");
    const data = JSON.parse(frame.data);
    expect(data).toMatchObject({ conversationId: ticket.id, admin: { id: admin.id, name: "Alice Admin" }, state: "typing" });
    expect(Date.parse(data.expiresAt) - Date.now()).toBeGreaterThan(5_000);
    expect(data.expiresAt).toBe(typing.body.expiresAt);
    // The pro's stream goes on (a later message reaches it) without ever carrying a presence.
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/messages`).set(as(admin)).send({ content: "Voilà" });
    await owner.next((candidate) => candidate.event === "message.created");
    expect(owner.frames.filter((candidate) => candidate.event === "presence.changed" || candidate.data.includes('"state"'))).toEqual([]);
    // Leaving ends it at once.
    await request(t.app).post(`/api/messaging/conversations/${ticket.id}/presence`).set(as(admin)).send({ state: "left" });
    const left = JSON.parse((await watcher.next((candidate) => candidate.event === "presence.changed" && candidate.data.includes('"left"'))).data);
    expect(Date.parse(left.expiresAt)).toBeLessThanOrEqual(Date.now());

    expect((await request(t.app).post(`/api/messaging/conversations/${ticket.id}/presence`).set(as(pro)).send({ state: "viewing" })).status).toBe(403);
    expect((await request(t.app).post("/api/messaging/conversations/999999/presence").set(as(admin)).send({ state: "viewing" })).status).toBe(404);
    expect((await request(t.app).post(`/api/messaging/conversations/${ticket.id}/presence`).set(as(admin)).send({ state: "dancing" })).status).toBe(400);
  });
});
