import { z } from "zod";
import { idValue } from "../http/simpleRest.ts";

/** What the new-conversation form has typed so far, and (admins) for which pro. */
export const suggestionsQuery = z.object({
  subject: z.string({ message: "subject is required" }).trim().max(200, "subject must be at most 200 characters"),
  professionalId: idValue("professionalId").optional(),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;
