import type { Actor } from "../access/policy.ts";
import type { AccountCache } from "./accounts.ts";
import { hashPassword } from "./passwords.ts";
import type { EventBus } from "../events/bus.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { conflict, notFound } from "../http/errors.ts";
import { presentUser } from "./present.ts";
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from "./schemas.ts";

export function usersService(prisma: PrismaClient, accounts: AccountCache, events: EventBus) {
  return {
    async list({ filter, sort, range }: ListUsersQuery) {
      const where: Prisma.UserWhereInput = {
        role: filter.role,
        active: filter.active,
        id: filter.id ? { in: filter.id } : undefined,
        ...(filter.q && {
          OR: [
            { name: { contains: filter.q, mode: "insensitive" } },
            { email: { contains: filter.q, mode: "insensitive" } },
          ],
        }),
      };
      const [total, rows] = await prisma.$transaction([
        prisma.user.count({ where }),
        prisma.user.findMany({ where, orderBy: [{ [sort.field]: sort.order }, { id: "asc" }], ...range }),
      ]);
      return { total, rows: rows.map(presentUser) };
    },

    async get(id: number) {
      const user = await prisma.user.findUnique({ where: { id } });
      if (!user) throw notFound("User not found");
      return presentUser(user);
    },

    async create({ password, ...data }: CreateUserInput) {
      try {
        const user = await prisma.user.create({ data: { ...data, passwordHash: await hashPassword(password) } });
        return presentUser(user);
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw conflict("This email is already used", { email: "This email is already used" }, "email_taken");
        }
        throw error;
      }
    },

    /**
     * Deactivating refuses every token issued so far (even after a reactivation) and closes the user's streams on
     * every process. Nobody may deactivate himself, nor the last active admin: the console would lock everyone out.
     */
    async update(actor: Actor, id: number, data: UpdateUserInput) {
      const user = await prisma.$transaction(async (tx) => {
        const current = await tx.user.findUnique({ where: { id } });
        if (!current) throw notFound("User not found");
        const deactivating = data.active === false && current.active;
        if (deactivating && id === actor.id) {
          throw conflict("You cannot deactivate your own account", { active: "You cannot deactivate your own account" }, "own_account");
        }
        if (deactivating && current.role === "ADMIN") {
          // Locks the active admins' rows so that two admins deactivated at once cannot leave none.
          const admins = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND active FOR UPDATE`;
          if (admins.every((admin) => admin.id === id)) {
            throw conflict("The last active admin cannot be deactivated", { active: "The last active admin cannot be deactivated" }, "last_admin");
          }
        }
        return tx.user.update({ where: { id }, data: { ...data, ...(deactivating && { tokenGeneration: { increment: 1 } }) } });
      });
      accounts.forget(id);
      events.publish({ type: "account.changed", userId: id, active: user.active });
      return presentUser(user);
    },
  };
}
