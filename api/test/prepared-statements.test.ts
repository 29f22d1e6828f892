import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseFrom, type Database } from "../src/db/database.ts";
import { copyPostgresTemplate } from "./harness.ts";

const template = inject("postgresTemplate");

/** The statements the connection of a one-connection pool keeps prepared, and whether it plans each for its values. */
async function preparedOn(database: Database) {
  const repeated = () => database.prisma.$queryRaw`SELECT count(*)::int AS n FROM "Conversation" WHERE id > ${0}`;
  await repeated();
  await repeated();
  const [{ names, mode }] = await database.prisma.$queryRaw<{ names: string[]; mode: string }[]>`
    SELECT coalesce(array_agg(name ORDER BY name) FILTER (WHERE starts_with(statement, 'SELECT count(*)::int AS n FROM')), '{}') AS names,
      current_setting('plan_cache_mode') AS mode
    FROM pg_prepared_statements`;
  return { names, mode };
}

describe.skipIf(!template)("prepared statements (PostgreSQL)", () => {
  let copy: Awaited<ReturnType<typeof copyPostgresTemplate>>;
  beforeAll(async () => {
    copy = await copyPostgresTemplate(template!);
  });
  afterAll(async () => {
    await copy?.drop();
  });

  it("prepares each statement once per connection, by a name its text decides, planned for its values every time", async () => {
    const database = databaseFrom({ kind: "postgres", url: copy.url }, { poolSize: 1 });
    try {
      const { names, mode } = await preparedOn(database);
      // Run twice, prepared once.
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^s[\w-]{27}$/);
      expect(mode).toBe("force_custom_plan");
    } finally {
      await database.close();
    }
  });

  it("prepares none with DATABASE_PREPARED_STATEMENTS=false (PgBouncer before 1.21 in transaction mode)", async () => {
    const database = databaseFrom({ kind: "postgres", url: copy.url }, { poolSize: 1, preparedStatements: false });
    try {
      expect(await preparedOn(database)).toEqual({ names: [], mode: "auto" });
    } finally {
      await database.close();
    }
  });
});
