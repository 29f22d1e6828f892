/**
 * npm run bench:stats — GET /api/stats over 90 days and GET /api/stats/timeseries per day over 90 days, on the
 * bench:data dataset (DATABASE_URL, PostgreSQL), each run serially (p50/p99), with and without a filter, and once with
 * business hours (a second API process with BUSINESS_HOURS set). Ceiling measured in the same run: the ticket list's
 * first page, the console's most frequent request; every p99 is also given as a ratio to it.
 */
import pg from "pg";
import { signToken } from "../src/auth/tokens.ts";
import { BENCH_SECRET, percentile, startApi } from "./processes.ts";

const url = process.env.DATABASE_URL ?? "";
if (!url) throw new Error("bench:stats needs DATABASE_URL with the bench:data dataset");
const runs = Number(process.env.BENCH_RUNS ?? 30);
const DAY_MS = 86_400_000;

async function main() {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: [admin] } = await db.query(`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id LIMIT 1`);
  const { rows: [category] } = await db.query(`SELECT id FROM "Category" ORDER BY id LIMIT 1`);
  const { rows: [latest] } = await db.query(`SELECT max("createdAt") AS at FROM "Message"`);
  const { rows: [counts] } = await db.query(`SELECT (SELECT count(*) FROM "Message")::int AS messages, (SELECT count(*) FILTER (WHERE "waitingSince" IS NOT NULL) FROM "Reply")::int AS responses`);
  await db.end();
  const authorization = `Bearer ${signToken({ id: admin.id, role: "ADMIN" }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "2h" })}`;
  // The dataset's last 90 days (it is dated back from when bench:data ran).
  const to = new Date(new Date(latest.at).getTime() + 60_000);
  const range = { from: new Date(to.getTime() - 90 * DAY_MS).toISOString(), to: to.toISOString() };

  const measure = async (base: string, path: string) => {
    await fetch(`${base}${path}`, { headers: { Authorization: authorization } }); // warm-up, not measured
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { Authorization: authorization } });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  };

  console.log(`bench:stats — ${counts.messages.toLocaleString("en")} messages, ${counts.responses.toLocaleString("en")} recorded responses; ${runs} serial runs each, 90 days\n`);
  const plain = await startApi(url);
  const business = await startApi(url, { BUSINESS_HOURS: "Europe/Paris mon-fri 09:00-18:00", HOLIDAYS: "2026-01-01,2026-05-01,2026-12-25" });
  let worst = 0;
  try {
    const ceiling = await measure(plain.base, "/api/messaging/conversations?range=%5B0%2C24%5D");
    console.log(`ceiling: the ticket list's first page, p50 ${ceiling.p50.toFixed(1)} ms, p99 ${ceiling.p99.toFixed(1)} ms\n`);
    console.log("| request | p50 ms | p99 ms | p99 / ceiling p99 |");
    console.log("| --- | ---: | ---: | ---: |");
    const cases: Array<[string, string, string]> = [
      ["stats, 90 days", plain.base, `/api/stats?${new URLSearchParams(range)}`],
      ["stats, 90 days, one category", plain.base, `/api/stats?${new URLSearchParams({ ...range, categoryId: String(category.id) })}`],
      ["stats, 90 days, one admin", plain.base, `/api/stats?${new URLSearchParams({ ...range, adminId: String(admin.id) })}`],
      ["timeseries, 90 days per day", plain.base, `/api/stats/timeseries?${new URLSearchParams({ ...range, interval: "day", timeZone: "Europe/Paris" })}`],
      ["stats, 90 days, in business hours", business.base, `/api/stats?${new URLSearchParams(range)}`],
    ];
    for (const [label, base, path] of cases) {
      const { p50, p99 } = await measure(base, path);
      worst = Math.max(worst, p99);
      console.log(`| ${label} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${(p99 / ceiling.p99).toFixed(1)} |`);
    }
    console.log(`\nworst p99: ${worst.toFixed(1)} ms (target < 300 ms) — ${worst < 300 ? "ok" : "MISSED"}`);
  } finally {
    await plain.stop();
    await business.stop();
  }
}

await main();
process.exit(0);
