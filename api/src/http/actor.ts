import type { RequestHandler, Response } from "express";
import { isAdmin, type Actor } from "../access/policy.ts";
import { forbidden, unauthorized } from "./errors.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      actor?: Actor;
    }
  }
}

/** The caller, as the session check (auth/middleware.ts) put him on the response. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor;
  if (!actor) throw unauthorized();
  return actor;
}

/** Admins only: anyone else gets 403. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (!isAdmin(actorOf(res))) throw forbidden();
  next();
};
