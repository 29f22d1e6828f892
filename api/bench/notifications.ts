/**
 * npm run bench:notifications — the notifications' minute sweep (what a lost job would have missed: bursts due, unsent
 * emails, reminders and closings due) on the bench:data dataset (DATABASE_URL, PostgreSQL), run serially (p50/p99)
 * with nothing left to send, as it runs every minute in production. Ceiling measured in the same run: the ticket
 * list's first page as the API's SQL reads it; the sweep's p99 is also given as a ratio to it.
 */
import { pino } from "pino";
import { databaseFrom } from "../src/db/database.ts";
import { inProcessBus } from "../src/events/bus.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { startJobQueue } from "../src/jobs/queue.ts";
import { notificationsService } from "../src/notifications/service.ts";
import { unsubscribeTokens } from "../src/notifications/tokens.ts";
import { loadSettings } from "../src/settings.ts";
import { percentile } from "./processes.ts";

const url = process.env.DATABASE_URL ?? "";
if (!url) throw new Error("bench:notifications needs DATABASE_URL with the bench:data dataset");
const runs = Number(process.env.BENCH_RUNS ?? 30);

async function timed(run: () => Promise<unknown>) {
  await run(); // warm-up, not measured
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const logger = pino({ level: "warn" });
const settings = loadSettings({ ...process.env, NODE_ENV: "development", DATABASE_URL: url });
const database = databaseFrom({ kind: "postgres", url });
const boss = await startJobQueue(database, logger);
const mailer = { kind: "smtp" as const, send: async () => undefined, close: () => undefined };
const service = notificationsService({
  prisma: database.prisma, boss, mailer, settings: settings.notifications, tokens: unsubscribeTokens("bench"), events: inProcessBus(), logger,
});
const [{ conversations, messages, waiting }] = await database.prisma.$queryRaw<{ conversations: number; messages: number; waiting: number }[]>`
  SELECT (SELECT count(*)::int FROM "Conversation") AS conversations, (SELECT count(*)::int FROM "Message") AS messages,
         (SELECT count(*)::int FROM "Conversation" WHERE "waitingOn" = 'PROFESSIONAL') AS waiting`;
console.log(`bench:notifications — ${conversations.toLocaleString("en")} conversations (${waiting.toLocaleString("en")} waiting on the pro), ${messages.toLocaleString("en")} messages; ${runs} serial runs\n`);
const ceiling = await timed(() => database.prisma.$queryRaw(Prisma.sql`SELECT c.id, c.subject, c.status, c."lastMessageAt", c."lastMessagePreview" FROM "Conversation" c ORDER BY c."lastMessageAt" DESC, c.id DESC LIMIT 25`));
// REMINDER_AFTER and AUTO_CLOSE_AFTER at their defaults: 72 h and 7 days.
const sweep = await timed(() => service.sweep());
console.log(`ceiling (list page 1 SQL): p50 ${ceiling.p50.toFixed(1)} ms, p99 ${ceiling.p99.toFixed(1)} ms`);
console.log(`sweep, nothing to send:    p50 ${sweep.p50.toFixed(1)} ms, p99 ${sweep.p99.toFixed(1)} ms — ${(sweep.p99 / ceiling.p99).toFixed(1)} × the ceiling's p99 (once a minute, one process)`);
await boss.stop({ graceful: false, close: true });
await database.close();
process.exit(0);
