// npm run db:migrate -- deploy | status | create <name>
// Drives Prisma's WebAssembly schema engine: the CLI's own migrate commands need a native engine
// these machines cannot download. DATABASE_URL set: that PostgreSQL; otherwise PGlite in DATA_DIR.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { createMigration, deployMigrations, migrationStatus } from "../api/src/db/migrate/index.ts";
import type { MigrationTarget } from "../api/src/db/migrate/index.ts";
import { openPGlite } from "../api/src/db/pglite.ts";

const USAGE = "usage: npm run db:migrate -- deploy | status | create <name>";

type Opened = { target: MigrationTarget; where: string; close(): Promise<void> };

async function open(): Promise<Opened> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const where = new URL(url);
    where.password = where.password ? "***" : "";
    return { target: { kind: "postgres", url }, where: `PostgreSQL ${where.href}`, close: async () => {} };
  }
  const directory = path.resolve(process.env.DATA_DIR ?? "data", "pglite");
  await mkdir(directory, { recursive: true }); // PGlite does not create parent folders
  const pglite = await openPGlite(directory);
  // Closing flushes PGlite's data directory: it must happen before the explicit exit.
  return { target: { kind: "pglite", pglite }, where: `PGlite in ${directory}`, close: () => pglite.close() };
}

const list = (names: string[]) => (names.length ? names.map((name) => `  ${name}`).join("\n") : "  (none)");

async function run(command: string | undefined, args: string[], db: Opened): Promise<number> {
  console.log(`Database: ${db.where}`);
  switch (command) {
    case "deploy": {
      const { applied } = await deployMigrations(db.target);
      console.log(applied.length ? `Applied:\n${list(applied)}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const status = await migrationStatus(db.target);
      console.log(`Applied:\n${list(status.applied)}\nPending:\n${list(status.pending)}`);
      if (status.failed.length) console.log(`Failed (fix the database, then mark or re-deploy):\n${list(status.failed)}`);
      for (const problem of status.problems) console.log(`Problem: ${problem}`);
      console.log(status.upToDate ? "Database schema is up to date." : "Database schema is not up to date.");
      // As `prisma migrate status`: non-zero unless up to date, so scripts can gate on it.
      return status.upToDate ? 0 : 1;
    }
    case "create": {
      const name = args.join(" ").trim();
      if (!name) {
        console.error(USAGE);
        return 2;
      }
      const { directory } = await createMigration(db.target, name);
      console.log(
        directory
          ? `Created ${path.relative(process.cwd(), directory)}: review it, then run npm run db:migrate -- deploy`
          : "schema.prisma has no changes: no migration created.",
      );
      return 0;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!["deploy", "status", "create"].includes(command ?? "")) {
    console.error(USAGE);
    return 2;
  }
  const db = await open();
  try {
    return await run(command, args, db);
  } finally {
    await db.close();
  }
}

// Trap 6: pools and timers keep the process alive for ~10 s after the work on PostgreSQL: exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
