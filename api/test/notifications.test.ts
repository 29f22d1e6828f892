import { createServer } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseFrom } from "../src/db/database.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { mailbox, sleep, type Mailbox } from "./mailbox.ts";
import { startTestApp, testSettings, type TestApp } from "./harness.ts";
import { unsubscribeTokens } from "../src/notifications/tokens.ts";

/** Delays of a second: an email is due one second after the burst's first message. */
const fast = { notifications: { ...testSettings.notifications, delayMs: 1000 } };
const as = (t: TestApp, user: User) => ({ Authorization: t.bearer(user) });

async function ticket(t: TestApp, pro: User, subject = "Facture introuvable") {
  const res = await request(t.app).post("/api/messaging/conversations").set(as(t, pro)).send({ subject, content: "Bonjour, je ne trouve pas ma facture." });
  expect(res.status).toBe(201);
  return res.body.id as number;
}
const reply = (t: TestApp, admin: User, id: number, content: string, internal?: boolean) =>
  request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(t, admin)).send({ content, ...(internal && { internal }) }).expect(201);
const notificationsOf = (t: TestApp, conversationId: number) => t.prisma.notification.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
/** Emails about one conversation (the subject starts with its number). */
const about = (box: Mailbox, id: number) => box.mails.filter((mail) => mail.subject?.startsWith(`[#${id}] `));
const addressOf = (mail: Mailbox["mails"][number]) => (mail.to && "value" in mail.to ? mail.to.value[0].address : undefined);
/** Emails about one conversation to one user. */
const toUser = (box: Mailbox, id: number, user: User) => about(box, id).filter((mail) => addressOf(mail) === user.email);

