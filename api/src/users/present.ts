import type { User } from "../generated/prisma/client.ts";

/** A user as the API shows him: never the password hash, nor which generation of tokens counts. */
export function presentUser({ passwordHash: _hidden, tokenGeneration: _internal, ...user }: User) {
  return user;
}
export type UserJson = ReturnType<typeof presentUser>;
