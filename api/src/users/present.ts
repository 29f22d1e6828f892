import type { User } from "../generated/prisma/client.ts";

/** A user as the API shows him: never the password hash. */
export function presentUser({ passwordHash: _hidden, ...user }: User) {
  return user;
}
export type UserJson = ReturnType<typeof presentUser>;
