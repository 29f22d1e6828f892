import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { diskStorage, type AttachmentStorage } from "../src/attachments/storage.ts";
import { attachmentsFor } from "../src/attachments/service.ts";
import { startJobQueue } from "../src/jobs/queue.ts";
import { mailerFor } from "../src/mail/transport.ts";
import { notificationsService, type NotificationOptions } from "../src/notifications/service.ts";
import { unsubscribeTokens } from "../src/notifications/tokens.ts";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { pino } from "pino";
import { inject } from "vitest";
import type { Actor } from "../src/access/policy.ts";
import { createApp } from "../src/app.ts";
import type { Clock } from "../src/clock.ts";
import { hashPassword } from "../src/users/passwords.ts";
import { signToken } from "../src/auth/tokens.ts";
import { databaseFrom, type Database } from "../src/db/database.ts";
import { inProcessBus, type EventBus } from "../src/events/bus.ts";
import type { Role, User } from "../src/generated/prisma/client.ts";
import type { Settings } from "../src/settings.ts";
import { openPGlite } from "../src/db/pglite.ts";

export const PASSWORD = "correct horse battery";
const passwordHash = hashPassword(PASSWORD);

export const testSettings: Settings = {
  env: "test",
  port: 0,
  databasePoolSize: 10,
  databasePreparedStatements: true,
  migrationLockTimeoutMs: 60_000,
  admission: { concurrency: 64, queue: 1000 },
  trustProxy: "loopback",
  dataDir: "/nonexistent",
  jwtSecret: "test-secret-".padEnd(48, "x"),
  jwtExpiresIn: "1h",
  corsOrigins: ["http://allowed.example"],
  logLevel: "silent",
  redisPrefix: "messagerie-test",
  sseHeartbeatMs: 20_000,
  sseMaxStreamsPerUser: 10,
  search: { timeoutMs: 3000, concurrency: 4, concurrencyPerUser: 2 },
  login: { maxFailures: 5, maxFailuresPerAddress: 50, windowMs: 60_000, concurrentHashes: 2 },
  attachments: { maxBytes: 10 * 1024 * 1024, maxFiles: 5 },
  notifications: { mailFrom: "Messagerie <support@test.local>", publicUrl: "http://messagerie.test", delayMs: 300_000, reminderAfterMs: 0, autoCloseAfterMs: 0 },
};

/** A throwaway PostgreSQL database copied from the migrated template, for whoever needs its URL (e.g. other processes). */
export async function copyPostgresTemplate(template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `messagerie_test_${randomBytes(6).toString("hex")}`;
  const admin = new URL(template);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}" TEMPLATE "${new URL(template).pathname.slice(1)}"`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A database of its own for the calling test file: a copy of the migrated template (PGlite or PostgreSQL). */
async function freshDatabase(): Promise<Database & { url?: string }> {
  const postgresTemplate = inject("postgresTemplate");
  if (postgresTemplate) {
    const copy = await copyPostgresTemplate(postgresTemplate);
    const database = databaseFrom({ kind: "postgres", url: copy.url });
    return {
      ...database,
      url: copy.url,
      async close() {
        await database.close();
        await copy.drop();
      },
    };
  }
  const file = inject("pgliteTemplate");
  if (!file) throw new Error("global setup provided no database template");
  const pglite = await openPGlite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
  return databaseFrom({ kind: "pglite", pglite });
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real app on a real database, with helpers to create the records each test asserts on. */
/** What a test may bring: its own attachment storage (S3), emails through an SMTP server (notifications/). */
export type TestExtras = { storage?: AttachmentStorage; smtpUrl?: string; notificationOptions?: NotificationOptions; database?: Database & { url?: string } };

export async function startTestApp(overrides: Partial<Settings> = {}, events: EventBus = inProcessBus(), clock?: Clock, { storage, smtpUrl, notificationOptions, database: given }: TestExtras = {}) {
  const database = given ?? (await freshDatabase());
  const settings = { ...testSettings, ...overrides };
  // With an SMTP server: the job queue in this database, and the notifications it runs.
  const logger = pino({ level: "silent" });
  const mailer = smtpUrl ? mailerFor({ smtpUrl, env: "test", dataDir: "/nonexistent", connections: settings.notifications.concurrency }, logger) : undefined;
  const boss = mailer ? await startJobQueue(database, logger) : undefined;
  const notifications = boss && mailer
    ? notificationsService({ prisma: database.prisma, boss, mailer, settings: settings.notifications, tokens: unsubscribeTokens(settings.jwtSecret), events, logger, clock, options: { retryDelaySeconds: 1, pollingSeconds: 0.5, ...notificationOptions } })
    : undefined;
  await notifications?.start();
  // Attachments on disk in a folder of this file's own, unless the test brings another storage (S3).
  const folder = storage ? undefined : mkdtempSync(path.join(tmpdir(), "messagerie-attachments-"));
  const files = storage ?? diskStorage(folder!);
  const app = createApp({ database, settings, logger, events, clock, storage: files, notifications });
  const { prisma } = database;
  let sequence = 0;

  async function createUser(role: Role, data: Partial<Pick<User, "name" | "email" | "active">> = {}) {
    sequence += 1;
    const tag = `${role.toLowerCase()}${sequence}-${randomBytes(3).toString("hex")}`;
    return prisma.user.create({
      data: { email: `${tag}@test.local`, name: `User ${tag}`, role, passwordHash: await passwordHash, ...data },
    });
  }

  return {
    app,
    prisma,
    database,
    /** PostgreSQL only: the URL of this file's database, for a second session (locks held by a test). */
    databaseUrl: database.url,
    settings,
    events,
    createUser,
    createAdmin: (data?: Parameters<typeof createUser>[1]) => createUser("ADMIN", data),
    createPro: (data?: Parameters<typeof createUser>[1]) => createUser("PROFESSIONAL", data),
    token: (user: Pick<User, "id" | "role">) => signToken(user, settings),
    bearer: (user: Pick<User, "id" | "role">) => `Bearer ${signToken(user, settings)}`,
    actor: (user: User): Actor => ({ id: user.id, role: user.role, name: user.name, email: user.email }),
    storage: files,
    /** The attachment sweep over this app's storage. */
    sweep: (before: Date) => attachmentsFor(prisma, settings, { storage: files }).sweep(before),
    notifications,
    /** Stops this app's job queue (a process that goes away), leaving the database open. */
    async stopJobs() {
      await boss?.stop({ graceful: false, close: true, wait: true });
      mailer?.close();
    },
    async close() {
      await boss?.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
      mailer?.close();
      if (!given) await database.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The app on a real port (for clients that need one: event streams over fetch); `close` ends open streams too. */
export async function listening(app: Express) {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
