import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteScripts, pgScripts, relabelCharColumns, shadowRawAsScript } from "./adapters.ts";
import { freshDatabase, postgresUrl, tableNames } from "./testing.ts";
import type { TestDatabase } from "./testing.ts";

const script = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
const failsWith = (code: string) => ({ name: "DriverAdapterError", cause: expect.objectContaining({ code }) });

describe("adapter guards on PGlite", () => {
  let db: TestDatabase;
  let pglite: PGlite;
  beforeAll(async () => {
    db = await freshDatabase("pglite");
    if (db.target.kind !== "pglite") throw new Error("expected PGlite");
    pglite = db.target.pglite;
  });
  afterAll(() => db.close());

  it("a failing script rejects with PostgreSQL's error and leaves none of its statements (trap 5)", async () => {
    const adapter = pgliteScripts(await new PrismaPGlite(pglite).connect(), pglite);
    await expect(adapter.executeScript("CREATE TABLE half (id int); SELECT * FROM missing;")).rejects.toMatchObject(failsWith("42P01"));
    expect(await tableNames(db)).not.toContain("half");
  });

  it("an argument-less executeRaw on the shadow runs as a multi-statement script (trap 2)", async () => {
    const stock = await new PrismaPGlite(pglite).connect();
    const twoTables = script("CREATE TABLE one (id int); CREATE TABLE two (id int);");
    await expect(stock.executeRaw(twoTables)).rejects.toThrow();
    await shadowRawAsScript(pgliteScripts(stock, pglite)).executeRaw(twoTables);
    expect(await tableNames(db)).toEqual(expect.arrayContaining(["one", "two"]));
  });
});

describe.skipIf(!postgresUrl)("adapter guards on PostgreSQL", () => {
  let db: TestDatabase;
  let url: string;
  const pools: pg.Pool[] = [];
  const pool = () => {
    const created = new pg.Pool({ connectionString: url, max: 1 });
    pools.push(created);
    return created;
  };
  beforeAll(async () => {
    db = await freshDatabase("postgres");
    if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
    url = db.target.url;
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.close();
  });

  it('reads the catalog\'s "char" columns that adapter-pg rejects (trap 3)', async () => {
    const relkind = script("SELECT relkind FROM pg_class WHERE relname = 'pg_class'");
    await expect((await new PrismaPg(pool()).connect()).queryRaw(relkind)).rejects.toMatchObject({
      cause: expect.objectContaining({ kind: "UnsupportedNativeDataType" }),
    });
    const guarded = pool();
    relabelCharColumns(guarded);
    const result = await (await new PrismaPg(guarded).connect()).queryRaw(relkind);
    expect(result.rows).toEqual([["r"]]);
  });

  it("runs a script as one query: $$ bodies survive and a failure leaves nothing behind", async () => {
    const scripts = pool();
    const adapter = pgScripts(await new PrismaPg(scripts).connect(), scripts);
    await adapter.executeScript("CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$; CREATE TABLE kept (id int);");
    await expect(adapter.executeScript("CREATE TABLE half (id int); SELECT * FROM missing;")).rejects.toMatchObject(failsWith("42P01"));
    expect(await tableNames(db)).toContain("kept");
    expect(await tableNames(db)).not.toContain("half");
  });
});
