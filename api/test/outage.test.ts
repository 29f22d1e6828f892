import { existsSync } from "node:fs";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { signToken } from "../src/auth/tokens.ts";
import { databaseFrom, type Database } from "../src/db/database.ts";
import { deployMigrations } from "../src/db/migrate/index.ts";
import { inProcessBus } from "../src/events/bus.ts";
import { POSTGRES_BIN, startCluster, type Cluster } from "./cluster.ts";
import { PASSWORD, testSettings } from "./harness.ts";
import { hashPassword } from "../src/users/passwords.ts";

/**
 * A real outage: the API's own PostgreSQL is stopped (immediate shutdown: every connection cut) while the API runs,
 * then started again. Every route that needs the database answers 503 JSON with Retry-After, nothing is acknowledged
 * that was not stored, and the API recovers by itself.
 */
let cluster: Cluster | null;
let database: Database;
let app: ReturnType<typeof createApp>;
let adminBearer: string, proBearer: string;
let adminEmail: string;
let conversationId: number;

beforeAll(async () => {
  cluster = await startCluster();
  if (!cluster) return;
  await deployMigrations({ kind: "postgres", url: cluster.url });
  database = databaseFrom({ kind: "postgres", url: cluster.url });
  app = createApp({ database, settings: testSettings, logger: pino({ level: "silent" }), events: inProcessBus() });
  const passwordHash = await hashPassword(PASSWORD);
  const admin = await database.prisma.user.create({ data: { email: "admin@outage.test", name: "Admin", role: "ADMIN", passwordHash } });
  const pro = await database.prisma.user.create({ data: { email: "pro@outage.test", name: "Pro", role: "PROFESSIONAL", passwordHash } });
  adminEmail = admin.email;
  adminBearer = `Bearer ${signToken(admin, testSettings)}`;
  proBearer = `Bearer ${signToken(pro, testSettings)}`;
  const created = await request(app).post("/api/messaging/conversations").set("Authorization", proBearer).send({ subject: "Panne", content: "Avant" });
  conversationId = created.body.id;
}, 60_000);

afterAll(async () => {
  await database?.close();
  cluster?.remove();
});

/** The health check first, then a route of each kind. */
const calls = () => [
  request(app).get("/api/health"),
  request(app).get("/api/messaging/conversations").set("Authorization", adminBearer),
  request(app).get(`/api/messaging/conversations/${conversationId}`).set("Authorization", proBearer),
  request(app).post(`/api/messaging/conversations/${conversationId}/messages`).set("Authorization", proBearer).send({ content: "Pendant" }),
  request(app).post("/api/messaging/conversations").set("Authorization", adminBearer).send({ subject: "x", content: "y", professionalId: 999 }),
  request(app).patch(`/api/messaging/conversations/${conversationId}/read`).set("Authorization", adminBearer),
  request(app).get("/api/messaging/messages").query({ filter: JSON.stringify({ conversationId }) }).set("Authorization", adminBearer),
  request(app).get("/api/users").set("Authorization", adminBearer),
  request(app).post("/api/auth/login").send({ email: adminEmail, password: PASSWORD }),
];

describe.skipIf(!existsSync(POSTGRES_BIN))("the database stopped while the API runs", () => {
  it("answers 503 with Retry-After on every route that needs it, then recovers without a restart, having lost nothing", async () => {
    expect((await request(app).get("/api/health")).status).toBe(200);
    cluster?.stop();
    const answers = await Promise.all(calls());
    for (const [index, res] of answers.entries()) {
      expect(res.status, `call ${index}`).toBe(503);
      expect(res.headers["retry-after"]).toMatch(/^\d+$/);
      expect(res.type).toBe("application/json");
      if (index === 0) expect(res.body).toEqual({ status: "degraded", database: "down" });
      else expect(res.body.message).toEqual(expect.any(String));
    }
    cluster?.start();
    let health = 0;
    for (let attempt = 0; attempt < 50 && health !== 200; attempt++) {
      health = (await request(app).get("/api/health")).status;
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health).toBe(200);
    const posted = await request(app).post(`/api/messaging/conversations/${conversationId}/messages`).set("Authorization", proBearer).send({ content: "Après" });
    expect(posted.status).toBe(201);
    // Nothing answered 503 was stored; what was answered 201 was.
    const stored = await database.prisma.message.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
    expect(stored.map((message) => message.content)).toEqual(["Avant", "Après"]);
    const conversation = await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ messageCount: 2, unreadByAdmin: 2 });
  });
});
