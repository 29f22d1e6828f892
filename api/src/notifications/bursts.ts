import { proVisibleMessageSql } from "../access/policy.ts";
import { nowSql } from "../clock.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { MAX_ATTEMPTS, type NotificationContext, type NotifyJob } from "./context.ts";
import { composeEmail, type EmailKind } from "./emails.ts";

/**
 * Emails that wait and skip what was read: a burst's job claims, in one statement under the conversation's lock, every
 * message of the other side newer than what was last emailed — those the recipient may see, never a note — skipped
 * if all were read meanwhile, records one Notification per recipient, and sends them. Each is sent by whoever flips
 * it to `sending` first, so that two processes never send one twice; a failure is retried with backoff and kept.
 */

/**
 * Claims the due messages of one side for its recipients (one statement, under the conversation's lock): answers
 * how many notifications were recorded, or, when the oldest unclaimed message is not due yet, when it will be.
 */
export async function claimBurst(ctx: NotificationContext, conversationId: number, recipient: Role): Promise<{ claimed: number; dueAt: Date | null }> {
  const { prisma, settings, clock, now, cutoff } = ctx;
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
      WHERE m."conversationId" = c.id AND m."senderType" = ${sender}::"SenderType" AND ${proVisibleMessageSql("m")} AND m.id > c.through
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
export async function deliver(ctx: NotificationContext, conversationId: number) {
  const { prisma, settings, mailer, tokens, logger, now, host } = ctx;
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
export async function notify(ctx: NotificationContext, { conversationId, recipient }: NotifyJob) {
  const { now } = ctx;
  const { dueAt } = await claimBurst(ctx, conversationId, recipient); // always later than now (claim says so)
  if (dueAt) await ctx.notifyLater(conversationId, recipient, dueAt);
  await deliver(ctx, conversationId);
}

