import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signToken } from "../src/auth/tokens.ts";
import { databaseFrom, type Database } from "../src/db/database.ts";
import { redisBus } from "../src/events/redisBus.ts";
import type { Role, User } from "../src/generated/prisma/client.ts";
import { copyPostgresTemplate, startTestApp } from "./harness.ts";
import { openStream, type SseFrame, type SseStream } from "./sse.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const contentOf = (frame: SseFrame): string | undefined => JSON.parse(frame.data).message?.content;
const isMessage = (content: string) => (frame: SseFrame) => frame.event === "message.created" && contentOf(frame) === content;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Redis unreachable", () => {
  it("keeps the API serving and events flowing within the process, logs it, never crashes", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const bus = redisBus(`redis://127.0.0.1:${await closedPort()}`, { prefix: `messagerie-test-${randomBytes(4).toString("hex")}`, logger });
    const t = await startTestApp({}, bus);
    const server = t.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
      const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging/events`, {
        Authorization: t.bearer(admin),
      });
      await stream.next((frame) => frame.event === "unread.changed");
      const posted = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "S", content: "sans Redis" });
      expect(posted.status).toBe(201);
      await stream.next(isMessage("sans Redis"));
      expect((await request(t.app).get("/api/messaging/unread-count").set("Authorization", t.bearer(admin))).body.count).toBe(1);
      expect((await request(t.app).get("/api/health")).status).toBe(200);
      expect(lines.some((line) => line.includes("Redis unreachable"))).toBe(true);
      await stream.close();
    } finally {
      server.closeAllConnections();
      server.close();
      await bus.close();
      await t.close();
    }
  });
});

describe.skipIf(!process.env.REDIS_URL)("Redis connection lost and back", () => {
  it("reconnects by itself, logs it, and tells clients to reload (resync) since events may have been missed", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const prefix = `messagerie-test-${randomBytes(6).toString("hex")}`;
    const bus = redisBus(process.env.REDIS_URL ?? "", { prefix, logger });
    const t = await startTestApp({}, bus);
    const server = t.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const redis = new Redis(process.env.REDIS_URL ?? "");
    try {
      const [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
      const events = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging/events`;
      const stream = await openStream(events, { Authorization: t.bearer(admin) });
      await stream.next((frame) => frame.event === "unread.changed");
      const say = (content: string) =>
        request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "S", content }).expect(201);
      await say("avant");
      const before = await stream.next(isMessage("avant"));

      // Cut only this bus's subscription (found by its connection name), as a Redis restart would.
      const clients = await redis.client("LIST");
      const id = /id=(\d+) .*name=(\S+)/.exec(String(clients).split("\n").find((line) => line.includes(`name=${prefix}:subscriber`)) ?? "")?.[1];
      expect(id).toBeDefined();
      await redis.client("KILL", "ID", id ?? "");
      const resync = await stream.next((frame) => frame.event === "resync", { timeoutMs: 10_000 });
      expect(lines.some((line) => line.includes("Redis unreachable"))).toBe(true);
      expect(lines.some((line) => line.includes("Redis reachable again"))).toBe(true);

      await say("après");
      await stream.next(isMessage("après"));
      expect(stream.frames.indexOf(resync)).toBeGreaterThan(stream.frames.indexOf(before));
      // Resuming from before the cut cannot be exact any more: the client is told to reload.
      const resumed = await openStream(events, { Authorization: t.bearer(admin), "Last-Event-ID": before.id ?? "" });
      expect((await resumed.next(() => true)).event).toBe("resync");
      await Promise.all([stream.close(), resumed.close()]);
    } finally {
      server.closeAllConnections();
      server.close();
      await redis.del(`${prefix}:events:seq`, `${prefix}:events:epoch`);
      await redis.quit();
      await bus.close();
      await t.close();
    }
  });
});

