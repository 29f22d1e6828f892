import { Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { unauthorized } from "../http/errors.ts";
import type { Settings } from "../settings.ts";
import { presentUser } from "../users/present.ts";
import { verifyPassword } from "./passwords.ts";
import { loginSchema } from "./schemas.ts";
import { actorOf } from "./middleware.ts";
import { signToken } from "./tokens.ts";

export function authRoutes(prisma: PrismaClient, settings: Settings, authenticated: Router) {
  const router = Router();

  // Only failures count: a person who types his password right is never slowed down.
  const loginLimiter = rateLimit({
    windowMs: settings.login.windowMs,
    limit: settings.login.maxFailures,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === "string" ? req.body.email.trim().toLowerCase() : "";
      return `${ipKeyGenerator(req.ip ?? "")}|${email}`;
    },
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({ message: "Too many failed login attempts, try again later" });
    },
  });

  router.post("/auth/login", loginLimiter, async (req, res) => {
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
