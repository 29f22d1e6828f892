import { categoryScope, type Actor } from "../access/policy.ts";
import type { Category, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { conflict, notFound } from "../http/errors.ts";
import type { CreateCategoryInput, ListCategoriesQuery, UpdateCategoryInput } from "./schemas.ts";

/** What makes two names the same category: case and surrounding spaces do not count. */
const nameKeyOf = (name: string) => name.trim().toLocaleLowerCase("fr");

export function presentCategory({ nameKey: _key, ...category }: Category) {
  return category;
}

const nameTaken = () => conflict("A category with this name already exists", { name: "A category with this name already exists" }, "name_taken");

/** Categories: every signed-in user reads them (a pro only the active ones); admins create, rename and archive. */
export function categoriesService(prisma: PrismaClient) {
  /** A pro never learns of an archived category: it answers 404 like a missing one. */
  const scope = categoryScope;

  async function write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw nameTaken();
      throw error;
    }
  }

  return {
    async list(actor: Actor, { filter, sort, range }: ListCategoriesQuery) {
      const where: Prisma.CategoryWhereInput = {
        AND: [
          scope(actor),
          {
            active: filter.active,
            id: filter.id ? { in: filter.id } : undefined,
            name: filter.q ? { contains: filter.q, mode: "insensitive" } : undefined,
          },
        ],
      };
      const [total, rows] = await Promise.all([
        prisma.category.count({ where }),
        prisma.category.findMany({ where, orderBy: [{ [sort.field]: sort.order }, { id: sort.order }], ...range }),
      ]);
      return { total, rows: rows.map(presentCategory) };
    },

    async get(actor: Actor, id: number) {
      const category = await prisma.category.findFirst({ where: { id, ...scope(actor) } });
      if (!category) throw notFound("Category not found");
      return presentCategory(category);
    },

    create: (input: CreateCategoryInput) =>
      write(async () =>
        presentCategory(await prisma.category.create({ data: { name: input.name, nameKey: nameKeyOf(input.name), description: input.description ?? "" } })),
      ),

    async update(id: number, input: UpdateCategoryInput) {
      const exists = await prisma.category.findUnique({ where: { id }, select: { id: true } });
      if (!exists) throw notFound("Category not found");
      return write(async () =>
        presentCategory(
          await prisma.category.update({
            where: { id },
            data: { ...(input.name !== undefined && { name: input.name, nameKey: nameKeyOf(input.name) }), description: input.description, active: input.active },
          }),
        ),
      );
    },
  };
}
