import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { deployMigrations, type MigrationTarget } from "./migrate/index.ts";

export type Database = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Whether the database answers a trivial query (for /api/health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** Wraps an open connection. Nothing above this point knows which database runs. */
export function databaseFrom(target: MigrationTarget): Database {
  const adapter = target.kind === "pglite" ? new PrismaPGlite(target.pglite) : new PrismaPg({ connectionString: target.url });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: target.kind,
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
export async function openDatabase(settings: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  let target: MigrationTarget;
  if (settings.databaseUrl) {
    target = { kind: "postgres", url: settings.databaseUrl };
  } else {
    const directory = path.join(settings.dataDir, "pglite");
    mkdirSync(directory, { recursive: true }); // PGlite does not create parent folders
    target = { kind: "pglite", pglite: await PGlite.create(directory) };
  }
  await deployMigrations(target);
  return databaseFrom(target);
}
