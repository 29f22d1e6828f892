import { z } from "zod";
import { userJsonSchema } from "../users/schemas.ts";

export const loginSchema = z.object({
  email: z.string({ message: "email is required" }).trim().toLowerCase().email("must be an email address").max(254),
  password: z.string({ message: "password is required" }).min(1, "password is required").max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const sessionJsonSchema = z
  .object({ token: z.string().describe("A JWT to send as `Authorization: Bearer …`"), user: userJsonSchema })
  .meta({ id: "Session" });
