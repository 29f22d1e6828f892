import { Router } from "express";
import type { Redis } from "ioredis";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { unauthorized } from "../http/errors.ts";
import type { Settings } from "../settings.ts";
import { presentUser } from "../users/present.ts";
import { verifyPassword } from "../users/passwords.ts";
import type { Operation } from "../openapi/document.ts";
import { userJsonSchema } from "../users/schemas.ts";
import { loginSchema, sessionJsonSchema } from "./schemas.ts";
import { loginGuards } from "./limits.ts";
import { actorOf } from "../http/actor.ts";
import { signToken } from "./tokens.ts";

/** Sign-in, and who is signed in (`/auth/me` is behind the session check app.ts puts on its path). */
export function authRoutes(prisma: PrismaClient, settings: Settings, redis?: Redis) {
  const router = Router();

  router.post("/auth/login", ...loginGuards(settings, redis), async (req, res) => {
    const { email, password } = loginSchema.parse(req.body);
    const user = await prisma.user.findUnique({ where: { email } });
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid) throw unauthorized("Invalid email or password", "invalid_credentials");
    // Told only to whoever knows the password: nobody learns from it whether an email has an account.
    if (!user.active) throw unauthorized("This account has been deactivated", "account_disabled");
    res.json({ token: signToken(user, settings), user: presentUser(user) });
  });

  router.get("/auth/me", async (_req, res) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: actorOf(res).id } });
    res.json(presentUser(user));
  });

  return router;
}

export const authOperations: Operation[] = [
  {
    method: "post", path: "/api/auth/login", tag: "Sessions", summary: "Sign in", access: "public",
    description: "Failed attempts are limited per address and email and per address (429 with `Retry-After`).",
    body: loginSchema,
    responses: {
      200: { description: "A token and the signed-in user", schema: sessionJsonSchema },
      401: { description: "Invalid email or password (or a deactivated account)" },
      429: { description: "Too many failed attempts: try again after `Retry-After` seconds" },
    },
  },
  {
    method: "get", path: "/api/auth/me", tag: "Sessions", summary: "The signed-in user",
    responses: { 200: { description: "The user the token belongs to", schema: userJsonSchema } },
  },
];
