import { mkdtempSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskStorage, type AttachmentStorage } from "../src/attachments/storage.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { listening, startTestApp, testSettings, type TestApp } from "./harness.ts";
import { snapshot } from "./snapshot.ts";

/** What one user may send, and how much of the server it may hold: uploads that are not memory, nor anyone's to hog. */
const keysOf = async (storage: AttachmentStorage) => {
  const keys: string[] = [];
  for await (const key of storage.listOlderThan(new Date(Date.now() + 60_000))) keys.push(key);
  return keys.sort();
};
const received = () => readdirSync(path.join(tmpdir(), `messagerie-uploads-${process.pid}`));

/** Disk storage whose writes fail from the `failFrom`-th on (as S3 cut off mid-upload), and whose removals fail once each. */
function flakyStorage(root: string) {
  const disk = diskStorage(root);
  const state = { puts: 0, failFrom: Infinity, removalsRefused: new Set<string>() };
  const storage: AttachmentStorage = {
    ...disk,
    async put(key, body, contentType) {
      state.puts += 1;
      if (state.puts >= state.failFrom) throw Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
      return disk.put(key, body, contentType);
    },
    async remove(key) {
      if (!state.removalsRefused.has(key)) {
        state.removalsRefused.add(key);
        throw new Error("socket hang up");
      }
      return disk.remove(key);
    },
  };
  return { storage, state };
}

let t: TestApp;
let pro: User, other: User;
const flaky = flakyStorage(mkdtempSync(path.join(tmpdir(), "messagerie-flaky-")));
let ticket: number;

beforeAll(async () => {
  t = await startTestApp({ attachments: { ...testSettings.attachments, maxBytes: 200_000, quotaBytes: 500_000 } }, undefined, undefined, { storage: flaky.storage });
  [pro, other] = await Promise.all([t.createPro(), t.createPro()]);
  ticket = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Pièces", content: "Bonjour" }).expect(201)).body.id;
});
afterAll(() => t.close());

const send = (user: User, conversation: number, files: Array<[Buffer, string]>) => {
  let call = request(t.app).post(`/api/messaging/conversations/${conversation}/messages`).set("Authorization", t.bearer(user)).field("content", "Pièce jointe");
  for (const [content, name] of files) call = call.attach("files", content, name);
  return call;
};

describe("uploads", () => {
  it("storage failing mid-upload answers 503 with Retry-After, and what was stored of the message is removed (tried again)", async () => {
    const before = { keys: await keysOf(flaky.storage), rows: await snapshot(t.prisma) };
    flaky.state.failFrom = flaky.state.puts + 2; // the first file is stored, the second's write breaks
    const res = await send(pro, ticket, [[Buffer.alloc(1000, "a"), "un.txt"], [Buffer.alloc(1000, "b"), "deux.txt"]]);
    flaky.state.failFrom = Infinity;
    expect(res.status).toBe(503);
    expect(res.body.code).toBe("unavailable");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    // The first file's removal failed once and was tried again: nothing is left for the hourly sweep.
    expect(await keysOf(flaky.storage)).toEqual(before.keys);
    expect(await snapshot(t.prisma)).toEqual(before.rows);
  });

  it("an Idempotency-Key covers the files too: the same form again answers the first answer; other files are another request", async () => {
    const form = (content: string) =>
      request(t.app).post(`/api/messaging/conversations/${ticket}/messages`).set("Authorization", t.bearer(pro)).set("Idempotency-Key", "form-1")
        .field("content", "Avec pièce").attach("files", Buffer.from(content), "piece.txt");
    const first = await form("une fois");
    expect(first.status).toBe(201);
    const again = await form("une fois");
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    expect((await form("autre chose")).status).toBe(422);
  });

  it("keeps no file received once the answer is sent, in memory or on disk", async () => {
    expect((await send(pro, ticket, [[Buffer.alloc(150_000, "c"), "gros.txt"]])).status).toBe(201);
    await expect.poll(() => received().length).toBe(0);
  });

  it("refuses what would take a user's files past ATTACHMENT_QUOTA_BYTES (413 quota_exceeded, nothing stored); others still send", async () => {
    const own = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).send({ subject: "Quota", content: "x" }).expect(201)).body.id;
    expect((await send(other, own, [[Buffer.alloc(200_000, "d"), "un.txt"], [Buffer.alloc(200_000, "e"), "deux.txt"]])).status).toBe(201);
    const keys = await keysOf(flaky.storage);
    const over = await send(other, own, [[Buffer.alloc(150_000, "f"), "trois.txt"]]);
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: "quota_exceeded", limit: 500_000 });
    expect(await keysOf(flaky.storage)).toEqual(keys);
    expect((await send(other, own, [[Buffer.alloc(50_000, "g"), "petit.txt"]])).status).toBe(201);
    expect((await send(pro, ticket, [[Buffer.alloc(150_000, "h"), "autre.txt"]])).status).toBe(201);
  });

  it("lets one user have two forms with files in flight: a third is told 429 before it is read; another user is not", async () => {
    const server = await listening(t.app);
    const boundary = "----cut";
    const open = (user: User) => {
      const call = httpRequest(`${server.base}/api/messaging/conversations/${ticket}/messages`, {
        method: "POST",
        headers: { Authorization: t.bearer(user), "Content-Type": `multipart/form-data; boundary=${boundary}` },
      });
      call.on("error", () => undefined);
      // The start of a file, and then nothing: the form stays in flight.
      call.write(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="lent.txt"\r\nContent-Type: text/plain\r\n\r\n${"x".repeat(1000)}`);
      return call;
    };
    const held: ReturnType<typeof open>[] = [];
    try {
      // Each is in flight once its file has begun to arrive in the folder of files received.
      for (const count of [1, 2]) {
        held.push(open(pro));
        await expect.poll(() => received().length).toBe(count);
      }
      const third = await send(pro, ticket, [[Buffer.from("trois"), "trois.txt"]]);
      expect([third.status, third.body.code]).toEqual([429, "rate_limited"]);
      expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
      const own = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(other)).send({ subject: "Autre", content: "x" }).expect(201)).body.id;
      expect((await send(other, own, [[Buffer.from("bonjour"), "ok.txt"]])).status).toBe(201);
    } finally {
      for (const call of held) call.destroy();
    }
    // Once they are gone, his next form goes through.
    await expect.poll(async () => (await send(pro, ticket, [[Buffer.from("après"), "apres.txt"]])).status).toBe(201);
    await server.close();
  });
});
