import type { RequestHandler, Response } from "express";
import type { Actor } from "../access/policy.ts";
import { assertAdmin } from "../access/policy.ts";
import { unauthorized } from "../http/errors.ts";
import type { AccountCache } from "./accounts.ts";
import { issuedInTime, verifyToken } from "./tokens.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      actor?: Actor;
    }
  }
}

/**
 * Checks the Bearer token and its user on every request, so that a deactivated user, a changed role or a token
 * issued before the last deactivation is refused at once, whatever tokens he still holds.
 */
export function authenticate(accounts: AccountCache, secret: string): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized();
    const claims = verifyToken(match[1], secret);
    if (!claims) throw unauthorized("Invalid or expired token", "session_expired");
    const user = await accounts.get(claims.sub);
    if (user && !user.active) throw unauthorized("This account has been deactivated", "account_disabled");
    if (!user || user.role !== claims.role || !issuedInTime(claims, user.tokensValidAfter)) {
      throw unauthorized("Invalid or expired token", "session_expired");
    }
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
