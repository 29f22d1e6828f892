import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import type { User } from "../generated/prisma/client.ts";
import { MAX_ID } from "../http/simpleRest.ts";

/** The claims a token carries; the host platform may issue tokens with the same secret and claims. */
const claimsSchema = z.object({
  sub: z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .refine((id) => id >= 1 && id <= MAX_ID),
  role: z.enum(["PROFESSIONAL", "ADMIN"]),
  /** Issued at, in seconds (jsonwebtoken always sets it; a host platform's tokens must too). */
  iat: z.number().int().nonnegative(),
  /** The account's token generation when it was issued (none: 0). */
  gen: z.number().int().nonnegative().max(2_147_483_647).default(0),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

export type TokenSettings = { jwtSecret: string; jwtExpiresIn: string };

// jsonwebtoken turns a string secret into a KeyObject on every call (most of a verify's cost): make it once per secret.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  return key;
}

export function signToken(user: Pick<User, "id" | "role"> & Partial<Pick<User, "tokenGeneration">>, settings: TokenSettings): string {
  const expiresIn = /^\d+$/.test(settings.jwtExpiresIn) ? Number(settings.jwtExpiresIn) : settings.jwtExpiresIn;
  return jwt.sign({ role: user.role, gen: user.tokenGeneration ?? 0 }, keyOf(settings.jwtSecret), {
    algorithm: "HS256",
    subject: String(user.id),
    expiresIn: expiresIn as jwt.SignOptions["expiresIn"],
  });
}

/** Returns the claims, or null for anything not signed by us with HS256 and unexpired (including `alg: none`). */
export function verifyToken(token: string, secret: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ["HS256"] });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}

/**
 * A token of an earlier generation (issued before the account's last deactivation) is refused, even once it is
 * reactivated; one issued since counts at once — no clocks compared.
 */
export const ofGeneration = (claims: TokenClaims, tokenGeneration: number): boolean => claims.gen === tokenGeneration;
