import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlReader } from "../src/db/sql.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { searchReaders } from "../src/search/statements.ts";
import { startTestApp, testSettings, type TestApp } from "./harness.ts";

/**
 * One slow search must cost that search alone. A second session holds the messages table (ACCESS EXCLUSIVE), so that
 * every search statement waits as a bad plan would, while lists without `q` (which never read messages) go on.
 * PostgreSQL only: the embedded PGlite has a single session, where nothing can wait for another.
 */
const skip = !process.env.DATABASE_URL;
let t: TestApp;
let slow: TestApp;
let admins: User[];
let pro: User;

beforeAll(async () => {
  // The same database behind two apps: one whose searches give up after 300 ms, one that waits (the turns' tests).
  t = await startTestApp({ search: { ...testSettings.search, timeoutMs: 300 } });
  if (skip) return;
  slow = await startTestApp({ search: { timeoutMs: 60_000, concurrency: 3, concurrencyPerUser: 2, queuePerUser: 2 } }, undefined, undefined, { database: t.database });
  admins = await Promise.all([1, 2, 3, 4].map(() => t.createAdmin()));
  pro = await t.createPro();
  await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Facture de mars", content: "Ma facture est fausse" }).expect(201);
});
afterAll(async () => {
  await slow?.close();
  await t.close();
});

it("runs search statements with their own limits, which never outlive their transaction", async () => {
  const readers = searchReaders(t.prisma, { timeoutMs: 1234 });
  const settings = (reader: SqlReader) =>
    reader.$queryRaw<Array<{ timeout: string; seqscan: string }>>`SELECT current_setting('statement_timeout') AS timeout, current_setting('enable_seqscan') AS seqscan`;
  expect(await settings(readers.timed)).toEqual([{ timeout: "1234ms", seqscan: "on" }]);
  expect(await settings(readers.indexed)).toEqual([{ timeout: "1234ms", seqscan: "off" }]);
  // The pooled connections they used are as they were for everything else.
  const after = await Promise.all(Array.from({ length: 12 }, () => settings(t.prisma)));
  for (const rows of after) expect(rows).toEqual([{ timeout: "0", seqscan: "on" }]);
});

const search = (app: TestApp["app"], user: User, q = "facture") =>
  request(app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q }) }).set("Authorization", t.bearer(user));

/** Holds the messages table until `release`; `waiters(n)` resolves once n statements of the API wait for it. */
async function holdMessages() {
  const session = new pg.Client({ connectionString: t.databaseUrl });
  await session.connect();
  await session.query("BEGIN");
  await session.query(`LOCK TABLE "Message" IN ACCESS EXCLUSIVE MODE`);
  const waiting = async () => {
    await session.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await session.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    return rows[0].n as number;
  };
  return {
    waiting,
    async waiters(count: number) {
      for (let i = 0; i < 500 && (await waiting()) < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await waiting()).toBe(count);
    },
    async release() {
      await session.query("COMMIT");
      await session.end();
    },
  };
}

describe.skipIf(skip)("a slow search costs that search alone (PostgreSQL)", () => {
  it("answers 503 with Retry-After once its statement outlives the search timeout, and changes nothing", async () => {
    const hold = await holdMessages();
    try {
      const res = await search(t.app, admins[0]);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("unavailable");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      // A pro's search walks his conversations: the same.
      expect((await search(t.app, pro)).status).toBe(503);
      // Meanwhile the list without a search, the badge and a ticket answer.
      await request(t.app).get("/api/messaging/conversations").set("Authorization", t.bearer(admins[0])).expect(200);
      await request(t.app).get("/api/messaging/unread-count").set("Authorization", t.bearer(admins[0])).expect(200);
    } finally {
      await hold.release();
    }
    const res = await search(t.app, admins[0]).expect(200);
    expect(res.body.map((row: { subject: string }) => row.subject)).toEqual(["Facture de mars"]);
  });

  it("takes a few searches at once per user: one more waits, beyond that 429 at once; other users still get theirs", async () => {
    const hold = await holdMessages();
    const answers: Array<Promise<request.Response>> = [];
    try {
      // Two run (and wait for the table), two wait their turn, the fifth is refused at once.
      for (let i = 0; i < 4; i++) answers.push(search(slow.app, admins[0]).then((res) => res));
      await hold.waiters(2);
      const refused = await search(slow.app, admins[0]);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe("rate_limited");
      expect(refused.headers["retry-after"]).toBe("1");
      // Another admin is not behind him: his search runs now (the process takes three at once).
      answers.push(search(slow.app, admins[1]).then((res) => res));
      await hold.waiters(3);
      // A fourth user's search waits for a turn, outside the database: nothing more holds a connection.
      answers.push(search(slow.app, admins[2]).then((res) => res));
      await request(slow.app).get("/api/messaging/conversations").set("Authorization", t.bearer(admins[3])).expect(200);
      expect(await hold.waiting()).toBe(3);
    } finally {
      await hold.release();
    }
    // Every admitted search is answered in full once the table is free.
    for (const res of await Promise.all(answers)) expect(res.status).toBe(200);
  });
});
