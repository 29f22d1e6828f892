import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/**
 * The one way the project opens an embedded PostgreSQL: with the contrib extensions the migrations create
 * (`unaccent` and `pg_trgm`, for search), which PGlite ships as imports that must be passed at every opening —
 * the app, the tests, the migration CLI and the migration engine's shadow database.
 */
export function openPGlite(dataDir?: string, options: PGliteOptions = {}): Promise<PGlite> {
  const extensions = { unaccent, pg_trgm, ...options.extensions };
  return dataDir === undefined ? PGlite.create({ ...options, extensions }) : PGlite.create(dataDir, { ...options, extensions });
}
