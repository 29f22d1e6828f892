import { Router } from "express";
import type { AccountCache } from "./accounts.ts";
import { actorOf, requireAdmin } from "../http/actor.ts";
import type { EventBus } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { z } from "zod";
import { createUserSchema, listUsersQuery, updateUserSchema, userJsonSchema } from "./schemas.ts";
import { usersService } from "./service.ts";

/** Admin-only management of accounts (the console's "Professionnels"). No delete: deactivate instead. */
export function usersRoutes(prisma: PrismaClient, accounts: AccountCache, events: EventBus) {
  const router = Router();
  const users = usersService(prisma, accounts, events);
  router.use("/users", requireAdmin);

  router.get("/users", async (req, res) => {
    const query = listUsersQuery.parse(req.query);
    const { total, rows } = await users.list(query);
    setContentRange(res, "users", query.range.skip, rows.length, total);
    res.json(rows);
  });

  router.get("/users/:id", async (req, res) => {
    res.json(await users.get(idParam.parse(req.params).id));
  });

  router.post("/users", async (req, res) => {
    res.status(201).json(await users.create(createUserSchema.parse(req.body)));
  });

  router.put("/users/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await users.update(actorOf(res), id, updateUserSchema.parse(req.body)));
  });

  return router;
}

export const usersOperations: Operation[] = [
  {
    method: "get", path: "/api/users", tag: "Users", summary: "List accounts", access: "admin",
    query: listUsersQuery,
    responses: { 200: { description: "A page of accounts", schema: z.array(userJsonSchema), headers: { "Content-Range": "`users <first>-<last>/<total>`" } } },
  },
  {
    method: "get", path: "/api/users/:id", tag: "Users", summary: "An account", access: "admin",
    responses: { 200: { description: "The account", schema: userJsonSchema } },
  },
  {
    method: "post", path: "/api/users", tag: "Users", summary: "Create an account", access: "admin",
    body: createUserSchema,
    responses: { 201: { description: "The account", schema: userJsonSchema }, 409: { description: "This email is already used" } },
  },
  {
    method: "put", path: "/api/users/:id", tag: "Users", summary: "Rename, deactivate or reactivate an account", access: "admin",
    description: "Deactivating ends the account's sessions and event streams at once; tokens issued before stay invalid after a reactivation.",
    body: updateUserSchema,
    responses: { 200: { description: "The account", schema: userJsonSchema }, 409: { description: "An admin cannot deactivate himself nor the last active admin" } },
  },
];
