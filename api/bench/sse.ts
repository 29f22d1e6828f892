/**
 * `npm run bench:sse`: one API process (embedded PGlite in a temporary folder), 1,000 then 5,000 concurrent event
 * streams (admins and pros), messages posted by pros and admins. Prints the time from POST to the event at the right
 * clients (p50, p99), events delivered to a client that should not have them (must be 0), and memory per connection.
 * Options: `-- --sizes 1000,5000 --messages 200 --concurrency 4 --admins 0.02`.
 */
import { attachmentLinks } from "../src/attachments/links.ts";
import { attachmentFiles } from "../src/attachments/service.ts";
import { diskStorage } from "../src/attachments/storage.ts";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import { z } from "zod";
import { signToken } from "../src/auth/tokens.ts";
import { conversationsService } from "../src/conversations/service.ts";
import { messagesService } from "../src/messages/service.ts";
import { databaseFrom } from "../src/db/database.ts";
import { deployMigrations } from "../src/db/migrate/index.ts";
import { inProcessBus } from "../src/events/bus.ts";
import { sseParser } from "../test/sse.ts";
import { openPGlite } from "../src/db/pglite.ts";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "1000,5000" }, messages: { type: "string", default: "200" }, concurrency: { type: "string", default: "4" }, admins: { type: "string", default: "0.02" } },
});
const options = z
  .object({
    sizes: z.string().transform((text) => text.split(",").map(Number)).pipe(z.array(z.number().int().positive()).min(1)),
    messages: z.coerce.number().int().positive(),
    concurrency: z.coerce.number().int().positive(),
    admins: z.coerce.number().min(0).max(1),
  })
  .parse(values);

const secret = randomBytes(32).toString("hex");
type BenchUser = { id: number; role: "ADMIN" | "PROFESSIONAL"; token: string };
const tokenOf = (user: { id: number; role: "ADMIN" | "PROFESSIONAL" }) => signToken(user, { jwtSecret: secret, jwtExpiresIn: "2h" });
const largest = Math.max(...options.sizes);
const adminsFor = (clients: number) => Math.max(1, Math.round(clients * options.admins));
const posters = Math.min(200, largest - adminsFor(largest));

/** Users and one conversation per posting pro, written straight into the data folder the server will open. */
async function prepare(dataDir: string) {
  const pglite = await openPGlite(path.join(dataDir, "pglite"));
  await deployMigrations({ kind: "pglite", pglite });
  const { prisma } = databaseFrom({ kind: "pglite", pglite });
  const make = (role: BenchUser["role"], count: number) =>
    Array.from({ length: count }, (_, i) => ({ email: `${role.toLowerCase()}${i}@bench.local`, name: `${role} ${i}`, role, passwordHash: "-" }));
  await prisma.user.createMany({ data: [...make("ADMIN", adminsFor(largest)), ...make("PROFESSIONAL", largest - adminsFor(largest))] });
  const users = await prisma.user.findMany({ orderBy: { id: "asc" } });
  const files = attachmentFiles(prisma, diskStorage(path.join(dataDir, "attachments")), attachmentLinks("bench"));
  const service = messagesService({ prisma, conversations: conversationsService(prisma, inProcessBus(), files.links), files });
  const pros = users.filter((user) => user.role === "PROFESSIONAL");
  const conversations = new Map<number, number>();
  for (const pro of pros.slice(0, posters)) {
    const created = await service.create({ id: pro.id, role: pro.role, name: pro.name, email: pro.email }, { subject: "Bench", content: "start" });
    conversations.set(pro.id, created.id);
  }
  await prisma.$disconnect();
  await pglite.close();
  const withTokens = (list: typeof users) => list.map((user): BenchUser => ({ id: user.id, role: user.role, token: tokenOf(user) }));
  return { admins: withTokens(users.filter((user) => user.role === "ADMIN")), pros: withTokens(pros), conversations };
}

