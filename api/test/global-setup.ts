import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { deployMigrations } from "../src/db/migrate/index.ts";
import { openPGlite } from "../src/db/pglite.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite mode: a migrated data directory dumped to a file, loaded in memory by each test file. */
    pgliteTemplate?: string;
    /** PostgreSQL mode (DATABASE_URL set): a migrated database each test file copies with CREATE DATABASE … TEMPLATE. */
    postgresTemplate?: string;
  }
}

/** Migrates once; every test file then starts from its own copy of that database. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    await deployMigrations({ kind: "postgres", url });
    project.provide("postgresTemplate", url);
    return;
  }
  const folder = mkdtempSync(path.join(tmpdir(), "messagerie-test-"));
  const pglite = await openPGlite();
  await deployMigrations({ kind: "pglite", pglite });
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  const file = path.join(folder, "template.tar.gz");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(folder, { recursive: true, force: true });
}

