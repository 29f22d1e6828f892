import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { notify } from "./bursts.ts";
import { FOLLOW_UP, NOTIFY, notificationContext, SWEEP, type FollowUpJob, type NotificationDependencies, type NotifyJob } from "./context.ts";
import { followUp } from "./followUps.ts";
import { sweep } from "./sweep.ts";
import { workInBatches } from "./workers.ts";

export { MAX_ATTEMPTS, type NotificationOptions } from "./context.ts";

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
export function notificationsService(deps: NotificationDependencies) {
  const ctx = notificationContext(deps);
  const { boss, settings, pollingSeconds, now } = ctx;
  const on = deps.mailer.kind !== "off";

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

  return {
    enabled: on,

    /** Registers the workers and the sweep's schedule (every minute, run by one process). */
    async start() {
      for (const name of [NOTIFY, FOLLOW_UP, SWEEP]) await boss.createQueue(name, { name, policy: name === SWEEP ? "singleton" : "short" });
      await workInBatches<NotifyJob>(ctx, NOTIFY, (job) => notify(ctx, job));
      await workInBatches<FollowUpJob>(ctx, FOLLOW_UP, (job) => followUp(ctx, job));
      await boss.work(SWEEP, { pollingIntervalSeconds: pollingSeconds }, async () => sweep(ctx));
      await boss.schedule(SWEEP, "* * * * *");
    },

    /** After a message is written: its email later, and (an admin's public reply) the wait's follow-ups. */
    messagePosted({ conversationId, sender, internal }: { conversationId: number; sender: Role; internal: boolean }) {
      if (internal || !on) return;
      const at = now().getTime();
      const recipient: Role = sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN";
      unlessRecent(`${recipient}:${conversationId}`, settings.delayMs, () => ctx.notifyLater(conversationId, recipient, new Date(at + settings.delayMs)));
      // A pro's message ends the wait; the next admin reply starts another, whose follow-ups are scheduled anew.
      if (sender !== "ADMIN") return void recently.delete(`wait:${conversationId}`);
      unlessRecent(`wait:${conversationId}`, 60_000, () => {
        // The reminder first; once it is sent, its job schedules the closing (or the closing alone, without reminders).
        if (settings.reminderAfterMs > 0) void ctx.followUpLater(conversationId, "remind", new Date(at + settings.reminderAfterMs));
        else if (settings.autoCloseAfterMs > 0) void ctx.followUpLater(conversationId, "close", new Date(at + settings.autoCloseAfterMs));
      });
    },

    sweep: () => sweep(ctx),
  };
}
export type NotificationsService = ReturnType<typeof notificationsService>;

/** Marks every message written so far as already notified (what a migration or the demo data wrote is never emailed). */
export const markAllNotified = (prisma: PrismaClient) => prisma.$executeRaw`
  UPDATE "Conversation" c SET "proNotifiedThrough" = m.newest, "adminNotifiedThrough" = m.newest
  FROM (SELECT "conversationId", max(id) AS newest FROM "Message" GROUP BY "conversationId") m
  WHERE m."conversationId" = c.id`;
