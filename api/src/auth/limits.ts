import { createHash } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit, type Store } from "express-rate-limit";
import type { Redis } from "ioredis";
import { RedisStore } from "rate-limit-redis";
import { fairAdmission } from "../http/fairAdmission.ts";
import type { Settings } from "../settings.ts";

const emailOf = (req: Request) => (typeof req.body?.email === "string" ? req.body.email.trim().toLowerCase() : "");
const addressOf = (req: Request) => ipKeyGenerator(req.ip ?? "");

/** With Redis, every process counts in the same place; without, each process counts its own. */
function storeFor(redis: Redis | undefined, prefix: string): Store | undefined {
  if (!redis) return undefined;
  const sendCommand = async (command: string, ...args: string[]) => {
    try {
      return (await redis.call(command, ...args)) as number | string;
    } catch (error) {
      // The store loads its scripts once at start and would keep that failure forever if Redis was down then:
      // answer the script's SHA1 (what Redis would), so that the first EVALSHA after Redis is back reloads it.
      if (command.toUpperCase() === "SCRIPT" && args[0]?.toUpperCase() === "LOAD") return createHash("sha1").update(args[1]).digest("hex");
      throw error;
    }
  };
  return new RedisStore({ prefix, sendCommand });
}

/**
 * What stands before a password is checked:
 * - failures per address *and* email (a person mistyping) and per address across all emails (password spraying);
 *   only failures count, so a person who types his password right is never slowed down;
 * - a bounded number of hashes at once (argon2 takes a core each), shared fairly between addresses: a flood from a
 *   few of them waits in their own lines (429 beyond) while everyone else still signs in.
 */
export function loginGuards(settings: Settings, redis?: Redis): RequestHandler[] {
  const { maxFailures, maxFailuresPerAddress, windowMs, concurrentHashes } = settings.login;
  const limiter = (name: string, limit: number, key: (req: Request) => string) =>
    rateLimit({
      windowMs,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      // Redis unreachable: logins go on (each failure still costs a hash) rather than nobody signing in.
      passOnStoreError: true,
      store: storeFor(redis, `${settings.redisPrefix}:login:${name}:`),
      keyGenerator: key,
      handler: (_req, res, _next, options) => {
        res.status(options.statusCode).json({ code: "rate_limited", message: "Too many failed login attempts, try again later" });
      },
    });
  const hashing = fairAdmission({ concurrency: concurrentHashes, queuePerKey: 2, maxWaitMs: 5000, keyOf: addressOf });
  return [
    limiter("address", maxFailuresPerAddress, addressOf),
    limiter("email", maxFailures, (req) => `${addressOf(req)}|${emailOf(req)}`),
    hashing.middleware,
  ];
}
