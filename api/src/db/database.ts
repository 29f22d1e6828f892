import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Settings } from "../settings.ts";
import { deployMigrations, type MigrationTarget } from "./migrate/index.ts";
import { openPGlite } from "./pglite.ts";

export type Database = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** The connection underneath (the job queue opens its own on it). */
  target: MigrationTarget;
  /** Whether the database answers a trivial query (for /api/health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

export type PoolOptions = { poolSize?: number; preparedStatements?: boolean };

/** How long a query waits for a pooled connection (or a new one) before the request answers 503. */
const CONNECTION_TIMEOUT_MS = 2000;

/** Queries a connection serves before it is replaced: what bounds the statements it keeps prepared. */
const MAX_USES = 10_000;

function postgresPool(url: string, { poolSize = 10, preparedStatements = true }: PoolOptions) {
  const pool = new pg.Pool({
    connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS, idleTimeoutMillis: 30_000,
    // Prepared statements skip the parse but are planned for their values every time: a plan made once for any value
    // (a search's words, a statistics' range) could be the wrong one for the next.
    ...(preparedStatements && { maxUses: MAX_USES, options: "-c plan_cache_mode=force_custom_plan" }),
  });
  // A connection that dies while idle (database restarted) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/**
 * Each statement prepared once per connection, by a name its text decides (the same text, the same name): a page or
 * a ticket's read then sends only its values — half of a small statement's time was its parse, and its text.
 */
const statementNameGenerator = ({ sql }: { sql: string }) => `s${createHash("sha1").update(sql).digest("base64url")}`;

/** Wraps an open connection. Nothing above this point knows which database runs. */
export function databaseFrom(target: MigrationTarget, options: PoolOptions = {}): Database {
  const adapter = target.kind === "pglite"
    ? new PrismaPGlite(target.pglite)
    : new PrismaPg(postgresPool(target.url, options), options.preparedStatements === false ? undefined : { statementNameGenerator });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: target.kind,
    target,
    async ping() {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      if (target.kind === "pglite") await target.pglite.close();
    },
  };
}

/**
 * With DATABASE_URL: that PostgreSQL. Without: an embedded PostgreSQL (PGlite) in DATA_DIR.
 * Either way the migrations are applied before the first query.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) {
    // Migrations take an advisory lock that must stay on one session: through DIRECT_DATABASE_URL when the
    // application's URL goes through a transaction-mode pooler.
    const url = settings.directDatabaseUrl ?? settings.databaseUrl;
    await deployMigrations({ kind: "postgres", url, lockTimeoutMs: settings.migrationLockTimeoutMs }).catch((error: unknown) => {
      throw lockTimeoutExplained(error, settings.migrationLockTimeoutMs);
    });
    return databaseFrom({ kind: "postgres", url: settings.databaseUrl }, { poolSize: settings.databasePoolSize, preparedStatements: settings.databasePreparedStatements });
  }
  const directory = path.join(settings.dataDir, "pglite");
  mkdirSync(directory, { recursive: true }); // PGlite does not create parent folders
  const target: MigrationTarget = { kind: "pglite", pglite: await openPGlite(directory) };
  await deployMigrations(target);
  return databaseFrom(target);
}

type DatabaseSettings = Pick<Settings, "databaseUrl" | "directDatabaseUrl" | "dataDir" | "databasePoolSize" | "databasePreparedStatements" | "migrationLockTimeoutMs">;

function lockTimeoutExplained(error: unknown, timeoutMs: number): unknown {
  const text = error instanceof Error ? error.message : String(error);
  if (!/lock timeout|55P03/i.test(text)) return error;
  return new Error(
    `Migrations waited ${timeoutMs / 1000} s for the migration lock and gave up: another process is migrating, or a ` +
      "pooled connection still holds the lock (through PgBouncer in transaction mode, set DIRECT_DATABASE_URL to a " +
      `direct connection). MIGRATION_LOCK_TIMEOUT_SECONDS sets the wait.\n${text}`,
  );
}
