import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import express from "express";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { databaseFrom } from "../src/db/database.ts";
import { inProcessBus } from "../src/events/bus.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { spa } from "../src/web/static.ts";
import { PASSWORD, startTestApp, testSettings, type TestApp } from "./harness.ts";
import { openStream } from "./sse.ts";

let t: TestApp;
let admin: User;
beforeAll(async () => {
  t = await startTestApp({ login: { ...testSettings.login, maxFailuresPerAddress: 4, maxFailures: 3 } });
  admin = await t.createAdmin();
});
afterAll(() => t.close());

describe("an unreachable database", () => {
  it("answers 503 JSON with Retry-After on every route that needs it, and /health says so", async () => {
    // Nothing listens on port 1: connections are refused at once, as with a database that is down.
    const database = databaseFrom({ kind: "postgres", url: "postgresql://nobody@127.0.0.1:1/none" });
    const app = createApp({ database, settings: testSettings, logger: pino({ level: "silent" }), events: inProcessBus() });
    try {
      for (const res of [
        await request(app).get("/api/messaging/unread-count").set("Authorization", t.bearer(admin)),
        await request(app).post("/api/auth/login").send({ email: admin.email, password: PASSWORD }),
        await request(app).get("/api/health"),
      ]) {
        expect(res.status).toBe(503);
        expect(res.headers["retry-after"]).toMatch(/^\d+$/);
        expect(res.type).toBe("application/json");
      }
    } finally {
      await database.close();
    }
  });
});

describe("failed logins", () => {
  it("are limited per address across every email (password spraying), not only per email", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(t.app).post("/api/auth/login").send({ email: `spray${i}@test.local`, password: "not the password" });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});

describe("deactivating accounts", () => {
  it("an admin cannot deactivate himself, nor the last active admin", async () => {
    const self = await request(t.app).put(`/api/users/${admin.id}`).set("Authorization", t.bearer(admin)).send({ active: false });
    expect(self.status).toBe(409);
    expect(self.body.errors.active).toBeTruthy();
    const other = await t.createAdmin();
    // Two admins: one may go, and then the one left is the last.
    expect((await request(t.app).put(`/api/users/${other.id}`).set("Authorization", t.bearer(admin)).send({ active: false })).status).toBe(200);
    const third = await t.createAdmin();
    await t.prisma.user.update({ where: { id: admin.id }, data: { active: false } });
    const last = await request(t.app).put(`/api/users/${third.id}`).set("Authorization", t.bearer(third)).send({ active: false });
    expect(last.status).toBe(409);
    await t.prisma.user.update({ where: { id: admin.id }, data: { active: true } });
  });

  it("ends the user's open event streams at once; at most SSE_MAX_STREAMS_PER_USER streams each", async () => {
    const server: Server = t.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging/events`;
    try {
      const pro = await t.createPro();
      const streams = [];
      for (let i = 0; i < 11; i++) {
        const stream = await openStream(url, { Authorization: t.bearer(pro) });
        await stream.next((frame) => frame.event === "unread.changed");
        streams.push(stream);
      }
      await streams[0].finished; // the eleventh closed the oldest
      const stillOpen = streams.slice(1);
      const deactivated = await request(t.app).put(`/api/users/${pro.id}`).set("Authorization", t.bearer(admin)).send({ active: false });
      expect(deactivated.status).toBe(200);
      await Promise.all(stillOpen.map((stream) => stream.finished));
      const again = await fetch(url, { headers: { Authorization: t.bearer(pro) } });
      expect(again.status).toBe(401);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe("static files", () => {
  const dist = mkdtempSync(path.join(tmpdir(), "messagerie-dist-"));
  const script = "console.log('bonjour');".repeat(200);
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
  writeFileSync(path.join(dist, "assets", "index-abc123.js"), script);
  writeFileSync(path.join(dist, "assets", "index-abc123.js.br"), brotliCompressSync(script));
  writeFileSync(path.join(dist, "assets", "index-abc123.js.gz"), gzipSync(script));
  const app = express().use("/admin", spa(dist));

  it("serves Brotli or gzip as accepted, hashed assets immutable for a year, index.html revalidated", async () => {
    const br = await request(app).get("/admin/assets/index-abc123.js").set("Accept-Encoding", "br, gzip");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const gz = await request(app).get("/admin/assets/index-abc123.js").set("Accept-Encoding", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const page = await request(app).get("/admin/conversations/5");
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-cache");
  });

  it("answers 404 for an unknown asset instead of the HTML page", async () => {
    const res = await request(app).get("/admin/assets/index-missing.js");
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/doctype/i);
  });
});
