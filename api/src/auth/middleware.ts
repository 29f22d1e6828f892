import type { RequestHandler } from "express";
import { unauthorized } from "../http/errors.ts";
import type { AccountCache } from "../users/accounts.ts";
import { ofGeneration, verifyToken } from "./tokens.ts";

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
    if (!user || user.role !== claims.role || !ofGeneration(claims, user.tokenGeneration)) {
      throw unauthorized("Invalid or expired token", "session_expired");
    }
    res.locals.actor = { id: user.id, role: user.role, name: user.name, email: user.email };
    next();
  };
}
