import { proVisibleMessageSql } from "../access/policy.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { deliver, notify } from "./bursts.ts";
import { MAX_ATTEMPTS, newWait, type NotificationContext, type NotifyJob } from "./context.ts";
import { autoClose, remind } from "./followUps.ts";

/**
 * What a lost job would have missed: bursts due and not claimed (the last week's), notifications left unsent, waits
 * due for their reminder or their closing. Every step is the same atomic statement as the jobs', so running it
 * anywhere, any number of times, sends nothing twice.
 */
export async function sweep(ctx: NotificationContext) {
  const { prisma, settings, logger, now, cutoff, statementNow } = ctx;
  const since = Prisma.sql`${statementNow()}::timestamp(3) - interval '7 days'`;
  const burstsDue = prisma.$queryRaw<NotifyJob[]>`
    SELECT c.id AS "conversationId", 'PROFESSIONAL' AS recipient FROM "Conversation" c
    WHERE c."unreadByProfessional" > 0 AND c."lastMessageAt" > ${since} AND EXISTS (
      SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m."senderType" = 'ADMIN' AND ${proVisibleMessageSql("m")}
        AND m.id > c."proNotifiedThrough" AND m."createdAt" <= ${cutoff(settings.delayMs)})
    UNION ALL
    SELECT c.id, 'ADMIN' FROM "Conversation" c
    WHERE c."unreadByAdmin" > 0 AND c."lastMessageAt" > ${since} AND EXISTS (
      SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m."senderType" = 'PROFESSIONAL' AND ${proVisibleMessageSql("m")}
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
  for (const burst of bursts) await notify(ctx, burst).catch((error: unknown) => logger.warn({ err: error, ...burst }, "sweep: notification failed"));
  for (const { conversationId } of unsent) await deliver(ctx, conversationId).catch(() => undefined);
  for (const { id } of reminders) await remind(ctx, id);
  for (const { id } of closings) await autoClose(ctx, id);
}

