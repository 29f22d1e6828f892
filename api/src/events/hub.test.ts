import { createServer, request, type ClientRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../access/policy.ts";
import { inProcessBus } from "./bus.ts";
import { eventHub, type HubOptions } from "./hub.ts";

const admin: Actor = { id: 1, role: "ADMIN", name: "Admin", email: "admin@test.local" };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A hub behind a bare HTTP server, as the route mounts it. */
async function hubServer(options: Partial<HubOptions> = {}) {
  const bus = inProcessBus();
  const hub = eventHub(bus, async () => 0, pino({ level: "silent" }), { heartbeatMs: 60_000, ...options });
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    hub.open(admin, res);
  }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => {
    hub.close();
    server.closeAllConnections();
    server.close();
  });
  /** A client that reads nothing unless told to: its socket buffers fill up like a stalled browser's. */
  const connect = () =>
    new Promise<ClientRequest>((resolve) => {
      const req = request({ port, host: "127.0.0.1", path: "/" }, () => resolve(req));
      req.end();
    });
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };
  return { bus, hub, connect, until };
}

describe("event hub", () => {
  it("forgets a connection as soon as its client goes", async () => {
    const { hub, connect, until } = await hubServer();
    const clients = await Promise.all([connect(), connect(), connect()]);
    await until(() => hub.connections() === 3);
    clients[0].destroy();
    clients[1].destroy();
    await until(() => hub.connections() === 1);
    clients[2].destroy();
    await until(() => hub.connections() === 0);
  });

  it("cuts off a client that stops reading instead of buffering for it without end", async () => {
    const { bus, hub, connect, until } = await hubServer({ maxBufferedBytes: 64 * 1024 });
    const stalled = await connect();
    stalled.socket?.pause();
    await until(() => hub.connections() === 1);
    const big = { text: "x".repeat(16 * 1024) };
    for (let i = 0; i < 500 && hub.connections() > 0; i += 1) {
      bus.publish({ type: "message.created", conversationId: 1, professionalId: 2, data: big });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => hub.connections() === 0);
  });
});

describe("stream age", () => {
  it("ends a stream after its maximum age, so that the client reconnects and its token is checked again", async () => {
    const { hub, connect, until } = await hubServer({ maxAgeMs: 200 });
    await connect();
    await until(() => hub.connections() === 1);
    await until(() => hub.connections() === 0); // the server ended it: the client did nothing
  });
});
