/**
 * npm run bench:notifications — the notifications' minute sweep (what a lost job would have missed: bursts due, unsent
 * emails, reminders and closings due) on the bench:data dataset (DATABASE_URL, PostgreSQL), run serially (p50/p99)
 * with nothing left to send, as it runs every minute in production. Ceiling measured in the same run: the ticket
 * list's first page as the API's SQL reads it; the sweep's p99 is also given as a ratio to it.
 */
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
import { proVisibleMessageSql } from "../src/access/policy.ts";
import { databaseFrom } from "../src/db/database.ts";
import { mailerFor } from "../src/mail/transport.ts";
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

// The drain: BENCH_BURSTS bursts due at once (replies to pros left unread), worked by one process's queue to a real
// SMTP server of this bench's own — the rate at which a backlog empties.
const bursts = Number(process.env.BENCH_BURSTS ?? 500);
const received = { count: 0 };
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ["STARTTLS"], logger: false, disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => { received.count += 1; callback(); });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
const drainBoss = await startJobQueue(database, logger);
const drainMailer = mailerFor({ smtpUrl, env: "production", dataDir: "/tmp", connections: settings.notifications.concurrency }, logger);
const drainer = notificationsService({
  prisma: database.prisma, boss: drainBoss, mailer: drainMailer, settings: { ...settings.notifications, smtpUrl }, tokens: unsubscribeTokens("bench"), events: inProcessBus(), logger,
  options: { pollingSeconds: 2 },
});
// Conversations whose last message is an admin's reply: their pro is told of it again (pointers put back after).
const chosen = await database.prisma.$queryRaw<{ id: number; through: number; reply: number }[]>`
  SELECT c.id, c."proNotifiedThrough" AS through, m.id AS reply FROM "Conversation" c
  JOIN LATERAL (SELECT id, "senderType" FROM "Message" m WHERE "conversationId" = c.id AND ${proVisibleMessageSql("m")} ORDER BY id DESC LIMIT 1) m ON m."senderType" = 'ADMIN'
  WHERE c."lastMessageAt" < now() - interval '1 hour' ORDER BY c.id LIMIT ${bursts}`;
const [{ before }] = await database.prisma.$queryRaw<{ before: number }[]>`SELECT coalesce(max(id), 0)::int AS before FROM "Notification"`;
const ids = chosen.map((row) => row.id);
const unreadBefore = await database.prisma.$queryRaw<{ id: number; readAt: Date }[]>`
  SELECT m.id, m."readAt" FROM "Message" m WHERE m.id = ANY(${chosen.map((row) => row.reply)}::int[]) AND m."readAt" IS NOT NULL`;
await database.prisma.$executeRaw`UPDATE "Message" SET "readAt" = NULL WHERE id = ANY(${unreadBefore.map((row) => row.id)}::int[])`;
await database.prisma.$executeRaw`UPDATE "Conversation" c SET "proNotifiedThrough" = r.reply - 1 FROM unnest(${ids}::int[], ${chosen.map((row) => row.reply)}::int[]) AS r(id, reply) WHERE c.id = r.id`;
await drainer.start();
const started = performance.now();
for (const id of ids) await drainBoss.send("notify", { conversationId: id, recipient: "PROFESSIONAL" }, { singletonKey: `PROFESSIONAL:${id}`, retryLimit: 8 });
let sent = 0;
let lastProgress = performance.now();
const reached = new Map<number, number>();
// Until every burst is handled, or nothing moved for 10 s (what is left is then said, not waited for).
while (sent < chosen.length && performance.now() - lastProgress < 10_000) {
  const [{ handled }] = await database.prisma.$queryRaw<{ handled: number }[]>`SELECT count(*)::int AS handled FROM "Notification" WHERE id > ${before} AND status IN ('sent', 'skipped')`;
  if (handled > sent) lastProgress = performance.now();
  sent = handled;
  for (const share of [0.5, 0.9, 0.99, 1]) if (sent >= share * chosen.length && !reached.has(share)) reached.set(share, (performance.now() - started) / 1000);
  if (sent < chosen.length) await new Promise((resolve) => setTimeout(resolve, 50));
}
const seconds = (lastProgress - started) / 1000;
const shares = [...reached].map(([share, at]) => `${share * 100} % in ${at.toFixed(1)} s`).join(", ");
console.log(`drain, ${chosen.length} bursts due at once, one process (EMAIL_CONCURRENCY ${settings.notifications.concurrency}): ${sent} handled, ${received.count} emails received in ${seconds.toFixed(1)} s — ${(received.count / seconds).toFixed(0)} emails/s (${shares})`);
if (sent < chosen.length) {
  const left = await database.prisma.$queryRaw<{ id: number; notification: string | null; job: string | null }[]>`
    SELECT c.id, (SELECT string_agg(n.status || coalesce(': ' || n.detail, ''), '; ') FROM "Notification" n WHERE n."conversationId" = c.id AND n.id > ${before}) AS notification,
      (SELECT string_agg(j.state::text, '; ') FROM pgboss.job j WHERE j.name = 'notify' AND j.data->>'conversationId' = c.id::text AND j.created_on > now() - interval '10 minutes') AS job
    FROM unnest(${ids}::int[]) AS c(id)
    WHERE NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."conversationId" = c.id AND n.id > ${before} AND n.status IN ('sent', 'skipped'))`;
  for (const row of left.slice(0, 10)) console.log(`  not handled: conversation ${row.id}, notification ${row.notification ?? "none"}, job ${row.job ?? "none"}`);
}
await drainBoss.stop({ graceful: false, close: true });
drainMailer.close();
// Put the dataset back as it was.
await database.prisma.$executeRaw`UPDATE "Conversation" c SET "proNotifiedThrough" = r.through FROM unnest(${ids}::int[], ${chosen.map((row) => row.through)}::int[]) AS r(id, through) WHERE c.id = r.id`;
await database.prisma.$executeRaw`UPDATE "Message" m SET "readAt" = r.at FROM unnest(${unreadBefore.map((row) => row.id)}::int[], ${unreadBefore.map((row) => row.readAt)}::timestamp(3)[]) AS r(id, at) WHERE m.id = r.id`;
await database.prisma.$executeRaw`DELETE FROM "Notification" WHERE id > ${before}`;
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await database.close();
process.exit(0);
