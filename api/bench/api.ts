/**
 * npm run bench:api — throughput of the API's hot routes on the bench:data dataset (DATABASE_URL), each as a ratio
 * to two ceilings measured in the same run (this machine is shared and noisy: only ratios compare across runs):
 *   (a) an Express 5 hello-world route;  (b) an Express 5 route doing SELECT 1 through the same Prisma client.
 * autocannon, 50 connections, BENCH_SECONDS (default 5) per run; both ceilings are measured again right before each
 * route, and each ratio uses those adjacent runs, so that the machine's drift between routes cancels out.
 * Routes that matter run twice: on one URL (what shared reads and caches answer; informational) and as a team uses them —
 * pages 1–50, 1,000 threads, 200 different pros, POST and PATCH over 1,000 conversations each — where the targets apply.
 * BENCH_ROUTES (a regular expression) runs only the routes it matches.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { signToken } from "../src/auth/tokens.ts";
import { BENCH_SECRET, startApi, startProcess, type ServerProcess } from "./processes.ts";

const url = process.env.DATABASE_URL ?? "";
if (!url) throw new Error("bench:api needs DATABASE_URL with the bench:data dataset");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 50;

type Measure = { rps: number; p50: number; p99: number; errors: number };

async function load(target: string, options: Partial<autocannon.Options> = {}): Promise<Measure> {
  const result = await autocannon({ url: target, connections, duration: seconds, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A request list that walks over `ids`, one per request; `headersOf` gives each id its own (a different user's token). */
function rotating(method: "GET" | "POST" | "PATCH", path: (id: number) => string, ids: number[], headers: Record<string, string>, body?: string | Buffer, headersOf?: (id: number) => Record<string, string>) {
  let next = 0;
  return [
    {
      method,
      headers,
      body,
      setupRequest: (request: autocannon.Request) => {
        const id = ids[next++ % ids.length];
        return { ...request, path: path(id), ...(headersOf && { headers: { ...request.headers, ...headersOf(id) } }) };
      },
    },
  ];
}

