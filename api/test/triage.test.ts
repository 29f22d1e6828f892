import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { listening, startTestApp, type TestApp } from "./harness.ts";
import { snapshot } from "./snapshot.ts";
import { openStream } from "./sse.ts";

let t: TestApp;
let server: Awaited<ReturnType<typeof listening>>;
let base: string;
let admin: User, admin2: User, pro: User, otherPro: User, retired: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, admin2, pro, otherPro, retired] = await Promise.all([
    t.createAdmin({ name: "Alice Admin" }),
    t.createAdmin({ name: "Bob Admin" }),
    t.createPro(),
    t.createPro(),
    t.createAdmin({ active: false }),
  ]);
  server = await listening(t.app);
  base = server.base;
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const as = (user: User) => ({ Authorization: t.bearer(user) });
const filterQuery = (filter: object, sort?: [string, string]) => ({ filter: JSON.stringify(filter), ...(sort && { sort: JSON.stringify(sort) }) });
let categorySequence = 0;
async function category(data: { active?: boolean } = {}) {
  categorySequence += 1;
  const res = await request(t.app).post("/api/categories").set(as(admin)).send({ name: `Catégorie ${categorySequence}` });
  expect(res.status).toBe(201);
  if (data.active === false) await request(t.app).put(`/api/categories/${res.body.id}`).set(as(admin)).send({ active: false });
  return res.body as { id: number; name: string };
}
async function ticket(by: User = pro, body: object = {}) {
  const res = await request(t.app)
    .post("/api/messaging/conversations")
    .set(as(by))
    .send({ subject: "Sujet", content: "Bonjour", ...(by.role === "ADMIN" && { professionalId: pro.id }), ...body });
  expect(res.status).toBe(201);
  return res.body as { id: number; messages: Array<{ id: number }> };
}
const post = (user: User, id: number, body: object) => request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(user)).send(body);
const detail = (user: User, id: number) => request(t.app).get(`/api/messaging/conversations/${id}`).set(as(user));

describe("categories", () => {
  it("admins create, rename and archive; names are unique whatever their case; pros read only active ones", async () => {
    const created = await request(t.app).post("/api/categories").set(as(admin)).send({ name: " Facturation ", description: "Factures et paiements" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), name: "Facturation", description: "Factures et paiements", active: true, createdAt: expect.any(String) });
    const before = await snapshot(t.prisma);
    const duplicate = await request(t.app).post("/api/categories").set(as(admin)).send({ name: "FACTURATION" });
    expect(duplicate.status).toBe(409);
    expect(await snapshot(t.prisma)).toEqual(before);
    expect((await request(t.app).post("/api/categories").set(as(pro)).send({ name: "Pirate" })).status).toBe(403);
    expect((await request(t.app).post("/api/categories").set(as(admin)).send({ name: "   " })).status).toBe(400);

    const archived = await request(t.app).put(`/api/categories/${created.body.id}`).set(as(admin)).send({ active: false });
    expect(archived.body).toMatchObject({ active: false, name: "Facturation" });
    expect((await request(t.app).get(`/api/categories/${created.body.id}`).set(as(pro))).status).toBe(404);
    const seenByPro = await request(t.app).get("/api/categories").set(as(pro));
    expect(seenByPro.body.map((row: { id: number }) => row.id)).not.toContain(created.body.id);
    expect(seenByPro.body.every((row: { active: boolean }) => row.active)).toBe(true);
    const seenByAdmin = await request(t.app).get("/api/categories").query(filterQuery({ active: false })).set(as(admin));
    expect(seenByAdmin.body.map((row: { id: number }) => row.id)).toContain(created.body.id);
    expect(seenByAdmin.headers["content-range"]).toMatch(/^categories /);
    expect((await request(t.app).put(`/api/categories/${created.body.id}`).set(as(pro)).send({ active: true })).status).toBe(403);
    expect((await request(t.app).put("/api/categories/999999").set(as(admin)).send({ name: "x" })).status).toBe(404);
  });

  it("an archived category stays on its tickets and cannot be chosen for new ones", async () => {
    const billing = await category();
    const kept = await ticket(pro, { categoryId: billing.id });
    await request(t.app).put(`/api/categories/${billing.id}`).set(as(admin)).send({ active: false });
    expect((await detail(pro, kept.id)).body.category).toEqual({ id: billing.id, name: billing.name });
    const before = await snapshot(t.prisma);
    expect((await request(t.app).post("/api/messaging/conversations").set(as(pro)).send({ subject: "s", content: "c", categoryId: billing.id })).status).toBe(400);
    expect((await request(t.app).post("/api/messaging/conversations").set(as(pro)).send({ subject: "s", content: "c", categoryId: 999999 })).status).toBe(400);
    expect(await snapshot(t.prisma)).toEqual(before);
    // react-admin's edit form sends the whole record back, archived category included: accepted as unchanged.
    const full = (await detail(admin, kept.id)).body;
    expect((await request(t.app).put(`/api/messaging/conversations/${kept.id}`).set(as(admin)).send({ ...full, priority: "high" })).status).toBe(200);
    const other = await ticket();
    expect((await request(t.app).put(`/api/messaging/conversations/${other.id}`).set(as(admin)).send({ categoryId: billing.id })).status).toBe(400);
  });
});

