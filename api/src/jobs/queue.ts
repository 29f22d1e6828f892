import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";

/**
 * Background jobs in the database the app already has: pg-boss (its own `pgboss` schema, created and migrated by it),
 * so that jobs survive restarts, run once whichever process fetches them (SKIP LOCKED), retry with backoff and keep
 * their failures. On PostgreSQL it opens a small pool of its own; on PGlite it speaks through the app's instance
 * (one connection, which PGlite serialises), multi-statement SQL through `exec`.
 */
export async function startJobQueue(database: Database, logger: Logger): Promise<PgBoss> {
  const target = database.target;
  const options: PgBoss.ConstructorOptions = { schema: "pgboss", supervise: true, schedule: true, migrate: true };
  const boss =
    target.kind === "postgres"
      ? new PgBoss({ ...options, connectionString: target.url, max: 3 })
      : new PgBoss({
          ...options,
          db: {
            async executeSql(text: string, values?: unknown[]) {
              if (!values || values.length === 0) {
                const results = await target.pglite.exec(text);
                const last = results.at(-1);
                return { rows: last?.rows ?? [], rowCount: last?.rows.length ?? 0 };
              }
              const result = await target.pglite.query(text, values as never[], { rowMode: "object" });
              return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
            },
          },
        } as PgBoss.ConstructorOptions);
  boss.on("error", (error: unknown) => logger.warn({ err: error }, "job queue error"));
  await boss.start();
  return boss;
}