describe("email notifications", () => {
  let box: Mailbox;
  let t: TestApp;
  let admin: User, admin2: User, quiet: User, pro: User;

  beforeAll(async () => {
    box = await mailbox();
    t = await startTestApp(fast, undefined, undefined, { smtpUrl: box.url });
    [admin, admin2, quiet, pro] = await Promise.all([
      t.createAdmin({ name: "Alice Martin" }), t.createAdmin({ name: "Bruno Petit" }), t.createAdmin({ name: "Chloé Sans-Mail" }), t.createPro({ name: "Paul Durand" }),
    ]);
    await t.prisma.user.update({ where: { id: quiet.id }, data: { emailNotifications: false } });
  });
  afterAll(async () => {
    await t.close();
    await box.close();
  });

  it("emails an admin's reply left unread once, in French, with the headers mail clients thread and unsubscribe by", async () => {
    const id = await ticket(t, pro);
    await reply(t, admin, id, "Bonjour Paul, la voici : <b>facture</b> & reçu.");
    await expect.poll(() => toUser(box, id, pro).length, { timeout: 15_000 }).toBe(1);
    await sleep(1500);
    expect(toUser(box, id, pro)).toHaveLength(1);
    const [mail] = toUser(box, id, pro);
    expect(mail.subject).toBe(`[#${id}] Facture introuvable`);
    expect(mail.text).toContain("Nouveau message de l'équipe support");
    expect(mail.text).toContain("Bonjour Paul, la voici : <b>facture</b> & reçu.");
    expect(mail.text).toContain(`http://messagerie.test/messagerie/${id}`);
    expect(mail.html).toContain("la voici : &lt;b&gt;facture&lt;/b&gt; &amp; reçu.");
    expect(mail.html).not.toContain("<b>facture</b>");
    expect(mail.messageId).toMatch(/^<notification-\d+@messagerie\.test>$/);
    expect(mail.inReplyTo).toBe(`<conversation-${id}@messagerie.test>`);
    expect(mail.references).toBe(`<conversation-${id}@messagerie.test>`);
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line;
    expect(header("auto-submitted")).toBe("Auto-Submitted: auto-generated");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")?.replace(/\r\n\s+/g, " ")).toMatch(/^List-Unsubscribe: <http:\/\/messagerie\.test\/api\/notifications\/unsubscribe\?token=\d+\.[\w-]{43}>$/);
    const [row] = await notificationsOf(t, id).then((rows) => rows.filter((n) => n.kind === "reply"));
    expect(row).toMatchObject({ recipientId: pro.id, status: "sent", attempts: 1 });
  });

  it("sends nothing when the pro read it before the delay, and says why", async () => {
    const id = await ticket(t, pro);
    await reply(t, admin, id, "Réponse lue tout de suite");
    await request(t.app).patch(`/api/messaging/conversations/${id}/read`).set(as(t, pro)).expect(200);
    await expect.poll(async () => (await notificationsOf(t, id)).find((n) => n.kind === "reply")?.status, { timeout: 15_000 }).toBe("skipped");
    expect((await notificationsOf(t, id)).find((n) => n.kind === "reply")?.detail).toBe("read before the delay");
    expect(toUser(box, id, pro)).toHaveLength(0);
  });

  it("gathers a burst of three replies into one email holding all three", async () => {
    const id = await ticket(t, pro);
    for (const text of ["Premier point", "Deuxième point", "Troisième point"]) await reply(t, admin, id, text);
    await expect.poll(() => toUser(box, id, pro).length, { timeout: 15_000 }).toBe(1);
    await sleep(1500);
    const toPro = toUser(box, id, pro);
    expect(toPro).toHaveLength(1);
    expect(toPro[0].text).toMatch(/Premier point[\s\S]*Deuxième point[\s\S]*Troisième point/);
    expect(toPro[0].text).toContain("3 nouveaux messages de l'équipe support");
  });

  it("never emails a note", async () => {
    const id = await ticket(t, pro);
    await request(t.app).patch(`/api/messaging/conversations/${id}/read`).set(as(t, admin)).expect(200);
    await reply(t, admin, id, "Note interne : vérifier la banque", true);
    await sleep(2500);
    expect(about(box, id).some((mail) => mail.text?.includes("vérifier la banque"))).toBe(false);
    expect((await notificationsOf(t, id)).filter((n) => n.kind === "reply")).toEqual([]);
  });

  it("a note written in the same burst as a public reply: the pro's email holds the reply and nothing of the note", async () => {
    const id = await ticket(t, pro);
    await reply(t, admin, id, "Bonjour Paul, votre facture est jointe.");
    const note = await reply(t, admin, id, "Note interne : client difficile, voir avec la compta", true);
    await reply(t, admin, id, "Bonne journée !");
    await expect.poll(() => toUser(box, id, pro).length, { timeout: 15_000 }).toBe(1);
    const [mail] = toUser(box, id, pro);
    expect(mail.text).toMatch(/votre facture est jointe[\s\S]*Bonne journée/);
    expect(mail.text).toContain("2 nouveaux messages de l'équipe support");
    for (const part of [mail.text, mail.html, mail.subject]) expect(String(part)).not.toMatch(/client difficile|compta|Note interne/);
    const [row] = (await notificationsOf(t, id)).filter((n) => n.kind === "reply");
    expect(row.messageIds).not.toContain(note.body.id);
    expect(row.messageIds).toHaveLength(2);
  });

  it("emails a pro's message to the assigned admin, or to every admin who wants them when nobody is assigned", async () => {
    const unassigned = await ticket(t, pro, "Sans responsable");
    await expect.poll(() => about(box, unassigned).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await sleep(1000);
    const recipients = about(box, unassigned).map(addressOf);
    expect(recipients).toContain(admin.email);
    expect(recipients).toContain(admin2.email);
    expect(recipients).not.toContain(quiet.email);
    expect(about(box, unassigned)[0].text).toContain(`http://messagerie.test/admin/conversations/${unassigned}/show`);

    const assigned = await ticket(t, pro, "Avec responsable");
    await request(t.app).put(`/api/messaging/conversations/${assigned}`).set(as(t, admin)).send({ adminId: admin2.id }).expect(200);
    await request(t.app).post(`/api/messaging/conversations/${assigned}/messages`).set(as(t, pro)).send({ content: "Une précision" }).expect(201);
    await expect.poll(() => about(box, assigned).filter((mail) => mail.text?.includes("Une précision")).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await sleep(1500);
    // Its opening message went to both (nobody was assigned then); the precision, to the assignee alone.
    expect(about(box, assigned).filter((mail) => mail.text?.includes("Une précision")).map(addressOf)).toEqual([admin2.email]);
  });

  it("the unsubscribe link turns emails off without signing in; a tampered one does not", async () => {
    const other = await t.createPro({ name: "Zoé Leroy" });
    const id = await ticket(t, other);
    await reply(t, admin, id, "Première réponse");
    await expect.poll(() => about(box, id).filter((mail) => mail.text?.includes("Première réponse")).length, { timeout: 15_000 }).toBe(1);
    const mail = about(box, id).find((m) => m.text?.includes("Première réponse"))!;
    const link = /(http:\/\/messagerie\.test\/api\/notifications\/unsubscribe\?token=[\w.-]+)/.exec(mail.text ?? "")![1];
    const path = link.replace("http://messagerie.test", "");
    expect((await request(t.app).get(path)).status).toBe(200);
    expect((await request(t.app).post(path.replace(/.$/, (last) => (last === "A" ? "B" : "A")))).status).toBe(400);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).emailNotifications).toBe(true);
    const done = await request(t.app).post(path).set("Content-Type", "application/x-www-form-urlencoded").send("List-Unsubscribe=One-Click");
    expect(done.status).toBe(200);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).emailNotifications).toBe(false);
    await reply(t, admin, id, "Deuxième réponse");
    await expect.poll(async () => (await notificationsOf(t, id)).filter((n) => n.kind === "reply").at(-1)?.detail, { timeout: 15_000 }).toBe("notifications off");
    expect(about(box, id).some((m) => m.text?.includes("Deuxième réponse"))).toBe(false);
  });

  it("the unsubscribe page speaks the recipient's language alone", async () => {
    const [french, english] = await Promise.all([t.createPro(), t.createPro()]);
    await t.prisma.user.update({ where: { id: english.id }, data: { language: "en" } });
    const tokens = unsubscribeTokens(t.settings.jwtSecret);
    const pageOf = (user: User) => request(t.app).get("/api/notifications/unsubscribe").query({ token: tokens.token(user.id) }).expect(200);
    const fr = (await pageOf(french)).text;
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("Me désabonner");
    expect(fr).not.toMatch(/lang="en"|Stop the messaging|Unsubscribe/);
    const en = (await pageOf(english)).text;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Unsubscribe");
    expect(en).not.toMatch(/désabonner|Ne plus recevoir/);
    const done = await request(t.app).post("/api/notifications/unsubscribe").query({ token: tokens.token(english.id) }).set("Accept", "text/html").expect(200);
    expect(done.text).toContain("Done: you will no longer receive these emails.");
    expect(done.text).not.toContain("C'est fait");
  });

  it("writes in the recipient's language, which he sets in his preferences", async () => {
    const english = await t.createPro({ name: "John Smith" });
    const res = await request(t.app).put("/api/auth/me/preferences").set(as(t, english)).send({ language: "en" });
    expect(res.body).toEqual({ emailNotifications: true, language: "en" });
    expect((await request(t.app).put("/api/auth/me/preferences").set(as(t, english)).send({ language: "de" })).status).toBe(400);
    expect((await request(t.app).get("/api/auth/me/preferences").set(as(t, english))).body).toEqual({ emailNotifications: true, language: "en" });
    const id = await ticket(t, english, "Invoice");
    await reply(t, admin, id, "Here it is");
    await expect.poll(() => about(box, id).filter((m) => m.text?.includes("Here it is")).length, { timeout: 15_000 }).toBe(1);
    expect(about(box, id).find((m) => m.text?.includes("Here it is"))!.text).toContain("New message from the support team");
  });

  it("shows admins what was sent, skipped or failed; not pros", async () => {
    const list = await request(t.app).get("/api/notifications").set(as(t, admin)).query({ filter: JSON.stringify({ status: "sent" }) });
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body[0]).toMatchObject({ status: "sent", recipient: { email: expect.any(String) }, conversation: { subject: expect.any(String) } });
    expect(list.headers["content-range"]).toMatch(/^notifications 0-\d+\/\d+$/);
    expect((await request(t.app).get("/api/notifications").set(as(t, pro))).status).toBe(403);
    expect((await request(t.app).get("/api/notifications")).status).toBe(401);
  });
});

