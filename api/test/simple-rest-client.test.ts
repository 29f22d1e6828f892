import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import simpleRestProvider from "ra-data-simple-rest";
import { fetchUtils } from "ra-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/** The stock react-admin data provider, as the console uses it, against the app listening on a real port. */
let t: TestApp;
let server: Server;
let admin: User, pro: User;
let provider: ReturnType<typeof simpleRestProvider>;
const ids: number[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro()]);
  server = t.app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging`;
  const token = t.token(admin);
  provider = simpleRestProvider(base, (url, options = {}) =>
    fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${token}` } }),
  );
  for (const subject of ["Alpha", "Bravo", "Charlie"]) {
    const row = await t.prisma.conversation.findFirst({ where: { subject } });
    if (row) continue;
    const res = await fetch(`${base}/conversations`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: t.bearer(pro) },
      body: JSON.stringify({ subject, content: `Message ${subject}` }),
    });
    ids.push(((await res.json()) as { id: number }).id);
  }
});
afterAll(async () => {
  server.close();
  await t.close();
});

describe("ra-data-simple-rest against the API", () => {
  it("getList with filter, sort, range and total", async () => {
    const { data, total } = await provider.getList("conversations", {
      filter: { professionalId: pro.id, status: "open" },
      sort: { field: "subject", order: "DESC" },
      pagination: { page: 1, perPage: 2 },
    });
    expect(total).toBe(3);
    expect(data.map((row) => row.subject)).toEqual(["Charlie", "Bravo"]);
    expect(data[0].professional.name).toBe(pro.name);
  });

  it("getMany and getOne", async () => {
    const { data } = await provider.getMany("conversations", { ids: [ids[0], ids[2]] });
    expect(data.map((row) => row.id).sort()).toEqual([ids[0], ids[2]].sort());
    const one = await provider.getOne("conversations", { id: ids[1] });
    expect(one.data).toMatchObject({ id: ids[1], subject: "Bravo" });
    expect(one.data.messages).toHaveLength(1);
  });

  it("update with a partial body, as bulk close sends it", async () => {
    const { data } = await provider.update("conversations", { id: ids[0], data: { status: "closed" }, previousData: { id: ids[0] } });
    expect(data).toMatchObject({ id: ids[0], status: "closed", subject: "Alpha" });
    const many = await provider.updateMany("conversations", { ids: [ids[1], ids[2]], data: { status: "closed" } });
    expect(many.data?.sort()).toEqual([ids[1], ids[2]].sort());
    const { total } = await provider.getList("conversations", {
      filter: { professionalId: pro.id, status: "closed" },
      sort: { field: "id", order: "ASC" },
      pagination: { page: 1, perPage: 10 },
    });
    expect(total).toBe(3);
  });

  it("getList of a conversation's messages", async () => {
    const { data, total } = await provider.getList("messages", {
      filter: { conversationId: ids[1] },
      sort: { field: "createdAt", order: "ASC" },
      pagination: { page: 1, perPage: 25 },
    });
    expect(total).toBe(1);
    expect(data[0]).toMatchObject({ conversationId: ids[1], content: "Message Bravo", senderType: "PROFESSIONAL" });
  });
});
