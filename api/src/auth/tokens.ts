import jwt from "jsonwebtoken";
import { z } from "zod";
import type { User } from "../generated/prisma/client.ts";

/** The claims a token carries; the host platform may issue tokens with the same secret and claims. */
const claimsSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  role: z.enum(["PROFESSIONAL", "ADMIN"]),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

export type TokenSettings = { jwtSecret: string; jwtExpiresIn: string };

export function signToken(user: Pick<User, "id" | "role">, settings: TokenSettings): string {
  const expiresIn = /^\d+$/.test(settings.jwtExpiresIn) ? Number(settings.jwtExpiresIn) : settings.jwtExpiresIn;
  return jwt.sign({ role: user.role }, settings.jwtSecret, {
    algorithm: "HS256",
    subject: String(user.id),
    expiresIn: expiresIn as jwt.SignOptions["expiresIn"],
  });
}

/** Returns the claims, or null for anything not signed by us with HS256 and unexpired (including `alg: none`). */
export function verifyToken(token: string, secret: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ["HS256"] });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}
