import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { relabelCharColumns } from "./adapters.ts";
import { MigrationEngineError } from "./engine.ts";
import { openPGlite } from "../pglite.ts";

// Trap 4: `new PrismaPg({ connectionString }).connectToShadowDb()` opens its "shadow" pool on the MAIN
// database (pg lets the connection string win over `database`), and the engine then replays and resets
// the shadow: migrations were replayed onto the main database. The shadow is created here instead, and
// nothing is done on it before its connection proves it is that database and not the main one.

export class ShadowDatabaseError extends MigrationEngineError {
  override name = "ShadowDatabaseError";
}

type Queryable = { query(sql: string): Promise<{ rows: unknown[] }> };

async function currentDatabase(db: Queryable): Promise<string> {
  const { rows } = await db.query("SELECT current_database() AS name");
  const row = rows[0];
  if (typeof row === "object" && row !== null && "name" in row && typeof row.name === "string") return row.name;
  throw new ShadowDatabaseError("could not read current_database()");
}

/** Refuses a shadow connection unless it names the dedicated shadow database, and not the main one. */
export async function assertShadowDatabase(shadow: Queryable, shadowName: string, mainName: string): Promise<void> {
  const actual = await currentDatabase(shadow);
  if (actual !== shadowName || actual === mainName) {
    throw new ShadowDatabaseError(
      `refusing to use database "${actual}" as shadow database: expected "${shadowName}" (main database: "${mainName}")`,
    );
  }
}

export type ShadowDatabase = { name: string; pool: pg.Pool; drop(): Promise<void> };

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function createShadowDatabase(main: pg.Pool, mainUrl: string): Promise<ShadowDatabase> {
  const mainName = await currentDatabase(main);
  // PostgreSQL names are at most 63 bytes; the random part keeps concurrent runs apart.
  const name = `${mainName.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 30)}_shadow_${randomBytes(6).toString("hex")}`;
  try {
    await main.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShadowDatabaseError(`could not create shadow database "${name}" (the role needs CREATEDB): ${reason}`);
  }
  const url = new URL(mainUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  pool.on("error", () => {}); // as for the main pool: the next query reports it
  relabelCharColumns(pool);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await pool.end();
    await main.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  };
  try {
    await assertShadowDatabase(pool, name, mainName);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, pool, drop };
}

/** For PGlite the shadow is a separate in-memory instance, never the caller's. */
export function assertSeparatePglite(shadow: PGlite, main: PGlite): void {
  if (shadow === main || (shadow.dataDir !== undefined && shadow.dataDir === main.dataDir)) {
    throw new ShadowDatabaseError("refusing to use the main PGlite database as shadow database");
  }
}

export async function createShadowPglite(main: PGlite): Promise<PGlite> {
  const shadow = await openPGlite();
  assertSeparatePglite(shadow, main);
  return shadow;
}

/**
 * Empties a shadow PGlite for its next use: a new in-memory instance costs ~2.5 s and hundreds of MiB,
 * and `create` needs the shadow twice (diagnose, then create).
 */
export async function emptyShadowPglite(shadow: PGlite, main: PGlite): Promise<void> {
  assertSeparatePglite(shadow, main);
  await shadow.exec(`
    DO $$ DECLARE schema_name text; BEGIN
      FOR schema_name IN SELECT nspname FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', schema_name);
      END LOOP;
    END $$;
    CREATE SCHEMA public;`);
}
