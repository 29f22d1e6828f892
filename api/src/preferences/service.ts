import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Preferences } from "./schemas.ts";

const select = { emailNotifications: true, language: true } as const;

/** A user's own settings: whether he gets emails, and in which language. */
export function preferencesService(prisma: PrismaClient) {
  return {
    get: (userId: number) => prisma.user.findUniqueOrThrow({ where: { id: userId }, select }) as Promise<Preferences>,
    update: (userId: number, changes: Partial<Preferences>) => prisma.user.update({ where: { id: userId }, data: changes, select }) as Promise<Preferences>,
  };
}
