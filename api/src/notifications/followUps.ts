import { Prisma } from "../generated/prisma/client.ts";
import { nowSql } from "../clock.ts";
import { updateConversationRow } from "../conversations/statements.ts";
import { deliver } from "./bursts.ts";
import { HISTORY, newWait, type FollowUpJob, type NotificationContext } from "./context.ts";

/**
 * The follow-ups of a wait on the pro, after an admin's reply: one reminder once it has lasted REMINDER_AFTER, the
 * automatic close once it has lasted AUTO_CLOSE_AFTER. A pro's message ends the wait, and with it both.
 */

/** The one reminder of a wait on the pro, once it has lasted REMINDER_AFTER. Answers whether it was recorded. */
export async function remind(ctx: NotificationContext, conversationId: number) {
  const { prisma, settings, clock, cutoff } = ctx;
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
  if (rows.length > 0) await deliver(ctx, conversationId);
  return rows.length > 0;
}

/**
 * Closes a conversation whose wait on the pro has lasted AUTO_CLOSE_AFTER — with the same statement as a close by
 * hand, while the wait is still due once its row is locked — and tells everyone who shows it.
 */
export async function autoClose(ctx: NotificationContext, conversationId: number) {
  const { prisma, settings, events, clock, cutoff } = ctx;
  const due = Prisma.sql`status = 'open' AND "waitingOn" = 'PROFESSIONAL' AND "waitingSince" <= ${cutoff(settings.autoCloseAfterMs)} AND ${newWait('"Conversation"')}`;
  const row = await updateConversationRow(prisma, { auto: true, due }, conversationId, { status: "closed" }, clock);
  if (!row) return false;
  events.publish({
    type: "conversation.updated",
    conversationId: row.id,
    professionalId: row.professionalId,
    data: { status: "closed", closedBy: "auto", waitingOn: null, waitingSince: null },
  });
  return true;
}

/** A follow-up job: done if due, moved to when it will be if the wait goes on, dropped if the wait ended. */
export async function followUp(ctx: NotificationContext, { conversationId, action }: FollowUpJob) {
  const { prisma, settings, now } = ctx;
  const done = action === "remind" ? await remind(ctx, conversationId) : await autoClose(ctx, conversationId);
  if (done && action === "remind" && settings.autoCloseAfterMs > 0) {
    // Reminded: the closing comes next, AUTO_CLOSE_AFTER after the wait began.
    const wait = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { waitingSince: true } });
    if (wait?.waitingSince) await ctx.followUpLater(conversationId, "close", new Date(Math.max(wait.waitingSince.getTime() + settings.autoCloseAfterMs, now().getTime())));
  }
  if (done) return;
  const wait = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { status: true, waitingOn: true, waitingSince: true, remindedFor: true } });
  if (!wait || wait.status !== "open" || wait.waitingOn !== "PROFESSIONAL" || !wait.waitingSince) return;
  if (wait.remindedFor?.getTime() === Date.parse(HISTORY)) return;
  if (action === "remind" && wait.remindedFor?.getTime() === wait.waitingSince.getTime()) return;
  const after = action === "remind" ? settings.reminderAfterMs : settings.autoCloseAfterMs;
  const at = new Date(wait.waitingSince.getTime() + after);
  // Only ever later: what is due now and was not done is not this job's to retry (the sweep looks again).
  if (at > now()) await ctx.followUpLater(conversationId, action, at);
}