async function startServer(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "api/src/index.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, JWT_SECRET: secret, LOG_LEVEL: "error", NODE_ENV: "development", REDIS_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /API:\s+http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

const procStatus = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const eventData = z.object({ professionalId: z.number(), message: z.object({ content: z.string() }).optional() });

type Pending = { sentAt: number; professionalId: number; waiting: Set<number>; lastAt: number };

async function round(base: string, pid: number, size: number, everyone: Awaited<ReturnType<typeof prepare>>) {
  const admins = everyone.admins.slice(0, adminsFor(size));
  const clients = [...admins, ...everyone.pros.slice(0, size - admins.length)];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const pending = new Map<string, Pending>();
  const latencies: number[] = [];
  const postTimes: number[] = [];
  const stats = { wrong: 0, unexpected: 0, unread: 0 };
  const requests: http.ClientRequest[] = [];
  const rssBefore = procStatus(pid, "VmRSS");

  const connect = (user: BenchUser, index: number) =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(`${base}/api/messaging/events`, { agent, headers: { Authorization: `Bearer ${user.token}` } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding("utf8");
        res.on("data", sseParser((frame) => {
          if (frame.event === "unread.changed") {
            stats.unread += 1;
            return resolve();
          }
          if (frame.event !== "message.created") return;
          const at = performance.now();
          const data = eventData.parse(JSON.parse(frame.data));
          if (user.role === "PROFESSIONAL" && data.professionalId !== user.id) stats.wrong += 1;
          const entry = pending.get(data.message?.content ?? "");
          if (!entry?.waiting.delete(index)) return void (stats.unexpected += 1);
          latencies.push(at - entry.sentAt);
          entry.lastAt = at;
        }));
      });
      request.on("error", reject);
      requests.push(request);
    });

  const openedAt = performance.now();
  for (let i = 0; i < clients.length; i += 250) await Promise.all(clients.slice(i, i + 250).map((user, j) => connect(user, i + j)));
  const connectSeconds = (performance.now() - openedAt) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssConnected = procStatus(pid, "VmRSS");

  // Posts: pros in their own conversation, admins replying to one; each expected at every admin and at that pro.
  const posting = everyone.pros.slice(0, Math.min(posters, size - admins.length));
  const indexOfPro = new Map(posting.map((pro) => [pro.id, admins.length + everyone.pros.indexOf(pro)]));
  const cpuBefore = cpuSeconds(pid);
  let next = 0;
  async function worker() {
    while (next < options.messages) {
      const n = next++;
      const pro = posting[n % posting.length];
      const author = n % 2 === 0 ? pro : admins[n % admins.length];
      const content = `bench ${size} #${n}`;
      const waiting = new Set([...admins.keys(), indexOfPro.get(pro.id) ?? -1]);
      const sentAt = performance.now();
      pending.set(content, { sentAt, professionalId: pro.id, waiting, lastAt: sentAt });
      const res = await fetch(`${base}/api/messaging/conversations/${everyone.conversations.get(pro.id)}/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${author.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ content }),
      });
      if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
      postTimes.push(performance.now() - sentAt);
    }
  }
  const postStart = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const postSeconds = (performance.now() - postStart) / 1000;
  const deadline = performance.now() + 15_000;
  while ([...pending.values()].some((entry) => entry.waiting.size > 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const cpu = cpuSeconds(pid) - cpuBefore;

  const sorted = latencies.sort((x, y) => x - y);
  const complete = [...pending.values()].map((entry) => entry.lastAt - entry.sentAt).sort((x, y) => x - y);
  const missed = [...pending.values()].reduce((sum, entry) => sum + entry.waiting.size, 0);
  for (const request of requests) request.destroy();
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\n== ${size} concurrent streams (${admins.length} admins, ${size - admins.length} pros): connected in ${connectSeconds.toFixed(1)} s`);
  console.log(`   ${options.messages} messages posted in ${postSeconds.toFixed(1)} s (${options.concurrency} at a time), ${latencies.length} deliveries expected-and-received, ${stats.unread} unread.changed frames`);
  console.log(`   POST → event at each right client:  p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted.at(-1) ?? NaN)}`);
  console.log(`   POST → event at all its right clients: p50 ${ms(percentile(complete, 50))}  p99 ${ms(percentile(complete, 99))}`);
  const answered = postTimes.sort((x, y) => x - y);
  console.log(`   (for comparison, POST → its 201 answer: p50 ${ms(percentile(answered, 50))}  p99 ${ms(percentile(answered, 99))})`);
  console.log(`   wrongly delivered: ${stats.wrong}   missed: ${missed}   duplicates/unexpected: ${stats.unexpected}`);
  console.log(`   server RSS ${(rssBefore / 1024).toFixed(0)} MB → ${(rssConnected / 1024).toFixed(0)} MB connected: ${((rssConnected - rssBefore) / size).toFixed(1)} kB per connection; server CPU while posting ${cpu.toFixed(1)} s`);
  return stats.wrong + missed;
}

async function main() {
  const limit = /Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"))?.[1];
  console.log(`open files limit (ulimit -n): ${limit}; each side needs one descriptor per stream (${largest} + a few)`);
  if (Number(limit) < largest + 200) throw new Error(`raise the limit first: ulimit -n ${largest + 1000}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "messagerie-bench-"));
  let stop = () => {};
  try {
    console.log(`preparing ${largest} users and ${posters} conversations in ${dataDir}…`);
    const everyone = await prepare(dataDir);
    const { child, base } = await startServer(dataDir);
    stop = () => void child.kill("SIGTERM");
    // Warm up (JIT, database caches) so that the first round measures the same thing as the others.
    const [pro] = everyone.pros;
    for (let n = 0; n < 50; n += 1) {
      await fetch(`${base}/api/messaging/conversations/${everyone.conversations.get(pro.id)}/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${pro.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ content: `warm-up ${n}` }),
      });
    }
    let failures = 0;
    for (const size of options.sizes) failures += await round(base, child.pid ?? 0, size, everyone);
    process.exitCode = failures === 0 ? 0 : 1;
  } finally {
    stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
