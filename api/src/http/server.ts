import { createServer, type Server } from "node:http";
import type { Express } from "express";

/**
 * The HTTP server with short socket timeouts: a client that opens a connection and sends nothing, or its headers a
 * byte at a time, is dropped within seconds instead of holding a socket for a minute and a half. Event streams are
 * unaffected: these limits bound receiving a request, not sending a response.
 */
export function httpServer(app: Express): Server {
  return createServer(
    {
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      // How often Node looks for sockets past those limits (30 s by default).
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
}
