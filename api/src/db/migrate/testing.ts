// Helpers for this folder's tests: real databases (in-memory PGlite, throwaway PostgreSQL databases)
// and temporary copies of schema.prisma and the migrations folder.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach } from "vitest";
import { defaultMigrationsDir, defaultSchemaPath } from "./index.ts";
import type { MigrationTarget } from "./index.ts";
import { openPGlite } from "../pglite.ts";

/** PostgreSQL tests run only when DATABASE_URL is set; they never touch that database itself. */
export const postgresUrl = process.env.DATABASE_URL;
export const kinds = ["pglite", "postgres"] as const;
export type Kind = (typeof kinds)[number];
export const unavailable = (kind: Kind) => kind === "postgres" && !postgresUrl;
/** For tests that start PGlite instances (2–4 s each, far more on a busy machine) and the engine. */
export const SLOW = 120_000;

export type TestDatabase = {
  target: MigrationTarget;
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};

export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.href;
}

async function throwawayPostgres(url: string): Promise<TestDatabase> {
  const name = `migrate_test_${randomBytes(6).toString("hex")}`;
  // Through the maintenance database: the suite's global setup uses DATABASE_URL's own database as a
  // CREATE DATABASE … TEMPLATE, which fails while anyone else is connected to it.
  const admin = new pg.Pool({ connectionString: withDatabase(url, "postgres"), max: 1 });
  await admin.query(`CREATE DATABASE "${name}"`);
  const target: MigrationTarget = { kind: "postgres", url: withDatabase(url, name) };
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  return {
    target,
    sql: async (text) => (await pool.query(text)).rows,
    close: async () => {
      await pool.end();
      // Without FORCE: a connection the code under test left open makes this fail, as it should.
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    },
  };
}

/** An empty database of the given kind. */
export async function freshDatabase(kind: Kind): Promise<TestDatabase> {
  if (kind === "postgres") {
    if (!postgresUrl) throw new Error("DATABASE_URL is not set");
    return throwawayPostgres(postgresUrl);
  }
  const pglite = await openPGlite();
  return {
    target: { kind: "pglite", pglite },
    sql: async (text) => (await pglite.query<Record<string, unknown>>(text)).rows,
    close: () => pglite.close(),
  };
}

export async function tableNames(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  return rows.map((row) => String(row.tablename));
}

export type TempProject = { schemaPath: string; migrationsDir: string; migrationFolders(): Promise<string[]>; remove(): Promise<void> };

/** A temporary copy of schema.prisma and the migrations folder, for tests that change them. */
export async function tempProject(): Promise<TempProject> {
  const root = await mkdtemp(path.join(tmpdir(), "migrate-test-"));
  const schemaPath = path.join(root, "schema.prisma");
  const migrationsDir = path.join(root, "migrations");
  await cp(defaultSchemaPath, schemaPath);
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return {
    schemaPath,
    migrationsDir,
    migrationFolders: async () =>
      (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort(),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Databases and projects for the current test, released after it whatever its outcome. */
export function perTest() {
  const opened: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((release) => release()));
  });
  return {
    async database(kind: Kind): Promise<TestDatabase> {
      const db = await freshDatabase(kind);
      opened.push(() => db.close());
      return db;
    },
    async project(): Promise<TempProject> {
      const project = await tempProject();
      opened.push(() => project.remove());
      return project;
    },
  };
}
