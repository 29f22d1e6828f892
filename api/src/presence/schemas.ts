import { z } from "zod";

/** What an admin on a ticket is doing: looking at it, typing a reply or a note, or gone. */
export const presenceSchema = z.object({
  state: z.enum(["viewing", "typing", "left"], { message: 'state must be "viewing", "typing" or "left"' }),
});
export type PresenceInput = z.infer<typeof presenceSchema>;
