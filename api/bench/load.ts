/**
 * npm run bench:load — the contention run: 200 concurrent writers post 20,000 messages into 60 conversations of two
 * pros (the pros in their own, the admin in all), while 20 readers mark conversations read. Then it checks what was
 * acknowledged against what is stored, and every conversation's counters against a recount of its messages.
 * With DATABASE_URL: the API in its own process, in production mode, on that PostgreSQL (its own users and
 * conversations are added; nothing else is touched). Without: the embedded PGlite, in this process.
 * BENCH_WRITERS, BENCH_MESSAGES, BENCH_READERS change the sizes.
 */
import pg from "pg";
import { signToken } from "../src/auth/tokens.ts";
import { startBenchApp } from "./app.ts";
import { BENCH_SECRET, percentile, startApi } from "./processes.ts";

const writers = Number(process.env.BENCH_WRITERS ?? 200);
const total = Number(process.env.BENCH_MESSAGES ?? 20_000);
const readers = Number(process.env.BENCH_READERS ?? 20);
const CONVERSATIONS = 60;

type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
type Target = { base: string; query: Query; token: (user: { id: number; role: "ADMIN" | "PROFESSIONAL" }) => string; close(): Promise<void> };

async function postgresTarget(url: string): Promise<Target> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const api = await startApi(url);
  return {
    base: api.base,
    query: async (sql, params) => (await client.query(sql, params)).rows,
    token: (user) => signToken(user, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "1h" }),
    close: async () => {
      await api.stop();
      await client.end();
    },
  };
}

async function pgliteTarget(): Promise<Target> {
  const app = await startBenchApp(0);
  return {
    base: app.base.replace(/\/api\/messaging$/, ""),
    query: (sql, params) => app.prisma.$queryRawUnsafe(sql, ...(params ?? [])),
    token: app.sign,
    close: app.close,
  };
}

async function main() {
  const url = process.env.DATABASE_URL;
  const target = url ? await postgresTarget(url) : await pgliteTarget();
  const tag = `load${Date.now().toString(36)}`;
  const users = await target.query(
    `INSERT INTO "User" (email, name, role, "passwordHash", "updatedAt") VALUES
       ($1, 'Admin charge', 'ADMIN', '-', now()), ($2, 'Pro charge A', 'PROFESSIONAL', '-', now()), ($3, 'Pro charge B', 'PROFESSIONAL', '-', now())
     RETURNING id, role::text AS role`,
    [`${tag}-admin@bench.local`, `${tag}-a@bench.local`, `${tag}-b@bench.local`],
  );
  const [admin, proA, proB] = users.map((user) => ({ id: Number(user.id), role: user.role as "ADMIN" | "PROFESSIONAL" }));
  const conversations = await target.query(
    `INSERT INTO "Conversation" (subject, "professionalId", "updatedAt", "lastMessageAt", "lastMessagePreview", "lastMessageSenderType")
     SELECT 'Charge ' || i, CASE WHEN i % 2 = 0 THEN $1::int ELSE $2::int END, now(), now(), '', 'PROFESSIONAL' FROM generate_series(1, $3::int) i
     RETURNING id, "professionalId"`,
    [proA.id, proB.id, CONVERSATIONS],
  );
  const tickets = conversations.map((row) => ({ id: Number(row.id), pro: Number(row.professionalId) === proA.id ? proA : proB }));
  const tokens = new Map([admin, proA, proB].map((user) => [user.id, target.token(user)]));

  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const acknowledged: number[] = [];
  const latencies: number[] = [];
  let readStatuses = 0;
  let readErrors = 0;
  let next = 0;
  let writing = true;
  const started = performance.now();

  async function writer() {
    for (let n = next++; n < total; n = next++) {
      const ticket = tickets[n % tickets.length];
      const sender = n % 3 === 0 ? admin : ticket.pro;
      const at = performance.now();
      try {
        const res = await fetch(`${target.base}/api/messaging/conversations/${ticket.id}/messages`, {
          method: "POST",
          headers: { Authorization: `Bearer ${tokens.get(sender.id)}`, "Content-Type": "application/json" },
          body: JSON.stringify({ content: `message ${n} de ${sender.role}` }),
        });
        count(res.status);
        const body = (await res.json()) as { id?: number };
        if (res.status === 201 && body.id) acknowledged.push(body.id);
      } catch {
        count(0);
      }
      latencies.push(performance.now() - at);
    }
  }

  async function reader(index: number) {
    for (let n = index; writing; n += readers) {
      const ticket = tickets[n % tickets.length];
      const who = n % 2 === 0 ? admin : ticket.pro;
      try {
        const res = await fetch(`${target.base}/api/messaging/conversations/${ticket.id}/read`, { method: "PATCH", headers: { Authorization: `Bearer ${tokens.get(who.id)}` } });
        await res.arrayBuffer();
        readStatuses += 1;
        if (res.status >= 500) readErrors += 1;
      } catch {
        readErrors += 1;
      }
    }
  }

  const readersDone = Promise.all(Array.from({ length: readers }, (_, i) => reader(i)));
  await Promise.all(Array.from({ length: writers }, () => writer()));
  writing = false;
  await readersDone;
  const seconds = (performance.now() - started) / 1000;

  const ids = tickets.map((ticket) => ticket.id);
  const stored = await target.query(`SELECT id FROM "Message" WHERE id = ANY($1::int[])`, [acknowledged]);
  const mismatches = await target.query(
    `SELECT c.id FROM "Conversation" c
     LEFT JOIN LATERAL (
       SELECT count(*)::int AS total, max("createdAt") AS last_at,
              count(*) FILTER (WHERE "senderType" = 'PROFESSIONAL' AND "readAt" IS NULL)::int AS unread_admin,
              count(*) FILTER (WHERE "senderType" = 'ADMIN' AND "readAt" IS NULL)::int AS unread_pro
       FROM "Message" m WHERE m."conversationId" = c.id
     ) a ON TRUE
     WHERE c.id = ANY($1::int[]) AND (c."messageCount" <> a.total OR c."unreadByAdmin" <> a.unread_admin
       OR c."unreadByProfessional" <> a.unread_pro OR c."lastMessageAt" IS DISTINCT FROM a.last_at)`,
    [ids],
  );
  await target.close();

  latencies.sort((a, b) => a - b);
  const fiveXx = [...statuses].filter(([status]) => status >= 500 || status === 0).reduce((sum, [, n]) => sum + n, 0);
  console.log(`bench:load on ${url ? "PostgreSQL (API in its own process)" : "embedded PGlite"} — ${writers} writers, ${total.toLocaleString("en")} POSTs into ${CONVERSATIONS} conversations, ${readers} readers`);
  console.log(`  ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(0)} POST/s; POST p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
  console.log(`  POST statuses: ${JSON.stringify(Object.fromEntries(statuses))}; 5xx or failed: ${fiveXx}`);
  console.log(`  PATCH …/read during the run: ${readStatuses}, of which 5xx or failed: ${readErrors}`);
  console.log(`  acknowledged ${acknowledged.length}, stored ${stored.length}, lost ${acknowledged.length - stored.length}`);
  console.log(`  conversations whose counters differ from a recount: ${mismatches.length} of ${CONVERSATIONS}`);
}

await main();
process.exit(0);
