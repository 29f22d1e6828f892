import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { pgliteScripts, pgScripts, relabelCharColumns, releasedOnDispose, shadowRawAsScript } from "./adapters.ts";
import { createShadowDatabase, createShadowPglite, emptyShadowPglite } from "./shadow.ts";
import type { ShadowDatabase } from "./shadow.ts";

export type MigrationTarget =
  | { kind: "pglite"; pglite: PGlite }
  /** `lockTimeoutMs`: how long to wait for a lock (the migration advisory lock first) before failing with a clear message. */
  | { kind: "postgres"; url: string; lockTimeoutMs?: number };

/** The adapter factory the engine drives, and what to release once the engine is done. */
export type OpenedTarget = { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };

export function openTarget(target: MigrationTarget): OpenedTarget {
  return target.kind === "pglite" ? openPglite(target.pglite) : openPostgres(target.url, target.lockTimeoutMs);
}

// The caller's PGlite stays open: the server goes on using it for queries.
function openPglite(db: PGlite): OpenedTarget {
  const stock = new PrismaPGlite(db);
  let shadow: PGlite | undefined;
  return {
    factory: {
      provider: "postgres",
      adapterName: stock.adapterName,
      connect: async () => pgliteScripts(await stock.connect(), db),
      connectToShadowDb: async () => {
        if (shadow) await emptyShadowPglite(shadow, db);
        else shadow = await createShadowPglite(db);
        const adapter = await new PrismaPGlite(shadow).connect();
        return shadowRawAsScript(pgliteScripts(adapter, shadow));
      },
    },
    close: async () => {
      if (shadow && !shadow.closed) await shadow.close();
    },
  };
}

function openPostgres(url: string, lockTimeoutMs?: number): OpenedTarget {
  // One session, as the native engine has: its advisory lock must be released on the connection that took it.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // A SET rather than a startup option: PgBouncer refuses unknown startup parameters.
  if (lockTimeoutMs) pool.on("connect", (client) => void client.query(`SET lock_timeout = ${Math.round(lockTimeoutMs)}`).catch(() => {}));
  // Unhandled, an idle connection's error would crash the server; the next query reports it anyway.
  pool.on("error", () => {});
  relabelCharColumns(pool);
  const stock = new PrismaPg(pool);
  const shadows: ShadowDatabase[] = [];
  return {
    factory: {
      provider: "postgres",
      adapterName: stock.adapterName,
      connect: async () => pgScripts(await stock.connect(), pool),
      connectToShadowDb: async () => {
        const shadow = await createShadowDatabase(pool, url);
        shadows.push(shadow);
        const adapter = await new PrismaPg(shadow.pool).connect();
        return releasedOnDispose(shadowRawAsScript(pgScripts(adapter, shadow.pool)), shadow.drop);
      },
    },
    close: async () => {
      try {
        for (const shadow of shadows) await shadow.drop();
      } finally {
        await pool.end();
      }
    },
  };
}
