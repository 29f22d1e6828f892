import { z } from "zod";
import { idsFilter, listQuery } from "../http/simpleRest.ts";

const name = z.string({ message: "name is required" }).trim().min(1, "name is required").max(80, "name must be at most 80 characters");
const description = z.string({ message: "description must be text" }).trim().max(500, "description must be at most 500 characters");

export const createCategorySchema = z.object({ name, description: description.optional() });
export type CreateCategoryInput = z.infer<typeof createCategorySchema>;

/** Partial; `active: false` archives (there is no delete). Other fields of a full record are ignored. */
export const updateCategorySchema = z
  .object({ name: name.optional(), description: description.optional(), active: z.boolean({ message: "active must be true or false" }).optional() })
  .loose()
  .transform(({ name, description, active }) => ({ name, description, active }));
export type UpdateCategoryInput = z.infer<typeof updateCategorySchema>;

export const listCategoriesQuery = listQuery({
  filter: z.object({ q: z.string().trim().max(200).optional(), active: z.boolean().optional(), id: idsFilter }),
  sortFields: ["id", "name", "createdAt", "active"],
  defaultSort: ["name", "ASC"],
});
export type ListCategoriesQuery = z.infer<typeof listCategoriesQuery>;

export const categoryJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    active: z.boolean().describe("false: archived — tickets keep it, new ones cannot choose it"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Category" });
