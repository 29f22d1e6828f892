import { hashPassword } from "../auth/passwords.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { conflict, notFound } from "../http/errors.ts";
import { presentUser } from "./present.ts";
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from "./schemas.ts";

export function usersService(prisma: PrismaClient) {
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
          throw conflict("This email is already used", { email: "This email is already used" });
        }
        throw error;
      }
    },

    async update(id: number, data: UpdateUserInput) {
      await this.get(id);
      return presentUser(await prisma.user.update({ where: { id }, data }));
    },
  };
}
