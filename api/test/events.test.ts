import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";
import { openStream, type SseFrame, type SseStream } from "./sse.ts";

let t: TestApp;
let server: Server;
let url: string;
const open: SseStream[] = [];

beforeAll(async () => {
  t = await startTestApp({ sseHeartbeatMs: 100 });
  server = t.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging/events`;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((stream) => stream.close()));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function streamOf(user: User, headers: Record<string, string> = {}) {
  const stream = await openStream(url, { Authorization: t.bearer(user), ...headers });
  open.push(stream);
  // The first frame is always the current count: once it is here, the stream is registered for live events.
  await stream.next((frame) => frame.event === "unread.changed");
  return stream;
}

const as = (user: User) => ({ Authorization: t.bearer(user) });
const openTicket = async (pro: User, subject = "Question") =>
  (await request(t.app).post("/api/messaging/conversations").set(as(pro)).send({ subject, content: "Bonjour" }).expect(201)).body as { id: number };
const reply = (user: User, id: number, content: string) =>
  request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(user)).send({ content }).expect(201);
const unreadOf = async (user: User) => (await request(t.app).get("/api/messaging/unread-count").set(as(user)).expect(200)).body.count as number;

const payload = (frame: SseFrame) => JSON.parse(frame.data) as { conversationId: number; professionalId: number; message?: { content: string } };
const isMessage = (content: string) => (frame: SseFrame) => frame.event === "message.created" && payload(frame).message?.content === content;
const counts = (stream: SseStream) => stream.data("unread.changed").map((data) => (data as { count: number }).count);

describe("GET /api/messaging/events", () => {
  it("answers 401 without a valid Bearer token, and never takes one from the URL", async () => {
    const pro = await t.createPro();
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=${t.token(pro)}`)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("streams unbuffered, starting with the caller's unread count", async () => {
    const pro = await t.createPro();
    const stream = await streamOf(pro);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("cache-control")).toContain("no-transform");
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    expect(stream.response.headers.get("content-encoding")).toBeNull();
    expect(counts(stream)).toEqual([0]);
    expect(stream.frames.every((frame) => frame.id)).toBe(true);
  });

  it("gives a pro only his own conversations' events and an admin all of them", async () => {
    const [admin, pro1, pro2] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
    const [adminStream, stream1, stream2] = await Promise.all([streamOf(admin), streamOf(pro1), streamOf(pro2)]);

    const ticket = await openTicket(pro1, "Secret de pro1");
    await reply(admin, ticket.id, "réponse à pro1");
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set(as(pro1)).expect(200);
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set(as(admin)).send({ status: "closed" }).expect(200);

    for (const stream of [adminStream, stream1]) {
      await stream.next(isMessage("Bonjour"));
      await stream.next(isMessage("réponse à pro1"));
      await stream.next((frame) => frame.event === "conversation.updated" && JSON.parse(frame.data).readBy === "PROFESSIONAL");
      await stream.next((frame) => frame.event === "conversation.updated" && JSON.parse(frame.data).status === "closed");
    }
    // pro2's own event comes after all of pro1's: once it is here, anything of pro1's would have been too.
    const own = await openTicket(pro2, "À moi");
    await stream2.next((frame) => frame.event === "message.created" && payload(frame).conversationId === own.id);
    const events = stream2.frames.filter((frame) => frame.event !== "unread.changed");
    expect(events.map((frame) => payload(frame).professionalId)).toEqual([pro2.id]);
    expect(stream2.frames.some((frame) => frame.data.includes("pro1"))).toBe(false);
    expect(counts(stream2)).toEqual([0]); // the admin's reply to pro1 never moved pro2's badge
    await adminStream.next((frame) => frame.event === "message.created" && payload(frame).conversationId === own.id);
  });

  it("sends unread.changed with the receiver's new count, and only when it changed", async () => {
    const [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
    const [adminStream, proStream] = await Promise.all([streamOf(admin), streamOf(pro)]);
    const adminBefore = counts(adminStream).at(-1) ?? -1;
    expect(adminBefore).toBe(await unreadOf(admin));

    const ticket = await openTicket(pro);
    await adminStream.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === adminBefore + 1);
    await reply(admin, ticket.id, "un");
    await reply(admin, ticket.id, "deux");
    await proStream.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === 2);
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set(as(pro)).expect(200);
    await proStream.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === 0);
    expect(await unreadOf(pro)).toBe(0);
    // Counts only ever said true things, in order, without repeating themselves.
    const proCounts = counts(proStream);
    expect(proCounts[0]).toBe(0);
    expect(proCounts.at(-1)).toBe(0);
    expect(proCounts.slice(1, -1).every((count) => count === 1 || count === 2)).toBe(true);
    expect(proCounts.every((count, i) => i === 0 || count !== proCounts[i - 1])).toBe(true);
    // The pro's own message and his reading never count for him; an admin reading brings the admins' count back.
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/read`).set(as(admin)).expect(200);
    await adminStream.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === adminBefore);
  });

  it("replays what a client missed when it comes back with Last-Event-ID, and only what it may see", async () => {
    const [admin, pro, other] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
    const first = await streamOf(pro);
    const ticket = await openTicket(pro);
    const seen = await first.next((frame) => frame.event === "message.created");
    await first.close();

    await reply(admin, ticket.id, "manqué 1");
    await openTicket(other, "pas pour lui");
    await reply(admin, ticket.id, "manqué 2");
    await request(t.app).patch(`/api/messaging/conversations/${ticket.id}/status`).set(as(admin)).send({ status: "closed" }).expect(200);

    const resumed = await streamOf(pro, { "Last-Event-ID": seen.id ?? "" });
    const replayed = resumed.frames.filter((frame) => frame.event !== "unread.changed");
    expect(replayed.map((frame) => frame.event)).toEqual(["message.created", "message.created", "conversation.updated"]);
    expect(replayed.map((frame) => payload(frame).message?.content ?? "status")).toEqual(["manqué 1", "manqué 2", "status"]);
    expect(replayed.every((frame) => payload(frame).professionalId === pro.id)).toBe(true);
    expect(new Set(replayed.map((frame) => frame.id)).size).toBe(3);
    expect(counts(resumed)).toEqual([2]);
  });

  it("tells a client to reload (resync) when what it missed cannot be told exactly, and rejects a malformed id", async () => {
    const pro = await t.createPro();
    const unknown = await streamOf(pro, { "Last-Event-ID": "otherprocess-12" });
    expect(unknown.frames[0].event).toBe("resync");
    const bad = await request(t.app).get("/api/messaging/events").set(as(pro)).set("Last-Event-ID", "12; DROP TABLE");
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty(["last-event-id"]);
  });

  it("sends heartbeat comments on an idle stream", async () => {
    const stream = await streamOf(await t.createPro());
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(stream.comments.filter((comment) => comment === "heartbeat").length).toBeGreaterThanOrEqual(2);
  });
});