describe("when the SMTP server is down", () => {
  it("retries with backoff, keeps the failure, and delivers once it is back", async () => {
    // A port nobody listens on, for now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const t = await startTestApp(fast, undefined, undefined, { smtpUrl: `smtp://127.0.0.1:${port}` });
    let box: Mailbox | undefined;
    try {
      const [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
      const id = await ticket(t, pro);
      await request(t.app).patch(`/api/messaging/conversations/${id}/read`).set(as(t, admin)).expect(200);
      await reply(t, admin, id, "Réponse pendant la panne");
      await expect.poll(async () => (await notificationsOf(t, id)).find((n) => n.kind === "reply")?.status, { timeout: 15_000 }).toBe("failed");
      const failed = (await notificationsOf(t, id)).find((n) => n.kind === "reply")!;
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      expect(failed.detail).toMatch(/ECONNREFUSED|connect/i);
      box = await mailbox(port);
      await box.received(1, 30_000);
      expect(box.mails[0].text).toContain("Réponse pendant la panne");
      await expect.poll(async () => (await notificationsOf(t, id)).find((n) => n.kind === "reply")?.status, { timeout: 10_000 }).toBe("sent");
    } finally {
      await t.close();
      await box?.close();
    }
  });
});

describe("a backlog of due emails", () => {
  it("is worked in batches, several at once through as many pooled connections; one that fails is retried alone while the rest of its batch completes", async () => {
    const pros = 12;
    // Two at once, ten fetched at a time: twelve bursts take two batches at least.
    const refused = `arriere-${Date.now()}@test.local`;
    const box = await mailbox(0, { refuseOnce: [refused] });
    const app = await startTestApp({ notifications: { ...fast.notifications, concurrency: 2 } }, undefined, undefined, { smtpUrl: box.url });
    const [admin, ...people] = await Promise.all([app.createAdmin(), ...Array.from({ length: pros }, (_, i) => app.createPro({ name: `Pro ${i}`, ...(i === 3 && { email: refused }) }))]);
    try {
      const ids: number[] = [];
      for (const pro of people) ids.push(await ticket(app, pro, `Arriéré ${pro.name}`));
      for (const id of ids) {
        await request(app.app).patch(`/api/messaging/conversations/${id}/read`).set(as(app, admin)).expect(200);
        await reply(app, admin, id, "Réponse de l'arriéré");
      }
      await expect.poll(() => box.mails.filter((mail) => mail.text?.includes("Réponse de l'arriéré")).length, { timeout: 30_000 }).toBe(pros);
      for (const [i, id] of ids.entries()) expect(toUser(box, id, people[i])).toHaveLength(1);
      const jobs = await app.prisma.$queryRaw<{ conversationId: number; state: string; retries: number }[]>`
        SELECT (data->>'conversationId')::int AS "conversationId", state::text, retry_count AS retries FROM pgboss.job WHERE name = 'notify' AND data->>'recipient' = 'PROFESSIONAL'`;
      const of = (id: number) => jobs.filter((job) => job.conversationId === id);
      // The refused one failed once and was retried; no other job of its batch was.
      expect(of(ids[3]).map((job) => job.retries)).toEqual([1]);
      for (const id of ids.filter((_, i) => i !== 3)) expect(of(id).map((job) => [job.state, job.retries])).toEqual([["completed", 0]]);
      expect((await notificationsOf(app, ids[3])).find((n) => n.kind === "reply")).toMatchObject({ status: "sent", attempts: 2 });
      // Through two pooled connections, one per email sent at once, not one per email.
      expect(box.connections.count).toBeLessThanOrEqual(2);
    } finally {
      await app.close();
      await box.close();
    }
  });
});

describe("reminders and automatic closing", () => {
  let box: Mailbox;
  let t: TestApp;
  let admin: User, pro: User;
  beforeAll(async () => {
    box = await mailbox();
    t = await startTestApp({ notifications: { ...testSettings.notifications, delayMs: 60_000, reminderAfterMs: 1000, autoCloseAfterMs: 3000 } }, undefined, undefined, { smtpUrl: box.url });
    [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
  });
  afterAll(async () => {
    await t.close();
    await box.close();
  });

  it("a wait on the pro gets one reminder, then the conversation closes by itself", async () => {
    const id = await ticket(t, pro, "Sans nouvelles");
    await reply(t, admin, id, "Pouvez-vous nous envoyer votre attestation ?");
    await expect.poll(() => about(box, id).length, { timeout: 15_000 }).toBe(1);
    expect(about(box, id)[0].text).toContain("Nous attendons votre réponse");
    await expect.poll(async () => (await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(t, pro))).body.status, { timeout: 15_000 }).toBe("closed");
    const closed = await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(t, admin));
    expect(closed.body).toMatchObject({ status: "closed", closedBy: "auto", waitingOn: null });
    expect(about(box, id)).toHaveLength(1); // one reminder, no more
    const change = await t.prisma.statusChange.findFirst({ where: { conversationId: id, status: "closed" } });
    expect(change?.userId).toBeNull();
  });

  it("a wait from before notifications existed (the migration marks it) gets neither, until the pro writes again", async () => {
    const id = await ticket(t, pro, "Ancienne attente");
    await reply(t, admin, id, "Question d'avant la mise à jour");
    await t.prisma.conversation.update({ where: { id }, data: { remindedFor: new Date("1970-01-01T00:00:00Z") } });
    await t.notifications!.sweep();
    await sleep(4000);
    await t.notifications!.sweep();
    expect((await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(t, admin))).body.status).toBe("open");
    expect(about(box, id)).toHaveLength(0);
    // The pro answers, the admin asks again: a new wait, followed up as any.
    await request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(t, pro)).send({ content: "Me revoilà" }).expect(201);
    await reply(t, admin, id, "Merci, une dernière chose");
    await expect.poll(() => about(box, id).length, { timeout: 15_000 }).toBe(1);
  });

  it("a pro's answer cancels both", async () => {
    const id = await ticket(t, pro, "Réponse à temps");
    await reply(t, admin, id, "Une question pour vous");
    await request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(t, pro)).send({ content: "Voici ma réponse" }).expect(201);
    await sleep(4500);
    const detail = await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(t, admin));
    expect(detail.body.status).toBe("open");
    expect(about(box, id).filter((mail) => mail.text?.includes("Nous attendons votre réponse"))).toHaveLength(0);
  });
});

