import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The statistics migration's backfill (from its marker to the end) as SQL: how existing history becomes openedBy,
 * Reply and StatusChange rows. bench:data runs it on its generated messages, and a test checks that it gives
 * what the write path records.
 */
export function statsBackfillSql(): string {
  const migrations = path.join(import.meta.dirname, "migrations");
  const folder = readdirSync(migrations).find((name) => name.endsWith("_stats"));
  if (!folder) throw new Error("the stats migration is missing");
  const sql = readFileSync(path.join(migrations, folder, "migration.sql"), "utf8");
  const start = sql.indexOf("-- Backfill what the existing history already tells.");
  if (start < 0) throw new Error("the stats migration's backfill marker moved");
  return sql.slice(start);
}
