/**
 * npm run bench:export — the CSV export of every conversation of the bench:data dataset (DATABASE_URL), against
 * `psql \copy` of the same columns in the same order (the database's own pace, measured in the same run), with the
 * API process's RSS sampled every 50 ms while it streams.
 */
import { spawnSync } from "node:child_process";
import { signToken } from "../src/auth/tokens.ts";
import { BENCH_SECRET, startApi } from "./processes.ts";

const url = process.env.DATABASE_URL ?? "";
if (!url) throw new Error("bench:export needs DATABASE_URL with the bench:data dataset");

const sameColumns = `SELECT c.id, c.subject, u.name, u.email, c.status, c."createdAt", c."lastMessageAt", c."messageCount", c."unreadByAdmin"
  FROM "Conversation" c JOIN "User" u ON u.id = c."professionalId" ORDER BY c."lastMessageAt" DESC, c.id DESC`;

function psqlCopy() {
  const start = performance.now();
  const result = spawnSync("psql", [url, "-qAt", "-c", `\\copy (${sameColumns.replace(/\s+/g, " ")}) TO STDOUT WITH (FORMAT csv, HEADER)`], {
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  const rows = result.stdout.toString().split("\n").filter(Boolean).length - 1;
  return { rows, seconds: (performance.now() - start) / 1000 };
}

async function apiExport(base: string, token: string, rssMb: () => number, query = "") {
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const start = performance.now();
  const res = await fetch(`${base}/api/messaging/conversations/export.csv${query}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`export answered ${res.status}`);
  let newlines = 0;
  for await (const chunk of res.body ?? []) for (const byte of chunk as Uint8Array) if (byte === 10) newlines += 1;
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  return { rows: newlines - 1, seconds, rssBefore: before, rssGrowth: peak - before };
}

async function main() {
  const api = await startApi(url);
  const admin = signToken({ id: 1, role: "ADMIN" }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "1h" });
  console.log("bench:export — every conversation, admin, no filter, default sort");
  const copies = [psqlCopy(), psqlCopy()];
  // Warm-up (JIT, lazily loaded code, the pool's first connections): one pro's tickets, not measured.
  const warmUp = await apiExport(api.base, admin, api.rssMb, `?filter=${encodeURIComponent('{"professionalId":6}')}`);
  console.log(`  warm-up export (one pro): ${warmUp.rows.toLocaleString("en")} rows, RSS ${warmUp.rssBefore.toFixed(0)} MB at start, +${warmUp.rssGrowth.toFixed(1)} MB`);
  const runs = [await apiExport(api.base, admin, api.rssMb), await apiExport(api.base, admin, api.rssMb)];
  copies.push(psqlCopy());
  await api.stop();

  const copyRate = Math.max(...copies.map((copy) => copy.rows / copy.seconds));
  for (const copy of copies) console.log(`  psql \\copy: ${copy.rows.toLocaleString("en")} rows in ${copy.seconds.toFixed(2)} s = ${(copy.rows / copy.seconds).toFixed(0)} rows/s`);
  for (const run of runs) {
    const rate = run.rows / run.seconds;
    console.log(
      `  API export: ${run.rows.toLocaleString("en")} rows in ${run.seconds.toFixed(2)} s = ${rate.toFixed(0)} rows/s = ${(rate / copyRate).toFixed(3)}× psql's best ` +
        `(target ≥ 0.25×); RSS ${run.rssBefore.toFixed(0)} MB at start, +${run.rssGrowth.toFixed(1)} MB at peak (target < 50 MB)`,
    );
  }
}

await main();
process.exit(0);
