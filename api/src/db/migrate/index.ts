import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList, SchemaFilter, SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { engineError, MigrationEngineError, startEngine } from "./engine.ts";
import type { Engine, EngineLog, SchemaEngine } from "./engine.ts";
import { migrationNames, readMigrationList, writeMigration } from "./folder.ts";
import { openTarget } from "./targets.ts";
import type { MigrationTarget } from "./targets.ts";

export type { MigrationTarget } from "./targets.ts";
export { MigrationEngineError } from "./engine.ts";
export { ShadowDatabaseError } from "./shadow.ts";

export type MigrateOptions = {
  /** Defaults to <repo>/prisma/migrations. */
  migrationsDir?: string;
  /** Defaults to <repo>/prisma/schema.prisma. */
  schemaPath?: string;
  /** Receives the engine's JSON log lines. */
  log?: EngineLog;
};

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Anything else that needs a person: edited or unknown migrations. */
  problems: string[];
  upToDate: boolean;
};

// Resolved from this file, not the working directory: the server and the CLI start from different places.
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const defaultMigrationsDir = path.join(repoRoot, "prisma", "migrations");
export const defaultSchemaPath = path.join(repoRoot, "prisma", "schema.prisma");

const filters: SchemaFilter = { externalTables: [], externalEnums: [] };

type Session = { engine: SchemaEngine; migrations: MigrationList; schema: SchemasContainer; migrationsDir: string };

async function withEngine<T>(target: MigrationTarget, opts: MigrateOptions, work: (session: Session) => Promise<T>) {
  const migrationsDir = path.resolve(opts.migrationsDir ?? defaultMigrationsDir);
  const schemaPath = path.resolve(opts.schemaPath ?? defaultSchemaPath);
  const [content, migrations] = await Promise.all([readFile(schemaPath, "utf8"), readMigrationList(migrationsDir)]);
  const opened = openTarget(target);
  let started: Engine | undefined;
  try {
    started = await startEngine({ path: schemaPath, content }, opened.factory, opts.log);
    const schema = { files: [{ path: schemaPath, content }] };
    return await work({ engine: started.engine, migrations, schema, migrationsDir });
  } catch (error) {
    throw started ? started.explain(error) : engineError(error);
  } finally {
    started?.engine.free();
    await opened.close();
  }
}

/** Applies the pending migrations; a failing one is recorded as failed and rejects the promise. */
export async function deployMigrations(target: MigrationTarget, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  return withEngine(target, opts, async ({ engine, migrations }) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters });
    return { applied: appliedMigrationNames };
  });
}

export async function migrationStatus(target: MigrationTarget, opts: MigrateOptions = {}): Promise<MigrationStatus> {
  return withEngine(target, opts, async ({ engine, migrations }) => {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList: migrations,
      optInToShadowDatabase: false,
      filters,
    });
    const history = diagnosis.history;
    const failed = diagnosis.failedMigrationNames;
    const pending = history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
    const applied = migrationNames(migrations).filter((name) => !pending.includes(name) && !failed.includes(name));
    const problems = [
      ...diagnosis.editedMigrationNames.map((name) => `${name} was edited after it was applied`),
      ...(history && history.diagnostic !== "databaseIsBehind"
        ? history.unpersistedMigrationNames.map((name) => `${name} is applied but missing from the migrations folder`)
        : []),
    ];
    const upToDate = pending.length === 0 && failed.length === 0 && problems.length === 0;
    return { applied, pending, failed, problems, upToDate };
  });
}

/** Prisma's CLI turns names into folder-safe slugs the same way. */
function slug(name: string): string {
  const cleaned = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!cleaned) throw new MigrationEngineError(`invalid migration name: "${name}"`);
  return cleaned.slice(0, 200);
}

/**
 * Writes a new migration for the changes in schema.prisma (not applied: deploy does that).
 * Resolves to `{ directory: null }` when the schema has no changes.
 */
export async function createMigration(
  target: MigrationTarget,
  name: string,
  opts: MigrateOptions = {},
): Promise<{ directory: string | null }> {
  const migrationName = slug(name);
  return withEngine(target, opts, async ({ engine, migrations, schema, migrationsDir }) => {
    // Trap 1: on a fresh database devDiagnostic fails (P1014): apply the history first.
    await engine.applyMigrations({ migrationsList: migrations, filters });
    const { action } = await engine.devDiagnostic({ migrationsList: migrations, filters });
    if (action.tag === "reset") {
      // Never reset here: that drops data. A person decides.
      throw new MigrationEngineError(`the database no longer matches the migrations folder: ${action.reason}`);
    }
    const created = await engine.createMigration({ draft: false, migrationName, migrationsList: migrations, schema, filters });
    if (created.migrationScript === null) return { directory: null };
    const directory = await writeMigration(migrationsDir, created.generatedMigrationName, created.migrationScript, created.extension);
    return { directory };
  });
}
