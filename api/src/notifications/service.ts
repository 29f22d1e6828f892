import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import { nowSql, utcSql, type Clock } from "../clock.ts";
import type { EventBus } from "../events/bus.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import type { Mailer } from "../mail/transport.ts";
import type { Settings } from "../settings.ts";
import { composeEmail, type EmailKind } from "./emails.ts";
import type { UnsubscribeTokens } from "./tokens.ts";

/** Jobs: one per burst and side to email (`notify`), one per wait on the pro to follow up (`follow-up`), and a sweep. */
const NOTIFY = "notify";
const FOLLOW_UP = "follow-up";
const SWEEP = "sweep";
/** Waits from before notifications existed carry the epoch in `remindedFor`: no follow-up for them. */
const HISTORY = "1970-01-01";
const newWait = (table: string) => Prisma.raw(`${table}."remindedFor" IS DISTINCT FROM '${HISTORY}'`);

/** After this many failed attempts a notification stays failed (GET /api/notifications shows it). */
export const MAX_ATTEMPTS = 8;

type NotifyJob = { conversationId: number; recipient: Role };
type FollowUpJob = { conversationId: number; action: "remind" | "close" };

export type NotificationOptions = {
  /** Seconds before a failed attempt is retried (doubled each time: pg-boss's backoff). */
  retryDelaySeconds?: number;
  /** How often pg-boss looks for due jobs. */
  pollingSeconds?: number;
};

/**
 * Emails that wait and skip what was read. A write schedules a `notify` job NOTIFY_DELAY later (one queued job per
 * conversation and side: a burst shares it); the job claims, in one statement under the conversation's lock, every
 * message of the other side newer than what was last emailed — skipped if all were read meanwhile — records one
 * Notification per recipient, and sends them. Each is sent by whoever flips it to `sending` first, so that two
 * processes never send one twice; a failure is retried with backoff and kept. A minute's sweep (pg-boss schedule, one
 * process) finds what a crash between a write and its job would have lost. Admin replies also schedule the reminder
 * (REMINDER_AFTER) and the automatic closing (AUTO_CLOSE_AFTER) of a wait on the pro; a pro message ends the wait,
 * and with it both.
 */