describe("the sweep, when reminding and closing take as long", () => {
  it("closes a wait already reminded (its job lost)", async () => {
    const hour = 3600_000;
    const t = await startTestApp({ notifications: { ...testSettings.notifications, delayMs: hour, reminderAfterMs: hour, autoCloseAfterMs: hour } }, undefined, undefined, { smtpUrl: "smtp://127.0.0.1:9" });
    try {
      const [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
      const id = await ticket(t, pro, "Relancée, jamais fermée");
      await reply(t, admin, id, "Une question");
      // Two hours ago, reminded then: only the closing is left, and its job was lost.
      const since = new Date(Date.now() - 2 * hour);
      await t.prisma.conversation.update({ where: { id }, data: { waitingSince: since, remindedFor: since } });
      await t.notifications!.sweep();
      expect((await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(t, admin))).body).toMatchObject({ status: "closed", closedBy: "auto" });
    } finally {
      await t.close();
    }
  });
});

describe("jobs that outlive their process", () => {
  it("a restart between scheduling and sending still sends, once", async () => {
    const box = await mailbox();
    const first = await startTestApp(fast, undefined, undefined, { smtpUrl: box.url });
    const [admin, pro] = await Promise.all([first.createAdmin(), first.createPro()]);
    const id = await ticket(first, pro);
    await request(first.app).patch(`/api/messaging/conversations/${id}/read`).set(as(first, admin)).expect(200);
    await reply(first, admin, id, "Envoyé après le redémarrage");
    await first.stopJobs(); // the process goes away before the delay is over
    const second = await startTestApp(fast, undefined, undefined, { smtpUrl: box.url, database: first.database });
    try {
      await box.received(1, 20_000);
      await sleep(2000);
      expect(box.mails.filter((mail) => mail.text?.includes("Envoyé après le redémarrage"))).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
      await box.close();
    }
  });
});

