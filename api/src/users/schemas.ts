import { z } from "zod";
import { newPasswordSchema } from "./passwordPolicy.ts";
import { idsFilter, listQuery } from "../http/simpleRest.ts";

const name = z.string({ message: "name is required" }).trim().min(1, "name is required").max(120, "at most 120 characters");

export const createUserSchema = z.object({
  email: z.string({ message: "email is required" }).trim().toLowerCase().email("must be an email address").max(254),
  name,
  role: z.enum(["PROFESSIONAL", "ADMIN"], { message: "role must be PROFESSIONAL or ADMIN" }),
  password: newPasswordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ name: name.optional(), active: z.boolean({ message: "active must be true or false" }).optional() })
  // react-admin's edit form sends the whole record back: fields that cannot change are ignored, not refused.
  .loose()
  .transform(({ name, active }) => ({ name, active }));
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const listUsersQuery = listQuery({
  filter: z.object({
    q: z.string().trim().max(200).optional(),
    role: z.enum(["PROFESSIONAL", "ADMIN"]).optional(),
    active: z.boolean().optional(),
    id: idsFilter,
  }),
  sortFields: ["id", "name", "email", "role", "active", "createdAt", "updatedAt"],
  defaultSort: ["name", "ASC"],
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userJsonSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["PROFESSIONAL", "ADMIN"]),
    active: z.boolean(),
    emailNotifications: z.boolean().describe("Whether he gets emails when the other side wrote"),
    language: z.enum(["fr", "en"]).describe("The language of his emails"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "User" });
