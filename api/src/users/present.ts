import type { User } from "../generated/prisma/client.ts";

/** A user as the API shows him: never the password hash, nor when his older tokens stopped counting. */
export function presentUser({ passwordHash: _hidden, tokensValidAfter: _internal, ...user }: User) {
  return user;
}
export type UserJson = ReturnType<typeof presentUser>;
