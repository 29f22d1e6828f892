import { Router } from "express";
import type { Redis } from "ioredis";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { unauthorized } from "../http/errors.ts";
import type { Settings } from "../settings.ts";
import { presentUser } from "../users/present.ts";
import { verifyPassword } from "./passwords.ts";
import { loginSchema } from "./schemas.ts";
import { loginGuards } from "./limits.ts";
import { actorOf } from "./middleware.ts";
import { signToken } from "./tokens.ts";

export function authRoutes(prisma: PrismaClient, settings: Settings, authenticated: Router, redis?: Redis) {
  const router = Router();

  router.post("/auth/login", ...loginGuards(settings, redis), async (req, res) => {
    const { email, password } = loginSchema.parse(req.body);
    const user = await prisma.user.findUnique({ where: { email } });
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw unauthorized("Invalid email or password");
    res.json({ token: signToken(user, settings), user: presentUser(user) });
  });

  authenticated.get("/auth/me", async (_req, res) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: actorOf(res).id } });
    res.json(presentUser(user));
  });

  return router;
}
