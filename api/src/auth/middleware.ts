import type { RequestHandler, Response } from "express";
import type { Actor } from "../access/policy.ts";
import { assertAdmin } from "../access/policy.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { unauthorized } from "../http/errors.ts";
import { verifyToken } from "./tokens.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      actor?: Actor;
    }
  }
}

/**
 * Checks the Bearer token and loads its user on every request, so that a deactivated user
 * or a changed role takes effect at once, whatever tokens he still holds.
 */
export function authenticate(prisma: PrismaClient, secret: string): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized();
    const claims = verifyToken(match[1], secret);
    if (!claims) throw unauthorized("Invalid or expired token");
    const user = await prisma.user.findUnique({
      where: { id: Number(claims.sub) },
      select: { id: true, role: true, name: true, email: true, active: true },
    });
    if (!user || !user.active || user.role !== claims.role) throw unauthorized("Invalid or expired token");
    res.locals.actor = { id: user.id, role: user.role, name: user.name, email: user.email };
    next();
  };
}

export const requireAdmin: RequestHandler = (_req, res, next) => {
  assertAdmin(actorOf(res));
  next();
};

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor;
  if (!actor) throw unauthorized();
  return actor;
}
