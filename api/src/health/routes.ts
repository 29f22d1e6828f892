import { Router } from "express";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { RETRY_AFTER_SECONDS } from "../http/errors.ts";
import type { Operation } from "../openapi/document.ts";

export const healthJsonSchema = z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["up", "down"]) }).meta({ id: "Health" });

export const healthOperations: Operation[] = [
  {
    method: "get", path: "/api/health", tag: "Reference", summary: "Whether the API can serve (for load balancers)", access: "public",
    responses: { 200: { description: "Up", schema: healthJsonSchema } },
  },
];

/** `GET /api/health`: 200 when the database answers, 503 with `Retry-After` when it does not. Never queued. */
export function healthRoutes(database: Database) {
  const router = Router();
  router.get("/health", async (_req, res) => {
    const up = await database.ping();
    if (!up) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    res.status(up ? 200 : 503).json({ status: up ? "ok" : "degraded", database: up ? "up" : "down" });
  });
  return router;
}