describe("priority and assignment", () => {
  it("an admin who starts a conversation is assigned unless he says otherwise; priority and adminId are admins' only", async () => {
    const mine = await ticket(admin);
    expect((await detail(admin, mine.id)).body).toMatchObject({ adminId: admin.id, admin: { id: admin.id, name: "Alice Admin" }, priority: "normal" });
    const nobodys = await ticket(admin, { adminId: null, priority: "urgent" });
    expect((await detail(admin, nobodys.id)).body).toMatchObject({ adminId: null, admin: null, priority: "urgent" });
    const bobs = await ticket(admin, { adminId: admin2.id });
    expect((await detail(admin, bobs.id)).body.adminId).toBe(admin2.id);

    const before = await snapshot(t.prisma);
    for (const body of [{ priority: "high" }, { adminId: admin.id }]) {
      const res = await request(t.app).post("/api/messaging/conversations").set(as(pro)).send({ subject: "s", content: "c", ...body });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual(Object.keys(body));
    }
    for (const adminId of [pro.id, retired.id, 999999]) {
      expect((await request(t.app).post("/api/messaging/conversations").set(as(admin)).send({ subject: "s", content: "c", professionalId: pro.id, adminId })).status).toBe(400);
      expect((await request(t.app).put(`/api/messaging/conversations/${mine.id}`).set(as(admin)).send({ adminId })).status).toBe(400);
    }
    expect((await request(t.app).put(`/api/messaging/conversations/${mine.id}`).set(as(admin)).send({ priority: "extreme" })).status).toBe(400);
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it("a pro sees the category and the assignee, never the priority, and cannot filter or sort on it", async () => {
    const billing = await category();
    const created = await ticket(pro, { categoryId: billing.id });
    await request(t.app).put(`/api/messaging/conversations/${created.id}`).set(as(admin)).send({ priority: "urgent", adminId: admin2.id });
    const seen = (await detail(pro, created.id)).body;
    expect(seen).toMatchObject({ category: { id: billing.id, name: billing.name }, admin: { id: admin2.id, name: "Bob Admin" } });
    expect(seen).not.toHaveProperty("priority");
    const row = (await request(t.app).get("/api/messaging/conversations").query(filterQuery({ id: [created.id] })).set(as(pro))).body[0];
    expect(row).not.toHaveProperty("priority");
    expect((await request(t.app).get("/api/messaging/conversations").query(filterQuery({ priority: "urgent" })).set(as(pro))).status).toBe(400);
    expect((await request(t.app).get("/api/messaging/conversations").query(filterQuery({}, ["priority", "DESC"])).set(as(pro))).status).toBe(400);
  });

  it("the first public admin reply assigns an unassigned ticket; a note does not; an assigned one stays", async () => {
    const created = await ticket();
    await post(admin2, created.id, { content: "Note d'abord", internal: true });
    expect((await detail(admin, created.id)).body.adminId).toBeNull();
    await post(admin, created.id, { content: "Je m'en occupe" });
    expect((await detail(admin, created.id)).body.adminId).toBe(admin.id);
    await post(admin2, created.id, { content: "Moi aussi" });
    expect((await detail(admin, created.id)).body.adminId).toBe(admin.id);
  });

  it("filters by assignee (an id, me, unassigned), category, priority, waitingOn; sorts urgent first and oldest waiting first", async () => {
    const billing = await category();
    const a = await ticket(admin, { priority: "low", categoryId: billing.id });
    const b = await ticket(admin, { adminId: null, priority: "urgent", categoryId: billing.id });
    const c = await ticket(admin, { adminId: admin2.id, priority: "high", categoryId: billing.id });
    await post(pro, c.id, { content: "Réponse du pro" }); // c now waits on an admin
    const ids = [a.id, b.id, c.id];
    const list = async (user: User, filter: object, sort?: [string, string]) => {
      const res = await request(t.app).get("/api/messaging/conversations").query(filterQuery({ id: ids, ...filter }, sort)).set(as(user));
      expect(res.status).toBe(200);
      return res.body.map((row: { id: number }) => row.id);
    };
    expect(await list(admin, { adminId: "me" })).toEqual([a.id]);
    expect(await list(admin2, { adminId: "me" })).toEqual([c.id]);
    expect(await list(admin, { adminId: null })).toEqual([b.id]);
    expect(await list(admin, { adminId: "none" })).toEqual([b.id]);
    expect(await list(admin, { adminId: admin2.id })).toEqual([c.id]);
    // The console's tabs say `assigned` (no filter input shows it); "me" is each admin's own, totals included.
    expect(await list(admin, { assigned: "me" })).toEqual([a.id]);
    expect(await list(admin, { assigned: "none" })).toEqual([b.id]);
    const total = async (user: User) =>
      Number((await request(t.app).get("/api/messaging/conversations").query(filterQuery({ assigned: "me" })).set(as(user))).headers["content-range"].split("/")[1]);
    for (const user of [admin, admin2, admin]) expect(await total(user)).toBe(await t.prisma.conversation.count({ where: { adminId: user.id } }));
    expect((await request(t.app).get("/api/messaging/conversations").query(filterQuery({ assigned: "someone" })).set(as(admin))).status).toBe(400);
    expect(await list(admin, { priority: "urgent" })).toEqual([b.id]);
    expect(await list(admin, { waitingOn: "ADMIN" })).toEqual([c.id]);
    expect((await list(admin, { waitingOn: "PROFESSIONAL" })).sort()).toEqual([a.id, b.id].sort());
    expect(await list(admin, { categoryId: billing.id }, ["priority", "DESC"])).toEqual([b.id, c.id, a.id]);
    expect(await list(admin, {}, ["waitingSince", "ASC"])).toEqual([a.id, b.id, c.id]);
    expect(await list(admin, { categoryId: null })).toEqual([]);
    expect((await request(t.app).get("/api/messaging/conversations").query(filterQuery({ adminId: "someone" })).set(as(admin))).status).toBe(400);
    expect((await request(t.app).get("/api/messaging/conversations").query(filterQuery({ waitingOn: "NOBODY" })).set(as(admin))).status).toBe(400);
  });
});

describe("waitingOn and waitingSince", () => {
  /** What the messages say: the other side of the last public message, since the first of its sender's last run. */
  async function recomputed(id: number) {
    const conversation = await t.prisma.conversation.findUniqueOrThrow({ where: { id } });
    const messages = await t.prisma.message.findMany({ where: { conversationId: id, internal: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    if (conversation.status === "closed") return { waitingOn: null, waitingSince: null };
    const last = messages[messages.length - 1];
    let start = messages.length - 1;
    while (start > 0 && messages[start - 1].senderType === last.senderType) start -= 1;
    return { waitingOn: last.senderType === "ADMIN" ? "PROFESSIONAL" : "ADMIN", waitingSince: messages[start].createdAt.toISOString() };
  }

  it("follows every message, note, close and reopen, exactly as the messages say", async () => {
    const created = await ticket();
    const id = created.id;
    const steps: Array<() => Promise<unknown>> = [
      () => post(pro, id, { content: "Encore moi" }),
      () => post(admin, id, { content: "Note", internal: true }),
      () => post(admin, id, { content: "Réponse" }),
      () => post(admin2, id, { content: "Complément" }),
      () => request(t.app).patch(`/api/messaging/conversations/${id}/status`).set(as(admin)).send({ status: "closed" }),
      () => post(admin, id, { content: "Note sur un fermé", internal: true }),
      () => request(t.app).put(`/api/messaging/conversations/${id}`).set(as(admin)).send({ status: "open" }),
      () => post(pro, id, { content: "Merci" }),
      () => request(t.app).patch(`/api/messaging/conversations/${id}/status`).set(as(pro)).send({ status: "closed" }),
      () => post(pro, id, { content: "Finalement non" }), // reopens, still the pro's run
      () => post(pro, id, { content: "Vous êtes là ?" }),
    ];
    for (const [index, step] of steps.entries()) {
      await step();
      const { waitingOn, waitingSince } = (await detail(admin, id)).body;
      expect({ waitingOn, waitingSince }, `after step ${index}`).toEqual(await recomputed(id));
    }
    expect((await detail(admin, id)).body.status).toBe("open");
  });
});

describe("internal notes", () => {
  it("are refused from a pro, whatever the value", async () => {
    const created = await ticket();
    const before = await snapshot(t.prisma);
    for (const internal of [true, false]) expect((await post(pro, created.id, { content: "x", internal })).status).toBe(400);
    expect((await post(admin, created.id, { content: "x", internal: "yes" })).status).toBe(400);
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it("change nothing a pro can observe: his detail and list row byte for byte, his unread count, his stream, his message ids", async () => {
    const created = await ticket();
    await post(admin, created.id, { content: "Réponse publique" });
    await request(t.app).patch(`/api/messaging/conversations/${created.id}/status`).set(as(admin)).send({ status: "closed" });
    const view = async () => ({
      detail: (await detail(pro, created.id)).text,
      list: (await request(t.app).get("/api/messaging/conversations").set(as(pro))).text,
      row: (await request(t.app).get("/api/messaging/conversations").query(filterQuery({ id: [created.id] })).set(as(pro))).text,
      unread: (await request(t.app).get("/api/messaging/unread-count").set(as(pro))).text,
      messages: (await request(t.app).get("/api/messaging/messages").query(filterQuery({ conversationId: created.id })).set(as(pro))).text,
    });
    const before = await view();
    const stream = await openStream(`${base}/api/messaging/events`, as(pro));
    try {
      await post(admin, created.id, { content: "Réponse publique, qui rouvre" });
      const secret = await post(admin, created.id, { content: "Note obsidienne secrète", internal: true });
      expect(secret.status).toBe(201);
      expect(secret.body).toMatchObject({ internal: true, content: "Note obsidienne secrète" });
      // The public message above moved the pro's view: take it again, then only the note changes nothing.
      const afterPublic = await view();
      await post(admin, created.id, { content: "Deuxième note obsidienne", internal: true });
      expect(await view()).toEqual(afterPublic);
      expect(afterPublic.detail).not.toContain("obsidienne");
      expect(JSON.parse(afterPublic.detail).status).toBe("open"); // reopened by the public message, not by a note
      expect((await request(t.app).get(`/api/messaging/messages/${secret.body.id}`).set(as(pro))).status).toBe(404);
      expect((await request(t.app).get("/api/messaging/messages").query(filterQuery({ id: [secret.body.id] })).set(as(pro))).body).toEqual([]);
      // Events arrive in order: once the pro's next public event is here, a note's would have come before it.
      await post(admin, created.id, { content: "Fin" });
      await stream.next((frame) => frame.event === "message.created" && frame.data.includes('"Fin"'));
      expect(stream.frames.filter((frame) => frame.data.includes("obsidienne") || frame.data.includes('"internal"'))).toEqual([]);
    } finally {
      await stream.close();
    }
    expect(before.detail).not.toEqual((await view()).detail); // the public messages did move it: the comparison can fail
  });

  it("do not reopen, count as a reply, make anything unread, or move the pro's last activity", async () => {
    const created = await ticket();
    await request(t.app).patch(`/api/messaging/conversations/${created.id}/status`).set(as(admin)).send({ status: "closed" });
    const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: created.id } });
    await post(admin, created.id, { content: "Pour l'équipe", internal: true });
    const after = await t.prisma.conversation.findUniqueOrThrow({ where: { id: created.id } });
    expect({ ...after, lastNoteAt: null, lastNotePreview: null }).toEqual({ ...row, lastNoteAt: null, lastNotePreview: null });
    // A pro reading marks public messages only: the note is not "read" by him.
    await request(t.app).patch(`/api/messaging/conversations/${created.id}/read`).set(as(pro));
    expect((await t.prisma.message.findFirstOrThrow({ where: { conversationId: created.id, internal: true } })).readAt).toBeNull();
  });

  it("show to admins in the thread, marked, and in the list's preview", async () => {
    const created = await ticket();
    await post(admin, created.id, { content: "Vérifier le contrat", internal: true });
    const seen = (await detail(admin, created.id)).body;
    expect(seen.messages.map((message: { internal: boolean }) => message.internal)).toEqual([false, true]);
    expect(seen).toMatchObject({ lastMessagePreview: "Vérifier le contrat", lastMessageInternal: true, lastMessageSenderType: "ADMIN", messageCount: 1 });
    const stream = await openStream(`${base}/api/messaging/events`, as(admin2));
    try {
      await post(admin, created.id, { content: "Deuxième note", internal: true });
      const frame = await stream.next((candidate) => candidate.event === "message.created" && candidate.data.includes("Deuxième note"));
      expect(JSON.parse(frame.data).message.internal).toBe(true);
    } finally {
      await stream.close();
    }
  });
});

describe("conversation.updated events", () => {
  it("reach a pro without the priority, and not at all when only the priority changed", async () => {
    const billing = await category();
    const created = await ticket();
    const stream = await openStream(`${base}/api/messaging/events`, as(pro));
    const other = await openStream(`${base}/api/messaging/events`, as(otherPro));
    try {
      await request(t.app).put(`/api/messaging/conversations/${created.id}`).set(as(admin)).send({ priority: "urgent" });
      await request(t.app).put(`/api/messaging/conversations/${created.id}`).set(as(admin)).send({ categoryId: billing.id, priority: "low" });
      const frame = await stream.next((candidate) => candidate.event === "conversation.updated" && candidate.data.includes(`"categoryId":${billing.id}`));
      const data = JSON.parse(frame.data);
      expect(data).toMatchObject({ conversationId: created.id, category: { id: billing.id, name: billing.name }, status: "open" });
      expect(data).not.toHaveProperty("priority");
      expect(stream.frames.filter((candidate) => candidate.event === "conversation.updated")).toHaveLength(1);
      expect(other.frames.filter((candidate) => candidate.data.includes(`"conversationId":${created.id}`))).toEqual([]);
    } finally {
      await stream.close();
      await other.close();
    }
  });
});