async function main() {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: [admin] } = await db.query(`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id LIMIT 1`);
  const { rows: [heavy] } = await db.query(
    `SELECT "professionalId" AS id, count(*)::int AS n FROM "Conversation" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const { rows: [short] } = await db.query(`SELECT id FROM "Conversation" WHERE "messageCount" = 10 ORDER BY id LIMIT 1`);
  const { rows: [long] } = await db.query(`SELECT id, "messageCount" FROM "Conversation" ORDER BY "messageCount" DESC LIMIT 1`);
  const { rows: ids } = await db.query(`SELECT id FROM "Conversation" ORDER BY id LIMIT 2000 OFFSET 1000`);
  // Realistic access: 1,000 threads of about ten messages, 200 different pros.
  const { rows: tens } = await db.query(`SELECT id FROM "Conversation" WHERE "messageCount" BETWEEN 8 AND 12 ORDER BY id LIMIT 1000`);
  const { rows: pros } = await db.query(`SELECT id FROM "User" WHERE role = 'PROFESSIONAL' AND id <> $1 ORDER BY id LIMIT 200`, [heavy.id]);
  const { rows: [totals] } = await db.query(`SELECT (SELECT count(*) FROM "Conversation")::int AS conversations, (SELECT count(*) FROM "Message")::int AS messages`);
  await db.end();
  const postIds = ids.slice(0, 1000).map((row) => row.id as number);
  const readIds = ids.slice(1000).map((row) => row.id as number);

  const adminAuth = { Authorization: `Bearer ${signToken({ id: admin.id, role: "ADMIN" }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "2h" })}` };
  const proAuth = { Authorization: `Bearer ${signToken({ id: heavy.id, role: "PROFESSIONAL" }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "2h" })}` };
  const json = { ...adminAuth, "Content-Type": "application/json" };
  const proTokens = new Map(pros.map((row) => [row.id as number, `Bearer ${signToken({ id: row.id, role: "PROFESSIONAL" }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "2h" })}`]));

  const hello = await startProcess(["api/bench/ceilings.ts", "hello"], {}, /PORT (\d+)/);
  const select1 = await startProcess(["api/bench/ceilings.ts", "select1"], { DATABASE_URL: url }, /PORT (\d+)/);
  // Attachments go to a folder of this run's own.
  const files = mkdtempSync(path.join(tmpdir(), "bench-api-"));
  // With an SMTP server named (nothing is due within a run), so that each write schedules its email job as in production.
  // NOTIFY_DELAY 30d: the replies earlier runs posted never fall due during this one (their email jobs, failing on
  // port 9 and retried, were load of their own in every run that followed).
  const api: ServerProcess = await startApi(url, { DATA_DIR: files, SMTP_URL: process.env.BENCH_NO_MAIL ? "" : "smtp://127.0.0.1:9", NOTIFY_DELAY: "30d" });
  const boundary = "----bench";
  const upload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="content"\r\n\r\nVoici le document demandé.\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="document.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`%PDF-1.4\n${"0".repeat(100 * 1024)}\n%%EOF\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const m = `${api.base}/api/messaging`;
  const listSorted = (filter: object, sort: [string, string]) =>
    `${m}/conversations?sort=${encodeURIComponent(JSON.stringify(sort))}&range=${encodeURIComponent("[0,24]")}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  const list = (filter: object) => `${m}/conversations?sort=${encodeURIComponent('["lastMessageAt","DESC"]')}&range=${encodeURIComponent("[0,24]")}&filter=${encodeURIComponent(JSON.stringify(filter))}`;

  console.log(`bench:api — ${totals.conversations.toLocaleString("en")} conversations, ${totals.messages.toLocaleString("en")} messages; ${connections} connections, ${seconds} s per run\n`);
  const page = (n: number) => `/api/messaging/conversations?sort=${encodeURIComponent('["lastMessageAt","DESC"]')}&range=${encodeURIComponent(`[${n * 25},${n * 25 + 24}]`)}`;
  // Each route twice where it matters: on one URL (what the shared reads and caches answer: informational) and as a
  // support team uses it — different pages, threads, pros — where the targets apply.
  const routes: Array<[string, () => Promise<Measure>, number]> = [
    ["GET /unread-count (admin)", () => load(`${m}/unread-count`, { headers: adminAuth }), 0.5],
    [`GET /unread-count (pro, ${heavy.n} conversations)`, () => load(`${m}/unread-count`, { headers: proAuth }), 0.5],
    [`GET /unread-count (${pros.length} pros, rotating)`, () => load(m, { requests: rotating("GET", () => "/api/messaging/unread-count", pros.map((row) => row.id), {}, undefined, (id) => ({ Authorization: proTokens.get(id)! })) }), 0.5],
    ["list page 1 (admin, no filter) — one URL", () => load(list({}), { headers: adminAuth }), 0],
    ["list pages 1–50 rotating (admin)", () => load(m, { requests: rotating("GET", page, Array.from({ length: 50 }, (_, i) => i), adminAuth) }), 0.3],
    ["list page 1 (admin, status=open)", () => load(list({ status: "open" }), { headers: adminAuth }), 0.3],
    ["list page 1 (pro) — one URL", () => load(list({}), { headers: proAuth }), 0],
    [`list pages 1–50 rotating (pro, ${heavy.n} conversations)`, () => load(m, { requests: rotating("GET", page, Array.from({ length: 50 }, (_, i) => i), proAuth) }), 0.3],
    [`list page 1 (${pros.length} pros, rotating)`, () => load(m, { requests: rotating("GET", () => page(0), pros.map((row) => row.id), {}, undefined, (id) => ({ Authorization: proTokens.get(id)! })) }), 0.3],
    ["list page 1 (admin, Mes tickets)", () => load(list({ status: "open", adminId: "me" }), { headers: adminAuth }), 0.3],
    ["list page 1 (admin, À traiter)", () => load(listSorted({ waitingOn: "ADMIN" }, ["waitingSince", "ASC"]), { headers: adminAuth }), 0.3],
    ["detail, 10 messages — one URL", () => load(`${m}/conversations/${short.id}`, { headers: adminAuth }), 0],
    [`detail, ~10 messages, rotating over ${tens.length} conversations`, () => load(m, { requests: rotating("GET", (id) => `/api/messaging/conversations/${id}`, tens.map((row) => row.id), adminAuth) }), 0.3],
    [`detail, ${long.messageCount} messages`, () => load(`${m}/conversations/${long.id}`, { headers: adminAuth }), 0.15],
    ["POST …/messages (1,000 conversations, rotating)", () => load(m, { requests: rotating("POST", (id) => `/api/messaging/conversations/${id}/messages`, postIds, json, JSON.stringify({ content: "Réponse de charge : merci, nous regardons." })) }), 0.25],
    // Informational: the same POST with a 100 kB PDF (multipart, sniffed, stored on disk, recorded in the same statement).
    ["POST …/messages with a 100 kB PDF", () => load(m, { requests: rotating("POST", (id) => `/api/messaging/conversations/${id}/messages`, postIds, { ...adminAuth, "Content-Type": `multipart/form-data; boundary=${boundary}` }, upload) }), 0],
    ["PATCH …/read (1,000 conversations, rotating)", () => load(m, { requests: rotating("PATCH", (id) => `/api/messaging/conversations/${id}/read`, readIds, adminAuth) }), 0.35],
  ];
  const results: Array<{ name: string; measure: Measure; a: Measure; b: Measure; target: number }> = [];
  const only = process.env.BENCH_ROUTES ? new RegExp(process.env.BENCH_ROUTES, "i") : null;
  for (const [name, run, target] of routes) {
    if (only && !only.test(name)) continue;
    const a = await load(hello.base);
    const b = await load(select1.base);
    results.push({ name, a, b, measure: await run(), target });
  }
  await Promise.all([hello.stop(), select1.stop(), api.stop()]);
  rmSync(files, { recursive: true, force: true });

  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  console.log(row(["route", "req/s", "p50 ms", "p99 ms", "non-2xx/errors", "(a) req/s", "(b) req/s", "÷ (a)", "÷ (b)", "target ÷ (b)", ""]));
  console.log(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"]));
  let missed = 0;
  for (const { name, measure, a, b, target } of results) {
    const ratio = measure.rps / b.rps;
    const ok = ratio >= target && measure.errors === 0;
    if (!ok) missed += 1;
    const verdict = target === 0 ? "(no target)" : ok ? "ok" : "MISSED";
    console.log(
      row([name, measure.rps.toFixed(0), String(measure.p50), String(measure.p99), String(measure.errors), a.rps.toFixed(0), b.rps.toFixed(0),
        (measure.rps / a.rps).toFixed(3), ratio.toFixed(2), target === 0 ? "—" : `≥ ${target}`, verdict]),
    );
  }
  console.log(`\n${missed === 0 ? "every route reached its target" : `${missed} route(s) below target`}`);
}

await main();
process.exit(0);
