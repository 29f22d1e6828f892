import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import { utcSql, type Clock } from "../clock.ts";
import type { EventBus } from "../events/bus.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import type { Mailer } from "../mail/transport.ts";
import type { Settings } from "../settings.ts";
import type { UnsubscribeTokens } from "./tokens.ts";

/** Jobs: one per burst and side to email (`notify`), one per wait on the pro to follow up (`follow-up`), and a sweep. */
export const NOTIFY = "notify";
export const FOLLOW_UP = "follow-up";
export const SWEEP = "sweep";
/** Waits from before notifications existed carry the epoch in `remindedFor`: no follow-up for them. */
export const HISTORY = "1970-01-01";
export const newWait = (table: string) => Prisma.raw(`${table}."remindedFor" IS DISTINCT FROM '${HISTORY}'`);

/** After this many failed attempts a notification stays failed (GET /api/notifications shows it). */
export const MAX_ATTEMPTS = 8;

export type NotifyJob = { conversationId: number; recipient: Role };
export type FollowUpJob = { conversationId: number; action: "remind" | "close" };

export type NotificationOptions = {
  /** Seconds before a failed attempt is retried (doubled each time: pg-boss's backoff). */
  retryDelaySeconds?: number;
  /** How often pg-boss looks for due jobs. */
  pollingSeconds?: number;
};

export type NotificationDependencies = {
  prisma: PrismaClient;
  boss: PgBoss;
  mailer: Mailer;
  settings: Settings["notifications"];
  tokens: UnsubscribeTokens;
  events: EventBus;
  logger: Logger;
  clock?: Clock;
  options?: NotificationOptions;
};

/** What every step of the notifications takes: its dependencies, the clock as SQL, and how to schedule a job. */
export type NotificationContext = ReturnType<typeof notificationContext>;

export function notificationContext(deps: NotificationDependencies) {
  const { boss, settings, logger, clock } = deps;
  const { retryDelaySeconds = 30, pollingSeconds = 2 } = deps.options ?? {};
  // Read once per statement (not clock_timestamp(), which is read again on every row and keeps indexes out).
  const statementNow = () => (clock ? utcSql(clock()) : Prisma.sql`(statement_timestamp() AT TIME ZONE 'UTC')`);
  const schedule = (name: string, data: object, at: Date, singletonKey: string) =>
    boss.send(name, data, { startAfter: at, singletonKey, retryLimit: MAX_ATTEMPTS, retryDelay: retryDelaySeconds, retryBackoff: true })
      .catch((error: unknown) => logger.warn({ err: error, name, data }, "job not scheduled (the sweep will find it)"));
  return {
    ...deps,
    pollingSeconds,
    host: new URL(settings.publicUrl).hostname || "localhost",
    now: () => clock?.() ?? new Date(),
    statementNow,
    /** The instant `ms` before this statement's now. */
    cutoff: (ms: number) => Prisma.sql`(${statementNow()}::timestamp(3) - ${ms} * interval '1 millisecond')`,
    notifyLater: (conversationId: number, recipient: Role, at: Date) =>
      schedule(NOTIFY, { conversationId, recipient } satisfies NotifyJob, at, `${recipient}:${conversationId}`),
    followUpLater: (conversationId: number, action: FollowUpJob["action"], at: Date) =>
      schedule(FOLLOW_UP, { conversationId, action } satisfies FollowUpJob, at, `${action}:${conversationId}`),
  };
}