/** One real API process: `node --import tsx api/src/index.ts`, on a free port it reports. */
async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "api/src/index.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API process did not start:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /API:\s+http:\/\/localhost:(\d+)\/api/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`API process exited (${code}):\n${output}`)));
  });
  return { child, url };
}

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

describe.skipIf(!databaseUrl || !redisUrl)("two API processes behind Redis, one PostgreSQL", () => {
  const prefix = `messagerie-test-${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(32).toString("hex");
  const processes: ChildProcess[] = [];
  const streams: SseStream[] = [];
  let drop: () => Promise<void>;
  let database: Database;
  let a: string, b: string;

  beforeAll(async () => {
    const template = inject("postgresTemplate");
    if (!template || !redisUrl) throw new Error("needs DATABASE_URL and REDIS_URL");
    const copy = await copyPostgresTemplate(template);
    drop = copy.drop;
    database = databaseFrom({ kind: "postgres", url: copy.url });
    const env = {
      NODE_ENV: "production", JWT_SECRET: secret, DATABASE_URL: copy.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: "warn",
      LOGIN_MAX_FAILURES: "4",
    };
    // One after the other: both would apply migrations (none are pending, but there is no need to race).
    for (const name of ["a", "b"]) {
      const started = await startProcess(env);
      processes.push(started.child);
      if (name === "a") a = started.url;
      else b = started.url;
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await Promise.all(
      processes.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve).kill("SIGTERM") : resolve(null)))),
    );
    await database?.close();
    await drop?.();
    const redis = new Redis(redisUrl ?? "");
    await redis.del(`${prefix}:events:seq`, `${prefix}:events:epoch`);
    await redis.quit();
  });

  const create = (role: Role) =>
    database.prisma.user.create({
      data: { email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@test.local`, name: `${role} ${randomBytes(2).toString("hex")}`, role, passwordHash: "-" },
    });
  const bearer = (user: User) => `Bearer ${signToken(user, { jwtSecret: secret, jwtExpiresIn: "1h" })}`;
  async function streamOf(base: string, user: User, headers: Record<string, string> = {}) {
    const stream = await openStream(`${base}/api/messaging/events`, { Authorization: bearer(user), ...headers });
    streams.push(stream);
    await stream.next((frame) => frame.event === "unread.changed");
    return stream;
  }
  const post = (base: string, user: User, route: string, body: object) =>
    fetch(`${base}/api/messaging/${route}`, {
      method: "POST",
      headers: { Authorization: bearer(user), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (res) => {
      expect(res.status).toBe(201);
      return (await res.json()) as { id: number };
    });

  it("delivers an event posted on A to the right clients on B, and nothing of one pro's to another", async () => {
    const [admin, pro1, pro2] = await Promise.all([create("ADMIN"), create("PROFESSIONAL"), create("PROFESSIONAL")]);
    const [adminOnB, pro1OnB, pro2OnB, pro1OnA] = await Promise.all([streamOf(b, admin), streamOf(b, pro1), streamOf(b, pro2), streamOf(a, pro1)]);

    const ticket = await post(a, pro1, "conversations", { subject: "Depuis A", content: "posté sur A" });
    const onB = await adminOnB.next(isMessage("posté sur A"));
    await pro1OnB.next(isMessage("posté sur A"));
    await adminOnB.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === 1);

    await post(b, admin, `conversations/${ticket.id}/messages`, { content: "réponse depuis B" });
    const onA = await pro1OnA.next(isMessage("réponse depuis B"));
    await pro1OnA.next((frame) => frame.event === "unread.changed" && JSON.parse(frame.data).count === 1);
    // One global sequence: the same event has the same id on both processes.
    expect((await pro1OnB.next(isMessage("réponse depuis B"))).id).toBe(onA.id);
    expect(onB.id).toBe(pro1OnA.frames.find(isMessage("posté sur A"))?.id);

    // pro2's own event comes after pro1's on the same sequence: once it has arrived, pro1's would have too.
    await post(a, pro2, "conversations", { subject: "À moi", content: "marqueur pro2" });
    await pro2OnB.next(isMessage("marqueur pro2"));
    const seenByPro2 = pro2OnB.frames.filter((frame) => frame.event !== "unread.changed");
    expect(seenByPro2.map(contentOf)).toEqual(["marqueur pro2"]);
    expect(seenByPro2.map((frame) => JSON.parse(frame.data).professionalId)).toEqual([pro2.id]);
    expect(pro2OnB.frames.filter((frame) => frame.event === "unread.changed").map((frame) => JSON.parse(frame.data).count)).toEqual([0]);
  });

  it("tells an admin on B that another admin is on a ticket on A, and never the ticket's pro on B", async () => {
    const [alice, bruno, pro] = await Promise.all([create("ADMIN"), create("ADMIN"), create("PROFESSIONAL")]);
    const ticket = await post(a, pro, "conversations", { subject: "Présence", content: "présence" });
    const [brunoOnB, proOnB] = await Promise.all([streamOf(b, bruno), streamOf(b, pro)]);
    const said = await fetch(`${a}/api/messaging/conversations/${ticket.id}/presence`, {
      method: "POST",
      headers: { Authorization: bearer(alice), "Content-Type": "application/json" },
      body: JSON.stringify({ state: "typing" }),
    });
    expect(said.status).toBe(200);
    const frame = await brunoOnB.next((candidate) => candidate.event === "presence.changed");
    expect(JSON.parse(frame.data)).toMatchObject({ conversationId: ticket.id, admin: { id: alice.id }, state: "typing" });
    // Something the pro may see, posted after: once it reached him, the presence would have too.
    await post(a, alice, `conversations/${ticket.id}/messages`, { content: "après la présence" });
    await proOnB.next(isMessage("après la présence"));
    expect(proOnB.frames.filter((candidate) => candidate.event === "presence.changed")).toEqual([]);
  });

  it("counts failed logins in Redis: failures on A and on B add up to one limit", async () => {
    const email = `shared-${randomBytes(3).toString("hex")}@test.local`;
    const attempt = (base: string) =>
      fetch(`${base}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: "wrong password" }) });
    const statuses = [];
    for (const base of [a, b, a, b, a, b]) statuses.push((await attempt(base)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it("ends a deactivated user's stream on the other process at once", async () => {
    const [admin, pro] = await Promise.all([create("ADMIN"), create("PROFESSIONAL")]);
    const onB = await streamOf(b, pro);
    const res = await fetch(`${a}/api/users/${pro.id}`, {
      method: "PUT",
      headers: { Authorization: bearer(admin), "Content-Type": "application/json" },
      body: JSON.stringify({ active: false }),
    });
    expect(res.status).toBe(200);
    await onB.finished;
    expect((await fetch(`${b}/api/messaging/unread-count`, { headers: { Authorization: bearer(pro) } })).status).toBe(401);
  });

  it("resumes on A from an id received on B (global ids)", async () => {
    const [admin, pro] = await Promise.all([create("ADMIN"), create("PROFESSIONAL")]);
    const onB = await streamOf(b, pro);
    const ticket = await post(a, pro, "conversations", { subject: "Reprise", content: "vu sur B" });
    const seen = await onB.next(isMessage("vu sur B"));
    await onB.close();
    await post(b, admin, `conversations/${ticket.id}/messages`, { content: "manqué" });
    // Wait until A has the event too (it comes through Redis), then resume there.
    const adminOnA = await streamOf(a, admin);
    await post(a, admin, `conversations/${ticket.id}/messages`, { content: "manqué aussi" });
    await adminOnA.next(isMessage("manqué aussi"));
    const resumed = await streamOf(a, pro, { "Last-Event-ID": seen.id ?? "" });
    expect(resumed.frames.filter((frame) => frame.event === "message.created").map(contentOf)).toEqual(["manqué", "manqué aussi"]);
  });
});
