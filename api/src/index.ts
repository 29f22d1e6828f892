import { Redis } from "ioredis";
import { pino } from "pino";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../../prisma/seed.ts";
import { createApp } from "./app.ts";
import { attachmentsFor } from "./attachments/service.ts";
import { storageFrom } from "./attachments/storage.ts";
import { startJobQueue } from "./jobs/queue.ts";
import { mailerFor } from "./mail/transport.ts";
import { notificationsService } from "./notifications/service.ts";
import { unsubscribeTokens } from "./notifications/tokens.ts";
import { openDatabase } from "./db/database.ts";
import { inProcessBus } from "./events/bus.ts";
import { redisBus } from "./events/redisBus.ts";
import { httpServer } from "./http/server.ts";
import { loadSettings, SettingsError } from "./settings.ts";

async function main() {
  const settings = loadSettings();
  const logger = pino({ level: settings.logLevel });
  const database = await openDatabase(settings);
  const storage = storageFrom(settings);
  logger.info({ database: database.kind }, "database migrated");

  if (settings.env !== "production" && (await database.prisma.user.count()) === 0) {
    await seedDemo(database.prisma, attachmentsFor(database.prisma, settings, { storage }));
    logger.info("empty database: demo accounts and conversations created");
  }

  // One process: events stay in memory. Several behind a load balancer: they meet in Redis.
  const events = settings.redisUrl
    ? redisBus(settings.redisUrl, { prefix: settings.redisPrefix, logger })
    : inProcessBus((error) => logger.error({ err: error }, "event subscriber failed"));
  // Commands for what processes count together (failed logins); fails fast while Redis is down.
  const redis = settings.redisUrl
    ? new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000, lazyConnect: false })
    : undefined;
  redis?.on("error", () => {}); // the event bus already reports Redis outages, once each
  // Emails: SMTP, .eml files in development, or none (production without SMTP_URL), sent by jobs in the database.
  const mailer = mailerFor({ smtpUrl: settings.notifications.smtpUrl, env: settings.env, dataDir: settings.dataDir, connections: settings.notifications.concurrency }, logger);
  const boss = mailer.kind === "off" ? undefined : await startJobQueue(database, logger);
  const notifications = boss && notificationsService({
    prisma: database.prisma, boss, mailer, settings: settings.notifications, tokens: unsubscribeTokens(settings.jwtSecret), events, logger,
  });
  if (notifications) await notifications.start();
  else logger.warn("NODE_ENV=production without SMTP_URL: email notifications are off");
  const app = createApp({ database, settings, logger, events, redis, storage, notifications });
  // Files that no message refers to (a crash between storing and writing), swept every hour.
  const sweep = setInterval(() => {
    attachmentsFor(database.prisma, settings, { storage })
      .sweep(new Date(Date.now() - 3600_000))
      .then((removed) => removed > 0 && logger.info({ removed }, "unreferenced attachment files removed"))
      .catch((error: unknown) => logger.warn({ err: error }, "attachment sweep failed"));
  }, 3600_000);
  sweep.unref();
  const server = httpServer(app);
  server.listen(settings.port, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : settings.port;
    const base = `http://localhost:${port}`;
    const demo = settings.env === "production" ? "" : [
      "",
      `  Demo logins (password ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((account) => `    ${account.role === "ADMIN" ? "admin" : "pro  "}  ${account.email}`),
    ].join("\n");
    console.log(
      [
        "",
        "  Messagerie Pro-Admin is running",
        `    Portal (pros):   ${base}/`,
        `    Admin console:   ${base}/admin/`,
        `    API:             ${base}/api  (health: ${base}/api/health)`,
        `    Database:        ${database.kind === "pglite" ? `embedded PostgreSQL in ${settings.dataDir}` : "PostgreSQL (DATABASE_URL)"}`,
        `    Real-time:       ${settings.redisUrl ? "events shared through Redis (REDIS_URL)" : "events within this process"}`,
        `    Emails:          ${mailer.kind === "smtp" ? "sent through SMTP_URL" : mailer.kind === "files" ? `written to ${settings.dataDir}/mail (no SMTP_URL)` : "off (no SMTP_URL)"}`,
        demo,
        "",
      ].join("\n"),
    );
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    server.close();
    server.closeAllConnections();
    await boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    mailer.close();
    await events.close();
    redis?.disconnect();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
});
