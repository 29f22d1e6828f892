import { z } from "zod";
import { idsFilter, idValue, listQuery } from "../http/simpleRest.ts";
import { templateProblem } from "./render.ts";

const name = z.string({ message: "name is required" }).trim().min(1, "name is required").max(80, "name must be at most 80 characters");
const content = z
  .string({ message: "content is required" })
  .trim()
  .min(1, "content is required")
  .max(10_000, "content must be at most 10,000 characters")
  .superRefine((text, context) => {
    const problem = templateProblem(text);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
/** Typed after "/" at the start of a reply: letters, digits, "-" and "_", stored in lower case. */
const shortcut = z
  .string({ message: "shortcut must be text" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,30}$/, "shortcut must be 1 to 30 letters, digits, - or _ (without the /)");
const categoryId = idValue("categoryId").nullable();

export const createTemplateSchema = z.object({
  name,
  content,
  categoryId: categoryId.optional(),
  shortcut: z.union([shortcut, z.literal("").transform(() => null), z.null()]).optional(),
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

/** Partial; other fields of a full record sent back (usageCount, …) are ignored. */
export const updateTemplateSchema = z
  .object(createTemplateSchema.partial().shape)
  .loose()
  .transform(({ name, content, categoryId, shortcut }) => ({ name, content, categoryId, shortcut }));
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

export const listTemplatesQuery = listQuery({
  filter: z.object({ q: z.string().trim().max(200).optional(), categoryId: idValue("categoryId").nullable().optional(), id: idsFilter }),
  sortFields: ["id", "name", "usageCount", "lastUsedAt", "createdAt"],
  defaultSort: ["name", "ASC"],
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

export const renderTemplateSchema = z.object({ conversationId: idValue("conversationId") });

export const templateJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    content: z.string().describe("With {{variables}}: pro.name, pro.firstName, pro.email, admin.name, admin.firstName, conversation.id, conversation.subject, category.name"),
    categoryId: z.number().int().nullable(),
    shortcut: z.string().nullable().describe('Typed as "/shortcut" at the start of a reply'),
    usageCount: z.number().int(),
    lastUsedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Template" });
