import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMigration, deployMigrations, migrationStatus } from "./index.ts";
import { kinds, perTest, tableNames, SLOW, unavailable } from "./testing.ts";

const NOTE_MODEL = `
model Note {
  id   Int    @id @default(autoincrement())
  text String
}
`;

describe.each(kinds)("create on %s", (kind) => {
  const use = perTest();

  // Trap 1: on a fresh database the engine's diagnosis fails unless the history is applied first.
  it.skipIf(unavailable(kind))("writes nothing when schema.prisma has no changes, even on a fresh database", async () => {
    const db = await use.database(kind);
    const project = await use.project();
    const before = await project.migrationFolders();
    const opts = { migrationsDir: project.migrationsDir, schemaPath: project.schemaPath };

    expect(await createMigration(db.target, "nothing", opts)).toEqual({ directory: null });

    expect(await project.migrationFolders()).toEqual(before);
    expect(await migrationStatus(db.target, opts)).toMatchObject({ pending: [], upToDate: true });
  }, SLOW);

  it.skipIf(unavailable(kind))("writes a migration for a changed schema without touching the main database", async () => {
    const db = await use.database(kind);
    const project = await use.project();
    const opts = { migrationsDir: project.migrationsDir, schemaPath: project.schemaPath };
    await deployMigrations(db.target, opts);
    await db.sql(`INSERT INTO "User" (email, name, role, "passwordHash", "updatedAt")
                  VALUES ('kept@example.test', 'Kept', 'ADMIN', 'x', now())`);
    const tablesBefore = await tableNames(db);
    await appendFile(project.schemaPath, NOTE_MODEL);

    const { directory } = await createMigration(db.target, "Add notes", opts);

    expect(directory).toMatch(/[/\\]\d{14}_add_notes$/);
    const script = await readFile(path.join(directory ?? "", "migration.sql"), "utf8");
    expect(script).toContain('CREATE TABLE "Note"');
    // The engine worked out the script on a shadow database: the main one is as it was.
    expect(await tableNames(db)).toEqual(tablesBefore);
    expect(await db.sql(`SELECT email FROM "User"`)).toEqual([{ email: "kept@example.test" }]);
    const committed = (await project.migrationFolders()).filter((name) => name !== path.basename(directory ?? ""));
    expect(await db.sql(`SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([{ n: committed.length }]);
    expect(await migrationStatus(db.target, opts)).toMatchObject({ pending: [path.basename(directory ?? "")] });

    // Deploy applies it; creating again finds nothing left to do.
    await deployMigrations(db.target, opts);
    expect(await tableNames(db)).toContain("Note");
    expect(await createMigration(db.target, "again", opts)).toEqual({ directory: null });
  }, SLOW);
});
