import { z } from "zod";

export const LANGUAGES = ["fr", "en"] as const;

export const preferencesJsonSchema = z
  .object({
    emailNotifications: z.boolean().describe("Emails when the other side wrote and it stays unread"),
    language: z.enum(LANGUAGES).describe("The language of the emails"),
  })
  .meta({ id: "Preferences" });
export type Preferences = z.infer<typeof preferencesJsonSchema>;

/** PUT: partial, at least one field. */
export const updatePreferencesSchema = z
  .object({
    emailNotifications: z.boolean({ message: "emailNotifications must be true or false" }).optional(),
    language: z.enum(LANGUAGES, { message: 'language must be "fr" or "en"' }).optional(),
  })
  .strict()
  .refine((body) => body.emailNotifications !== undefined || body.language !== undefined, { message: "Send emailNotifications or language" });
