import { Router } from "express";
import { actorOf } from "../http/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Operation } from "../openapi/document.ts";
import { preferencesJsonSchema, updatePreferencesSchema } from "./schemas.ts";
import { preferencesService } from "./service.ts";

/** GET and PUT /api/auth/me/preferences: the caller's own, whoever he is. */
export function preferencesRoutes(prisma: PrismaClient) {
  const router = Router();
  const preferences = preferencesService(prisma);
  router.get("/auth/me/preferences", async (_req, res) => {
    res.json(await preferences.get(actorOf(res).id));
  });
  router.put("/auth/me/preferences", async (req, res) => {
    res.json(await preferences.update(actorOf(res).id, updatePreferencesSchema.parse(req.body)));
  });
  return router;
}

export const preferencesOperations: Operation[] = [
  {
    method: "get", path: "/api/auth/me/preferences", tag: "Auth", summary: "The caller's preferences",
    responses: { 200: { description: "Emails on or off, and their language", schema: preferencesJsonSchema } },
  },
  {
    method: "put", path: "/api/auth/me/preferences", tag: "Auth", summary: "Change the caller's preferences",
    description: "Partial: `emailNotifications`, `language` or both.",
    body: updatePreferencesSchema,
    responses: { 200: { description: "The preferences as changed", schema: preferencesJsonSchema } },
  },
];