export function notificationsService(deps: {
  prisma: PrismaClient;
  boss: PgBoss;
  mailer: Mailer;
  settings: Settings["notifications"];
  tokens: UnsubscribeTokens;
  events: EventBus;
  logger: Logger;
  clock?: Clock;
  options?: NotificationOptions;
}) {
  const { prisma, boss, mailer, settings, tokens, events, logger, clock } = deps;
  const { retryDelaySeconds = 30, pollingSeconds = 2 } = deps.options ?? {};
  const now = () => clock?.() ?? new Date();
  const host = new URL(settings.publicUrl).hostname || "localhost";
  // Read once per statement (not clock_timestamp(), which is read again on every row and keeps indexes out).
  const statementNow = () => (clock ? utcSql(clock()) : Prisma.sql`(statement_timestamp() AT TIME ZONE 'UTC')`);
  const cutoff = (ms: number) => Prisma.sql`(${statementNow()}::timestamp(3) - ${ms} * interval '1 millisecond')`;
  const on = mailer.kind !== "off";

  const schedule = (name: string, data: object, at: Date, singletonKey: string) =>
    boss.send(name, data, { startAfter: at, singletonKey, retryLimit: MAX_ATTEMPTS, retryDelay: retryDelaySeconds, retryBackoff: true })
      .catch((error: unknown) => logger.warn({ err: error, name, data }, "job not scheduled (the sweep will find it)"));

  const notifyLater = (conversationId: number, recipient: Role, at: Date) =>
    schedule(NOTIFY, { conversationId, recipient } satisfies NotifyJob, at, `${recipient}:${conversationId}`);
  const followUpLater = (conversationId: number, action: FollowUpJob["action"], at: Date) =>
    schedule(FOLLOW_UP, { conversationId, action } satisfies FollowUpJob, at, `${action}:${conversationId}`);

  /**
   * What this process scheduled lately: the rest of a burst (or of a wait) is already covered by the job queued for
   * its first message — pg-boss would refuse the duplicate anyway (one queued job per key); this saves the round trip.
   */
  const recently = new Map<string, number>();
  const unlessRecent = (key: string, ttlMs: number, run: () => unknown) => {
    const at = Date.now();
    if ((recently.get(key) ?? 0) > at) return;
    if (recently.size > 10_000) for (const [old, until] of recently) if (until <= at) recently.delete(old);
    recently.set(key, at + ttlMs);
    run();
  };

  /**
   * Claims the due messages of one side for its recipients (one statement, under the conversation's lock): answers
   * how many notifications were recorded, or, when the oldest unclaimed message is not due yet, when it will be.
   */
  async function claim(conversationId: number, recipient: Role): Promise<{ claimed: number; dueAt: Date | null }> {
    const toPro = recipient === "PROFESSIONAL";
    const through = Prisma.raw(toPro ? `"proNotifiedThrough"` : `"adminNotifiedThrough"`);
    const sender = toPro ? "ADMIN" : "PROFESSIONAL";
    const kind: EmailKind = toPro ? "reply" : "message";
    const recipients = toPro
      ? Prisma.sql`u.id = c."professionalId"`
      : Prisma.sql`(c."adminId" IS NOT NULL AND u.id = c."adminId") OR (c."adminId" IS NULL AND u.role = 'ADMIN' AND u.active AND u."emailNotifications")`;
    const [row] = await prisma.$queryRaw<{ claimed: number; oldest: Date | null }[]>`
      WITH c AS (
        SELECT id, "professionalId", "adminId", ${through} AS through FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE
      ), due AS (
        SELECT m.id, m."readAt", m."createdAt" FROM "Message" m, c
        WHERE m."conversationId" = c.id AND m."senderType" = ${sender}::"SenderType" AND NOT m.internal AND m.id > c.through
      ), ready AS (
        -- A burst is due once its first message has waited NOTIFY_DELAY; it takes every message written until then.
        SELECT (SELECT min("createdAt") FROM due) <= ${cutoff(settings.delayMs)} AS ok, (SELECT max(id) FROM due) AS newest
      ), moved AS (
        UPDATE "Conversation" SET ${through} = ready.newest FROM ready WHERE "Conversation".id = ${conversationId} AND ready.ok
        RETURNING "Conversation".id
      ), unread AS (
        SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM due WHERE "readAt" IS NULL
      ), recorded AS (
        INSERT INTO "Notification" ("recipientId", "conversationId", kind, status, detail, "messageIds", "createdAt", "updatedAt")
        SELECT u.id, c.id, ${kind},
          CASE WHEN unread.ids = '{}' OR NOT u.active OR NOT u."emailNotifications" THEN 'skipped' ELSE 'pending' END,
          CASE WHEN unread.ids = '{}' THEN 'read before the delay' WHEN NOT u.active THEN 'account deactivated'
               WHEN NOT u."emailNotifications" THEN 'notifications off' END,
          unread.ids, ${nowSql(clock)}::timestamp(3), ${nowSql(clock)}::timestamp(3)
        FROM c JOIN "User" u ON ${recipients}, ready, unread
        WHERE ready.ok
        RETURNING id
      )
      SELECT (SELECT count(*)::int FROM recorded) AS claimed, (SELECT min("createdAt") FROM due) AS oldest FROM ready`;
    const dueAt = row?.oldest && row.claimed === 0 ? new Date(row.oldest.getTime() + settings.delayMs) : null;
    return { claimed: row?.claimed ?? 0, dueAt: dueAt && dueAt > now() ? dueAt : null };
  }

  /** Sends the conversation's notifications not sent yet; throws (for pg-boss to retry) if one failed. */
  async function deliver(conversationId: number) {
    const waiting = await prisma.notification.findMany({
      where: { conversationId, status: { in: ["pending", "failed"] }, attempts: { lt: MAX_ATTEMPTS } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    let failed: unknown;
    for (const { id } of waiting) {
      // Whoever flips it first sends it: two processes never send one notification twice.
      const taken = await prisma.notification.updateMany({ where: { id, status: { in: ["pending", "failed"] } }, data: { status: "sending", updatedAt: now() } });
      if (taken.count === 0) continue;
      const notification = await prisma.notification.findUniqueOrThrow({
        where: { id },
        include: { recipient: true, conversation: { select: { id: true, subject: true } } },
      });
      try {
        const messages = await prisma.message.findMany({
          where: { id: { in: notification.messageIds } },
          orderBy: { id: "asc" },
          select: { content: true, createdAt: true, sender: { select: { name: true } }, _count: { select: { attachments: true } } },
        });
        const toPro = notification.recipient.role === "PROFESSIONAL";
        await mailer.send(composeEmail({
          kind: notification.kind as EmailKind,
          notificationId: notification.id,
          recipient: notification.recipient,
          conversation: notification.conversation,
          messages: messages.map((message) => ({ senderName: message.sender.name, content: message.content, createdAt: message.createdAt, attachments: message._count.attachments })),
          link: toPro ? `${settings.publicUrl}/messagerie/${conversationId}` : `${settings.publicUrl}/admin/conversations/${conversationId}/show`,
          unsubscribe: `${settings.publicUrl}/api/notifications/unsubscribe?token=${tokens.token(notification.recipientId)}`,
          from: settings.mailFrom,
          host,
        }));
        await prisma.notification.update({ where: { id }, data: { status: "sent", attempts: { increment: 1 }, sentAt: now(), updatedAt: now(), detail: null } });
      } catch (error) {
        failed = error;
        const detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
        await prisma.notification.update({ where: { id }, data: { status: "failed", attempts: { increment: 1 }, detail, updatedAt: now() } });
        logger.warn({ err: error, notification: id }, "email not sent: will be retried");
      }
    }
    if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  }

  /** One burst: claim what is due (or come back when it is), then send. */
  async function notify({ conversationId, recipient }: NotifyJob) {
    const { dueAt } = await claim(conversationId, recipient); // always later than now (claim says so)
    if (dueAt) await notifyLater(conversationId, recipient, dueAt);
    await deliver(conversationId);
  }

  /** The one reminder of a wait on the pro, once it has lasted REMINDER_AFTER. Answers whether it was recorded. */
  async function remind(conversationId: number) {
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      WITH due AS (
        SELECT c.id, c."professionalId", c."waitingSince" FROM "Conversation" c
        WHERE c.id = ${conversationId} AND c.status = 'open' AND c."waitingOn" = 'PROFESSIONAL'
          AND c."waitingSince" <= ${cutoff(settings.reminderAfterMs)} AND c."remindedFor" IS DISTINCT FROM c."waitingSince" AND ${newWait("c")}
        FOR UPDATE
      ), moved AS (
        UPDATE "Conversation" c SET "remindedFor" = due."waitingSince" FROM due WHERE c.id = due.id RETURNING c.id
      )
      INSERT INTO "Notification" ("recipientId", "conversationId", kind, status, detail, "messageIds", "createdAt", "updatedAt")
      SELECT u.id, due.id, 'reminder', CASE WHEN u.active AND u."emailNotifications" THEN 'pending' ELSE 'skipped' END,
        CASE WHEN NOT u.active THEN 'account deactivated' WHEN NOT u."emailNotifications" THEN 'notifications off' END,
        '{}', ${nowSql(clock)}::timestamp(3), ${nowSql(clock)}::timestamp(3)
      FROM due JOIN "User" u ON u.id = due."professionalId"
      RETURNING id`;
    if (rows.length > 0) await deliver(conversationId);
    return rows.length > 0;
  }

  /** Closes a conversation whose wait on the pro has lasted AUTO_CLOSE_AFTER; tells everyone who shows it. */
  async function autoClose(conversationId: number) {
    const rows = await prisma.$queryRaw<{ id: number; professionalId: number }[]>`
      WITH due AS (
        SELECT id, "categoryId", priority FROM "Conversation"
        WHERE id = ${conversationId} AND status = 'open' AND "waitingOn" = 'PROFESSIONAL' AND "waitingSince" <= ${cutoff(settings.autoCloseAfterMs)}
          AND ${newWait('"Conversation"')}
        FOR UPDATE
      ), closed AS (
        UPDATE "Conversation" c SET status = 'closed', "closedAt" = ${nowSql(clock)}, "closedBy" = 'auto', "waitingOn" = NULL, "waitingSince" = NULL,
          "updatedAt" = ${nowSql(clock)}
        FROM due WHERE c.id = due.id
        RETURNING c.id, c."professionalId", c."closedAt"
      ), changed AS (
        INSERT INTO "StatusChange" ("conversationId", status, "userId", "categoryId", priority, "changedAt")
        SELECT closed.id, 'closed', NULL, due."categoryId", due.priority, closed."closedAt" FROM closed JOIN due ON due.id = closed.id
      )
      SELECT id, "professionalId" FROM closed`;
    for (const row of rows) {
      events.publish({
        type: "conversation.updated",
        conversationId: row.id,
        professionalId: row.professionalId,
        data: { status: "closed", closedBy: "auto", waitingOn: null, waitingSince: null },
      });
    }
    return rows.length > 0;
  }

  /** A follow-up job: done if due, moved to when it will be if the wait goes on, dropped if the wait ended. */
  async function followUp({ conversationId, action }: FollowUpJob) {
    const done = action === "remind" ? await remind(conversationId) : await autoClose(conversationId);
    if (done && action === "remind" && settings.autoCloseAfterMs > 0) {
      // Reminded: the closing comes next, AUTO_CLOSE_AFTER after the wait began.
      const wait = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { waitingSince: true } });
      if (wait?.waitingSince) await followUpLater(conversationId, "close", new Date(Math.max(wait.waitingSince.getTime() + settings.autoCloseAfterMs, now().getTime())));
    }
    if (done) return;
    const wait = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { status: true, waitingOn: true, waitingSince: true, remindedFor: true } });
    if (!wait || wait.status !== "open" || wait.waitingOn !== "PROFESSIONAL" || !wait.waitingSince) return;
    if (wait.remindedFor?.getTime() === Date.parse(HISTORY)) return;
    if (action === "remind" && wait.remindedFor?.getTime() === wait.waitingSince.getTime()) return;
    const after = action === "remind" ? settings.reminderAfterMs : settings.autoCloseAfterMs;
    const at = new Date(wait.waitingSince.getTime() + after);
    // Only ever later: what is due now and was not done is not this job's to retry (the sweep looks again).
    if (at > now()) await followUpLater(conversationId, action, at);
  }

  /**
   * What a lost job would have missed: bursts due and not claimed (the last week's), notifications left unsent, waits
   * due for their reminder or their closing. Every step is the same atomic statement as the jobs', so running it
   * anywhere, any number of times, sends nothing twice.
   */
  async function sweep() {
    const since = Prisma.sql`${statementNow()}::timestamp(3) - interval '7 days'`;
    const burstsDue = prisma.$queryRaw<NotifyJob[]>`
      SELECT c.id AS "conversationId", 'PROFESSIONAL' AS recipient FROM "Conversation" c
      WHERE c."unreadByProfessional" > 0 AND c."lastMessageAt" > ${since} AND EXISTS (
        SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m."senderType" = 'ADMIN' AND NOT m.internal
          AND m.id > c."proNotifiedThrough" AND m."createdAt" <= ${cutoff(settings.delayMs)})
      UNION ALL
      SELECT c.id, 'ADMIN' FROM "Conversation" c
      WHERE c."unreadByAdmin" > 0 AND c."lastMessageAt" > ${since} AND EXISTS (
        SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m."senderType" = 'PROFESSIONAL' AND NOT m.internal
          AND m.id > c."adminNotifiedThrough" AND m."createdAt" <= ${cutoff(settings.delayMs)})`;
    // A send cut off by a crash (left "sending") is tried again: at least once, never lost.
    const unsentLeft = prisma.notification
      .updateMany({ where: { status: "sending", updatedAt: { lt: new Date(now().getTime() - 5 * 60_000) } }, data: { status: "failed", detail: "interrupted" } })
      .then(() => prisma.$queryRaw<{ conversationId: number }[]>`
        SELECT DISTINCT "conversationId" FROM "Notification"
        WHERE status IN ('pending', 'failed') AND attempts < ${MAX_ATTEMPTS} AND "updatedAt" < ${statementNow()}::timestamp(3) - interval '1 minute'`);
    const waits = (ms: number, notRemindedYet: boolean) => (ms === 0 ? Promise.resolve([]) : prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Conversation" WHERE "waitingOn" = 'PROFESSIONAL' AND "waitingSince" <= ${cutoff(ms)} AND ${newWait('"Conversation"')}
        ${notRemindedYet ? Prisma.sql`AND "remindedFor" IS DISTINCT FROM "waitingSince"` : Prisma.empty}`);
    // Independent reads, side by side (a duration of 0 reads nothing).
    const [bursts, unsent, reminders, closings] = await Promise.all([
      burstsDue, unsentLeft, waits(settings.reminderAfterMs, true), waits(settings.autoCloseAfterMs, false),
    ]);
    for (const burst of bursts) await notify(burst).catch((error: unknown) => logger.warn({ err: error, ...burst }, "sweep: notification failed"));
    for (const { conversationId } of unsent) await deliver(conversationId).catch(() => undefined);
    for (const { id } of reminders) await remind(id);
    for (const { id } of closings) await autoClose(id);
  }

  return {
    enabled: on,

    /** Registers the workers and the sweep's schedule (every minute, run by one process). */
    async start() {
      for (const name of [NOTIFY, FOLLOW_UP, SWEEP]) await boss.createQueue(name, { name, policy: name === SWEEP ? "singleton" : "short" });
      await boss.work<NotifyJob>(NOTIFY, { pollingIntervalSeconds: pollingSeconds }, async ([job]) => notify(job.data));
      await boss.work<FollowUpJob>(FOLLOW_UP, { pollingIntervalSeconds: pollingSeconds }, async ([job]) => followUp(job.data));
      await boss.work(SWEEP, { pollingIntervalSeconds: pollingSeconds }, async () => sweep());
      await boss.schedule(SWEEP, "* * * * *");
    },

    /** After a message is written: its email later, and (an admin's public reply) the wait's follow-ups. */
    messagePosted({ conversationId, sender, internal }: { conversationId: number; sender: Role; internal: boolean }) {
      if (internal || !on) return;
      const at = now().getTime();
      const recipient: Role = sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN";
      unlessRecent(`${recipient}:${conversationId}`, settings.delayMs, () => notifyLater(conversationId, recipient, new Date(at + settings.delayMs)));
      // A pro's message ends the wait; the next admin reply starts another, whose follow-ups are scheduled anew.
      if (sender !== "ADMIN") return void recently.delete(`wait:${conversationId}`);
      unlessRecent(`wait:${conversationId}`, 60_000, () => {
        // The reminder first; once it is sent, its job schedules the closing (or the closing alone, without reminders).
        if (settings.reminderAfterMs > 0) void followUpLater(conversationId, "remind", new Date(at + settings.reminderAfterMs));
        else if (settings.autoCloseAfterMs > 0) void followUpLater(conversationId, "close", new Date(at + settings.autoCloseAfterMs));
      });
    },

    sweep,
  };
}
export type NotificationsService = ReturnType<typeof notificationsService>;

/** Marks every message written so far as already notified (what a migration or the demo data wrote is never emailed). */
export const markAllNotified = (prisma: PrismaClient) => prisma.$executeRaw`
  UPDATE "Conversation" c SET "proNotifiedThrough" = m.newest, "adminNotifiedThrough" = m.newest
  FROM (SELECT "conversationId", max(id) AS newest FROM "Message" GROUP BY "conversationId") m
  WHERE m."conversationId" = c.id`;
