import type { Actor } from "../access/policy.ts";
import type { Prisma, PrismaClient, Template } from "../generated/prisma/client.ts";
import { badRequest, conflict, notFound } from "../http/errors.ts";
import { firstNameOf, renderTemplate } from "./render.ts";
import type { CreateTemplateInput, ListTemplatesQuery, UpdateTemplateInput } from "./schemas.ts";

/** A template as the API answers it: dates in ISO, as everywhere. */
export const presentTemplate = (template: Template) => template;

/** Réponses types: admins only (the routes say so), every admin shares them. */
export function templatesService(prisma: PrismaClient) {
  async function write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "P2002") throw conflict("Another template already has this shortcut", { shortcut: "Another template already has this shortcut" }, "shortcut_taken");
      if (code === "P2003") throw badRequest("No category with this id", { categoryId: "No category with this id" });
      throw error;
    }
  }
  async function existing(id: number) {
    const template = await prisma.template.findUnique({ where: { id } });
    if (!template) throw notFound("Template not found");
    return template;
  }

  return {
    async list({ filter, sort, range }: ListTemplatesQuery) {
      const where: Prisma.TemplateWhereInput = {
        id: filter.id ? { in: filter.id } : undefined,
        categoryId: filter.categoryId,
        name: filter.q ? { contains: filter.q, mode: "insensitive" } : undefined,
      };
      const [total, rows] = await Promise.all([
        prisma.template.count({ where }),
        prisma.template.findMany({
          where,
          // Never used yet: last, whichever the direction.
          orderBy: [sort.field === "lastUsedAt" ? { lastUsedAt: { sort: sort.order, nulls: "last" } } : { [sort.field]: sort.order }, { id: sort.order }],
          ...range,
        }),
      ]);
      return { total, rows: rows.map(presentTemplate) };
    },

    get: async (id: number) => presentTemplate(await existing(id)),

    create: (input: CreateTemplateInput) =>
      write(async () =>
        presentTemplate(await prisma.template.create({ data: { name: input.name, content: input.content, categoryId: input.categoryId ?? null, shortcut: input.shortcut ?? null } })),
      ),

    async update(id: number, input: UpdateTemplateInput) {
      await existing(id);
      return write(async () => presentTemplate(await prisma.template.update({ where: { id }, data: input })));
    },

    async remove(id: number) {
      const template = await existing(id);
      await prisma.template.delete({ where: { id } });
      return presentTemplate(template);
    },

    /** The template filled for one ticket, by the admin who will send it; counts a use. */
    async render(actor: Actor, id: number, conversationId: number) {
      const [template, conversation] = await Promise.all([
        existing(id),
        prisma.conversation.findUnique({
          where: { id: conversationId },
          select: { id: true, subject: true, professional: { select: { name: true, email: true } }, category: { select: { name: true } } },
        }),
      ]);
      if (!conversation) throw notFound("Conversation not found");
      const content = renderTemplate(template.content, {
        "pro.name": conversation.professional.name,
        "pro.firstName": firstNameOf(conversation.professional.name),
        "pro.email": conversation.professional.email,
        "admin.name": actor.name,
        "admin.firstName": firstNameOf(actor.name),
        "conversation.id": String(conversation.id),
        "conversation.subject": conversation.subject,
        "category.name": conversation.category?.name ?? "",
      });
      await prisma.template.update({ where: { id }, data: { usageCount: { increment: 1 }, lastUsedAt: new Date() } });
      return { content };
    },
  };
}
