import type { PGlite } from "@electric-sql/pglite";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import type pg from "pg";

// Guards around the stock driver adapters, each for a trap hit for real when the schema engine drives them.

type DatabaseErrorFields = Error & {
  code: string;
  severity: string;
  detail?: string;
  column?: string;
  hint?: string;
};

// pg's and PGlite's DatabaseError: what the server reported (a network error has no severity).
function isDatabaseError(error: unknown): error is DatabaseErrorFields {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    "severity" in error &&
    typeof error.severity === "string"
  );
}

/** Gives the engine PostgreSQL's own code and message, as the stock adapters do for single queries. */
function toDriverError(error: unknown): unknown {
  if (!isDatabaseError(error)) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code,
    severity: error.severity,
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

/** A copy of the adapter with some of its methods replaced; the rest delegates to the original. */
function patched(adapter: SqlDriverAdapter, patch: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  const base: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: () => adapter.dispose(),
  };
  const info = adapter.getConnectionInfo?.bind(adapter);
  return { ...base, ...(info ? { getConnectionInfo: info } : {}), ...patch };
}

/** Releases what backs the adapter (a shadow database) as soon as the engine is done with it. */
export function releasedOnDispose(adapter: SqlDriverAdapter, release: () => Promise<void>): SqlDriverAdapter {
  return patched(adapter, {
    dispose: async () => {
      try {
        await adapter.dispose();
      } finally {
        await release();
      }
    },
  });
}

/** Runs a whole migration script as one query, so PostgreSQL applies all of it or none of it. */
function scriptRunner(run: (script: string) => Promise<unknown>): (script: string) => Promise<void> {
  return async (script) => {
    try {
      await run(script);
    } catch (error) {
      throw toDriverError(error);
    }
  };
}

/**
 * Trap 5: pglite-prisma-adapter 0.7.2 calls `exec()` without awaiting it, so a failing migration was
 * recorded as applied. Trap beyond the note: @prisma/adapter-pg splits scripts on every `;` and runs
 * the pieces one by one, which breaks `$$` bodies and leaves half-applied migrations behind. Both are
 * replaced by one simple-protocol query of the whole script (an implicit transaction, as the native engine).
 */
export function pgliteScripts(adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter {
  return patched(adapter, { executeScript: scriptRunner((script) => db.exec(script)) });
}

export function pgScripts(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  // A query without parameters goes through pg's simple protocol, which accepts many statements.
  return patched(adapter, { executeScript: scriptRunner((script) => pool.query(script)) });
}

/**
 * Trap 2: on the shadow database the engine replays each migration file with `executeRaw`, a single
 * prepared statement that PostgreSQL refuses for multi-statement SQL. Calls without arguments are
 * scripts: run them as such.
 */
export function shadowRawAsScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return patched(adapter, {
    executeRaw: async (query: SqlQuery) => {
      if (query.args.length > 0) return adapter.executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    },
  });
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * Trap 3: @prisma/adapter-pg 7.10.1 rejects PostgreSQL's internal `"char"` type (oid 18), which the
 * engine reads from the catalog (relkind, contype, ...). pg already parses it as a string; only the
 * adapter's type table lacks it. The row description is relabelled as text before pg builds the result.
 */
export function relabelCharColumns(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    client.connection.prependListener("rowDescription", (message: unknown) => {
      if (typeof message !== "object" || message === null || !("fields" in message)) return;
      if (!Array.isArray(message.fields)) return;
      for (const field of message.fields) {
        if (typeof field === "object" && field !== null && field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      }
    });
  });
}