const postgres = inject("postgresTemplate");
describe.skipIf(!postgres)("two API processes on one PostgreSQL", () => {
  it("send exactly one email", async () => {
    const box = await mailbox();
    const one = await startTestApp(fast, undefined, undefined, { smtpUrl: box.url });
    const two = await startTestApp(fast, undefined, undefined, { smtpUrl: box.url, database: databaseFrom({ kind: "postgres", url: one.databaseUrl! }) });
    try {
      const [admin, pro] = await Promise.all([one.createAdmin(), one.createPro()]);
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push(await ticket(i % 2 ? one : two, pro, `Deux processus ${i}`));
      for (const [i, id] of ids.entries()) {
        await request((i % 2 ? one : two).app).patch(`/api/messaging/conversations/${id}/read`).set(as(one, admin)).expect(200);
        await reply(i % 2 ? two : one, admin, id, `Réponse ${i}`);
      }
      await expect.poll(() => box.mails.filter((mail) => mail.text?.includes("Réponse ")).length, { timeout: 20_000 }).toBe(4);
      await sleep(3000);
      for (const id of ids) expect(about(box, id).filter((mail) => mail.text?.includes("Réponse "))).toHaveLength(1);
      // The sweep run by both finds nothing left to send.
      await Promise.all([one.notifications!.sweep(), two.notifications!.sweep()]);
      await sleep(500);
      expect(box.mails.filter((mail) => mail.text?.includes("Réponse ")).length).toBe(4);
    } finally {
      await two.stopJobs();
      await two.database.close();
      await one.close();
      await box.close();
    }
  });
});
