import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createMigration } from "./index.ts";
import { assertSeparatePglite, assertShadowDatabase, createShadowDatabase, createShadowPglite, ShadowDatabaseError } from "./shadow.ts";
import { perTest, postgresUrl, SLOW } from "./testing.ts";
import { openPGlite } from "../pglite.ts";

// Trap 4: the engine replays and resets its shadow database; a shadow that is really the main
// database loses the main database's tables and data.
describe("the shadow database is never the main one", () => {
  const use = perTest();

  it("PGlite: the main instance is refused; the shadow is a separate in-memory instance", async () => {
    const main = await openPGlite();
    const shadow = await createShadowPglite(main);
    try {
      expect(() => assertSeparatePglite(main, main)).toThrow(ShadowDatabaseError);
      expect(shadow).not.toBe(main);
      await main.exec("CREATE TABLE only_in_main (id int)");
      expect((await shadow.query("SELECT to_regclass('only_in_main') AS t")).rows).toEqual([{ t: null }]);
    } finally {
      await Promise.all([main.close(), shadow.close()]);
    }
  }, SLOW);

  it.skipIf(!postgresUrl)("PostgreSQL: a 'shadow' connection landing on the main database is refused", async () => {
    const db = await use.database("postgres");
    if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
    const url = db.target.url;
    const mainName = new URL(url).pathname.slice(1);
    // What @prisma/adapter-pg 7.10.1 does for its shadow: pg lets the connection string win over `database`.
    const trap = new pg.Pool({ connectionString: url, database: `${mainName}_shadow` });
    const main = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await expect(assertShadowDatabase(trap, `${mainName}_shadow`, mainName)).rejects.toThrow(ShadowDatabaseError);

      const shadow = await createShadowDatabase(main, url);
      expect(shadow.name).toMatch(new RegExp(`^${mainName}_shadow_[0-9a-f]{12}$`));
      await expect(assertShadowDatabase(shadow.pool, shadow.name, mainName)).resolves.toBeUndefined();
      await shadow.drop();
      const left = await main.query("SELECT datname FROM pg_database WHERE datname = $1", [shadow.name]);
      expect(left.rows).toEqual([]);
    } finally {
      await Promise.all([trap.end(), main.end()]);
    }
  }, SLOW);

  it.skipIf(!postgresUrl)("PostgreSQL: create drops every shadow database it made", async () => {
    const db = await use.database("postgres");
    if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
    const mainName = new URL(db.target.url).pathname.slice(1);
    await createMigration(db.target, "nothing");
    expect(await db.sql(`SELECT datname FROM pg_database WHERE datname LIKE '${mainName}\\_shadow\\_%'`)).toEqual([]);
  }, SLOW);
});
