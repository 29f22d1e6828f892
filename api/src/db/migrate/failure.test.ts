import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deployMigrations, MigrationEngineError, migrationStatus } from "./index.ts";
import { kinds, perTest, tableNames, SLOW, unavailable } from "./testing.ts";

const BROKEN = "29990101000000_broken";

// Trap 5: pglite-prisma-adapter did not await the script, so a failing migration was recorded as applied.
describe.each(kinds)("a failing migration on %s", (kind) => {
  const use = perTest();

  it.skipIf(unavailable(kind))("is reported failed, not applied, and none of its statements stay", async () => {
    const db = await use.database(kind);
    const project = await use.project();
    const committed = await project.migrationFolders();
    await mkdir(path.join(project.migrationsDir, BROKEN));
    await writeFile(
      path.join(project.migrationsDir, BROKEN, "migration.sql"),
      'CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "DoesNotExist" VALUES (1);\n',
    );
    const opts = { migrationsDir: project.migrationsDir, schemaPath: project.schemaPath };

    const deploy = deployMigrations(db.target, opts);
    await expect(deploy).rejects.toBeInstanceOf(MigrationEngineError);
    await expect(deploy).rejects.toThrow(/29990101000000_broken[\s\S]*DoesNotExist/);

    const status = await migrationStatus(db.target, opts);
    expect(status).toMatchObject({ applied: committed, failed: [BROKEN], upToDate: false });
    expect(await tableNames(db)).not.toContain("Half");
    const rows = await db.sql(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY started_at`);
    expect(rows).toEqual([
      ...committed.map((name) => ({ migration_name: name, finished_at: expect.any(Date) })),
      { migration_name: BROKEN, finished_at: null },
    ]);
    // Deploy refuses to go on past a failed migration until a person resolves it.
    await expect(deployMigrations(db.target, opts)).rejects.toThrow(/failed/i);
  }, SLOW);
});
